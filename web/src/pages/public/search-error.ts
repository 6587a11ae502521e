/**
 * Errors of a place search in the reader's language. The server explains a place it could not locate in Japanese
 * (「…の位置を特定できませんでした…」, 「…は岡山市外…」); its code is machine-readable, so a page shown in another
 * language puts its own sentence in place of the Japanese one. Japanese readers keep the server's message.
 */
import { ApiError, isApiError } from '../../api/client';
import { withReadersMessage } from '../../api/readers-message';

/**
 * The codes of a place that could not be located, as the error's reason (or its code: `not_found` is
 * the place lookup's answer, GET public/geocode).
 */
export type PlaceErrorKind = 'notFound' | 'outsideCity';

function placeErrorKind(code: string): PlaceErrorKind | null {
  switch (code) {
    case 'location_not_found':
    case 'not_found':
      return 'notFound';
    case 'location_outside_city':
      return 'outsideCity';
    default:
      return null;
  }
}

/**
 * The error to show: unchanged in Japanese and for other errors; otherwise the same error with `translate`'s
 * sentence for its kind as the message.
 */
export function placeErrorInLanguage(
  error: unknown,
  language: string,
  translate: (kind: PlaceErrorKind) => string,
): unknown {
  if (!isApiError(error) || language.startsWith('ja')) return error;
  const kind = placeErrorKind(error.specificCode);
  if (!kind) return error;
  // The page's sentence is shown as it is (ErrorAlert), not replaced by the general one for the error's code.
  return withReadersMessage(new ApiError(error.status, error.code, translate(kind), error.details, error.reason));
}
