/** A place error put in the reader's language keeps its own sentence (naming the place) instead of the code's general one. */
import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { readersMessageOf, withReadersMessage } from './readers-message';
import { placeErrorInLanguage } from '../pages/public/search-error';

const translate = (kind: string) =>
  kind === 'outsideCity' ? '“Kurashiki” is outside Okayama City.' : '“asdf” not found.';

describe('readersMessageOf', () => {
  it('gives the message of an error a page put in the reader’s language, and nothing for others', () => {
    const own = withReadersMessage(new ApiError(404, 'not_found', '“asdf” not found.'));
    expect(readersMessageOf(own)).toBe('“asdf” not found.');
    expect(readersMessageOf(new ApiError(404, 'not_found', '見つかりません。'))).toBeNull();
    expect(readersMessageOf(null)).toBeNull();
    expect(readersMessageOf('text')).toBeNull();
  });

  it('is what a place that could not be located shows in English (professional and citizen search alike)', () => {
    const lookup = new ApiError(404, 'not_found', '「asdf」の位置を特定できませんでした。');
    expect(readersMessageOf(placeErrorInLanguage(lookup, 'en', translate))).toBe('“asdf” not found.');
    // In Japanese the server's own sentence (which names the place) is shown, as every server message is.
    expect(readersMessageOf(placeErrorInLanguage(lookup, 'ja', translate))).toBeNull();
    // Other errors are left to their code's sentence.
    const other = new ApiError(400, 'validation_failed', '入力内容に誤りがあります。');
    expect(readersMessageOf(placeErrorInLanguage(other, 'en', translate))).toBeNull();
  });
});
