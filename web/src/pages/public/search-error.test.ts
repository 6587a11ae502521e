import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { placeErrorInLanguage } from './search-error';

const translate = (kind: string) => `translated ${kind}`;

describe('placeErrorInLanguage', () => {
  const notFound = new ApiError(
    400,
    'validation_failed',
    '「どこでもない町」の位置を特定できませんでした。',
    [],
    'location_not_found',
  );
  const outside = new ApiError(
    400,
    'validation_failed',
    '「東京都千代田区千代田1-1」は岡山市外（東京都）…',
    [],
    'location_outside_city',
  );

  it('keeps the server’s Japanese message for Japanese readers', () => {
    expect(placeErrorInLanguage(notFound, 'ja', translate)).toBe(notFound);
  });

  it('shows the page’s own sentence, chosen by the error’s reason (or code), in English', () => {
    expect((placeErrorInLanguage(notFound, 'en', translate) as ApiError).message).toBe('translated notFound');
    expect(placeErrorInLanguage(outside, 'en', translate)).toMatchObject({
      code: 'validation_failed',
      reason: 'location_outside_city',
      message: 'translated outsideCity',
    });
    // The place lookup (404) of a place outside the city: not_found, told apart by its reason.
    const lookupOutside = new ApiError(404, 'not_found', '岡山市外です。', [], 'location_outside_city');
    expect((placeErrorInLanguage(lookupOutside, 'en', translate) as ApiError).message).toBe('translated outsideCity');
    const lookup = new ApiError(404, 'not_found', '「架空の町」の位置を特定できませんでした。');
    expect(placeErrorInLanguage(lookup, 'en', translate)).toMatchObject({
      code: 'not_found',
      message: 'translated notFound',
    });
  });

  it('leaves other errors as the server sent them', () => {
    const other = new ApiError(400, 'validation_failed', '入力内容（クエリ）に誤りがあります。');
    expect(placeErrorInLanguage(other, 'en', translate)).toBe(other);
  });
});
