import { describe, expect, it } from 'vitest';
import { placeNotFoundError, placeOutsideCity } from './place-not-found.js';

describe('placeNotFoundError', () => {
  it('says that Renkei covers Okayama City only for a place in another prefecture, city or postal area', () => {
    for (const [text, place] of [
      ['東京都千代田区千代田1-1', '東京都'],
      ['福岡市中央区天神1-1', '福岡市'],
      ['100-0001', '東京都千代田区'],
    ] as const) {
      const error = placeNotFoundError(text, 400);
      expect(error).toMatchObject({ code: 'location_outside_city', statusCode: 400 });
      expect(error.message).toContain(`岡山市外（${place}）`);
      expect(error.message).toContain('岡山市内だけを対象');
      expect(error.message).not.toContain('町名を含む');
    }
  });

  it('keeps the advice to add a postal code, ward or town name for a place that may be in Okayama City', () => {
    const search = placeNotFoundError('どこでもない町', 400);
    expect(search).toMatchObject({ code: 'location_not_found', statusCode: 400 });
    expect(search.message).toBe(
      '「どこでもない町」の位置を特定できませんでした。郵便番号（7桁）、区名、または町名を含む住所を入力してください。',
    );
    expect(placeNotFoundError('どこでもない町', 404)).toMatchObject({ code: 'not_found', statusCode: 404 });
  });

  it('never reads Okayama City towns that contain 市 or 郡 as another city (real postal master)', () => {
    for (const town of [
      '北区十日市中町',
      '十日市西町',
      '二日市町',
      '西市',
      '南区郡',
      '国府市場',
      '岡山県岡山市東区一日市',
    ])
      expect(placeOutsideCity(town)).toBeNull();
    expect(placeOutsideCity('〒700-0913')).toBeNull();
  });
});
