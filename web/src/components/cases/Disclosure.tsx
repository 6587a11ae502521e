/** A button that opens and closes a panel below it (aria-expanded + aria-controls): forms that act on a case. */
import { useId, useState, type ReactNode } from 'react';

type Props = {
  label: string;
  children: (close: () => void) => ReactNode;
  tone?: 'primary' | 'secondary' | 'danger';
  size?: 'normal' | 'small';
  isInitiallyOpen?: boolean;
};

export function Disclosure({ label, children, tone = 'secondary', size = 'normal', isInitiallyOpen = false }: Props) {
  const id = useId();
  const [isOpen, setOpen] = useState(isInitiallyOpen);
  const className = [
    'button',
    tone === 'danger' ? 'button-danger' : tone === 'secondary' ? 'button-secondary' : '',
    size === 'small' ? 'button-small' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={isOpen ? 'disclosure is-open' : 'disclosure'}>
      <button
        type="button"
        className={className}
        aria-expanded={isOpen}
        aria-controls={id}
        onClick={() => setOpen((open) => !open)}
      >
        {label}
      </button>
      <div id={id} className="disclosure-panel" hidden={!isOpen}>
        {isOpen ? children(() => setOpen(false)) : null}
      </div>
    </div>
  );
}
