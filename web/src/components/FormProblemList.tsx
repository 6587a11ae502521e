/** The list under a form's error summary: 「メールアドレス：メールアドレスを入力してください。」, one line a problem. */
import { useTranslation } from 'react-i18next';
import type { FormProblem } from './form-problems';

export function FormProblemList({ problems }: { problems: readonly FormProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul className="form-problem-list">
      {problems.map((problem) => (
        <li key={`${problem.path}:${problem.message}`}>
          {problem.label ? (
            <>
              <strong>{t('common.labelColon', { label: problem.label })}</strong>
              {problem.message}
            </>
          ) : (
            problem.message
          )}
        </li>
      ))}
    </ul>
  );
}
