/** Shows an API error in words (the server's message; in English by its code), inside a live region that is always present. */
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { apiErrorDetailText, apiErrorText } from '../i18n/server-text';
import { readersMessageOf } from '../api/readers-message';

/** The sentence to show for an error of any kind (a page's own sentence, in the reader's language, as it is). */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error: unknown) => {
    const readersMessage = readersMessageOf(error);
    if (readersMessage !== null) return readersMessage;
    if (isApiError(error)) {
      if (error.status === 0) return t('errors.network');
      if (error.message) return apiErrorText(i18n, error);
      return t('errors.unknown', { status: error.status });
    }
    return t('errors.unexpected');
  };
}

type Props = {
  error: unknown;
  /** Also list the field messages of a 400 (when the form does not show them next to the fields). */
  showDetails?: boolean;
};

export function ErrorAlert({ error, showDetails = false }: Props) {
  const errorText = useErrorText();
  const { i18n } = useTranslation();
  const details = showDetails && isApiError(error) ? error.details : [];
  return (
    <div className="alert-region" role="alert">
      {error ? (
        <div className="alert alert-error">
          <p>{errorText(error)}</p>
          {details.length > 0 && (
            <ul>
              {details.map((detail) => (
                <li key={`${detail.path}:${detail.message}`}>{apiErrorDetailText(i18n, detail)}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
