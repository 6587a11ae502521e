/** A button that opens and closes a panel below it (aria-expanded + aria-controls): forms that act on a case. */
import { useId, useState, type ReactNode } from 'react';

type Props = {
  label: string;
  /**
   * The button's accessible name when several buttons of the page share the visible label (「主治医の候補を探す」 for
   * 「候補を探す」): it must contain the visible label.
   */
  accessibleLabel?: string | undefined;
  children: (close: () => void) => ReactNode;
  tone?: 'primary' | 'secondary' | 'danger';
  size?: 'normal' | 'small';
  isInitiallyOpen?: boolean;
};

export function Disclosure({
  label,
  accessibleLabel,
  children,
  tone = 'secondary',
  size = 'normal',
  isInitiallyOpen = false,
}: Props) {
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
        aria-label={accessibleLabel}
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
