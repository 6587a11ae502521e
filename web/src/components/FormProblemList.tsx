/**
 * The list under a form's error summary: 「メールアドレス：メールアドレスを入力してください。」, one line a problem. Where the
 * form says which element holds a field (`fieldIdOf`), the field's label is a link that takes the focus to it.
 */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormProblem } from './form-problems';

type Props = {
  problems: readonly FormProblem[];
  /** The id of the element of a field (its input, or a group that holds its inputs); none for no link. */
  fieldIdOf?: ((path: string) => string | undefined) | undefined;
};

/** Focuses the field (the first control of a group) and brings it into view, without changing the URL. */
function goToField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  const control = target.matches('input, select, textarea')
    ? target
    : target.querySelector<HTMLElement>('input, select, textarea, button');
  target.scrollIntoView({ block: 'center' });
  control?.focus({ preventScroll: true });
}

export function FormProblemList({ problems, fieldIdOf }: Props) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul className="form-problem-list">
      {problems.map((problem) => {
        const id = fieldIdOf?.(problem.path);
        const text = problem.label ? (
          <>
            <strong>{t('common.labelColon', { label: problem.label })}</strong>
            {problem.message}
          </>
        ) : (
          problem.message
        );
        return (
          <li key={`${problem.path}:${problem.message}`}>
            {id ? (
              <a href={`#${id}`} onClick={(event) => goToField(event, id)}>
                {text}
              </a>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}
