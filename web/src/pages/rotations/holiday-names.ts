/**
 * A national holiday's name (as the server gives it, from @holiday-jp/holiday_jp: 「元日」, 「春分の日 振替休日」, 「休日」)
 * in the reader's language: rotations.json `holiday.name.<Japanese name>` (the English from the package's own
 * `name_en`), a 振替休日 said as the substitute of its holiday, a 国民の休日 (holiday_jp's plain 「休日」) by its kind.
 * A name without a translation stays as it is.
 */
import type { TFunction } from 'i18next';

const substituteSuffix = / 振替休日$/;

export function holidayLabel(name: string, t: TFunction): string {
  if (name === '休日') return t('rotations:calendar.citizensHoliday');
  if (substituteSuffix.test(name))
    return t('rotations:holiday.substitute', { name: holidayLabel(name.replace(substituteSuffix, ''), t) });
  return t(`rotations:holiday.name.${name}`, { defaultValue: name });
}
