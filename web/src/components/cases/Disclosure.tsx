/**
 * A button that opens and closes a panel below it (aria-expanded + aria-controls): forms that act on a case. Closed
 * from inside, the focus returns to the button.
 */
import { useId, useRef, useState, type ReactNode } from 'react';

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
  const button = useRef<HTMLButtonElement>(null);
  // Closing from inside (a form sent, cancelled) takes the focus back to the button: the panel that held it is gone,
  // and a keyboard or screen-reader user would otherwise start again from the top of the page.
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
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
        ref={button}
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
        {isOpen ? children(close) : null}
      </div>
    </div>
  );
}
