/**
 * A textarea with its visible label, an optional hint and its error (the TextField of longer text). With `maxLength`
 * it counts the characters as the server does (code points) instead of cutting a pasted text short without a word:
 * the counter turns into an error past the limit, and the form's own check or the server refuses to save it.
 */
import { useId, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/** `id` only where something links to the textarea (a form's list of problems); else it is generated. */
type Props = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
};

export function TextAreaField({ label, hint, error, className, rows = 3, id: givenId, maxLength, ...textarea }: Props) {
  const { t } = useTranslation();
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const length = Array.from(typeof textarea.value === 'string' ? textarea.value : '').length;
  const isOver = maxLength !== undefined && length > maxLength;
  const describedBy =
    [hint ? `${id}-hint` : null, maxLength !== undefined ? `${id}-count` : null, error ? `${id}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;
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
        aria-invalid={error || isOver ? true : undefined}
        {...textarea}
      />
      {maxLength !== undefined ? (
        <p className={isOver ? 'field-count field-error' : 'field-count small muted'} id={`${id}-count`}>
          {isOver
            ? t('common.characterCountOver', { count: length, max: maxLength })
            : t('common.characterCount', { count: length, max: maxLength })}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
