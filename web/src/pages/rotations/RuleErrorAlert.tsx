/**
 * An API error on the rotation pages that may name broken rules (a swap 422 `swap_breaks_rules`): the top line, then
 * each broken rule once — in Japanese the top line already states the first, so only the others are listed; in
 * English the top line is general and every rule is listed, said from its code and values (`violation.<rule>`),
 * the dates in the reader's language. Any other error is shown as everywhere else.
 */
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { apiErrorText } from '../../i18n/server-text';
import { ErrorAlert } from '../../components/ErrorAlert';
import { violationText, type Detail } from './violation-text';

export function RuleErrorAlert({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation('rotations');
  const details = isApiError(error) ? (error.details as Detail[]) : [];
  if (!isApiError(error) || !details.some((detail) => detail.code?.startsWith('rule_')))
    return <ErrorAlert error={error} showDetails />;
  const headline = apiErrorText(i18n, error);
  const listed = i18n.language === 'en' ? details : details.filter((detail) => !headline.includes(detail.message));
  return (
    <div className="alert-region" role="alert">
      <div className="alert alert-error">
        <p>{headline}</p>
        {listed.length > 0 ? (
          <ul>
            {listed.map((detail) => (
              <li key={`${detail.path}:${detail.message}`}>{violationText(t, i18n.language, detail)}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
