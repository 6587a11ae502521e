/** Shows an API error in words (the server's Japanese message), inside a live region that is always present. */
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/** The sentence to show for an error of any kind. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (isApiError(error)) {
      if (error.status === 0) return t('errors.network');
      if (error.message) return error.message;
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
  const details = showDetails && isApiError(error) ? error.details : [];
  return (
    <div className="alert-region" role="alert">
      {error ? (
        <div className="alert alert-error">
          <p>{errorText(error)}</p>
          {details.length > 0 && (
            <ul>
              {details.map((detail) => (
                <li key={`${detail.path}:${detail.message}`}>{detail.message}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
