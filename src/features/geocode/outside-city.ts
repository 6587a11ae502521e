/**
 * The answer to a place outside Okayama City — typed as such (「東京都千代田区…」) or located there by the offline
 * data (「倉敷市阿知1-1」, 「710-0000」): Renkei covers Okayama City only.
 */
import { AppError } from '../../platform/errors.js';
import { okayamaCity } from '../../domain/directory/place-outside-city.js';

/** `status` 400 where a place is an input (search, case, organisation), 404 for the place lookup. */
export function outsideCityError(text: string, municipality: string, status: 400 | 404): AppError {
  return new AppError(
    'location_outside_city',
    status,
    `「${text}」は${okayamaCity}外（${municipality}）の場所のようです。Renkei は${okayamaCity}内だけを対象にしています。${okayamaCity}内の住所、郵便番号、または区名を入力してください。`,
  );
}
