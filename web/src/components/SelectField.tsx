/** A select with its visible label and an optional error. */
import { useTranslation } from 'react-i18next';
import { useId, type ReactNode, type SelectHTMLAttributes } from 'react';

/** `id` only where something links to the select (a form's list of problems); else it is generated. */
type Props = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  error?: string | undefined;
  children: ReactNode;
};

export function SelectField({ label, error, className, children, id: givenId, ...select }: Props) {
  const { t } = useTranslation();
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const errorId = `${id}-error`;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {select.required ? (
          <span className="required-mark" aria-hidden="true">
            {t('common.required')}
          </span>
        ) : null}
      </label>
      <select
        id={id}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error ? true : undefined}
        {...select}
      >
        {children}
      </select>
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
