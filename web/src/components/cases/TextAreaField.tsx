/** A textarea with its visible label, an optional hint and its error (the TextField of longer text). */
import { useId, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/** `id` only where something links to the textarea (a form's list of problems); else it is generated. */
type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
};

export function TextAreaField({ label, hint, error, className, rows = 3, id: givenId, ...textarea }: Props) {
  const { t } = useTranslation();
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {textarea.required ? (
          <span className="required-mark" aria-hidden="true">
            {t('common.required')}
          </span>
        ) : null}
      </label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={rows}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...textarea}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
