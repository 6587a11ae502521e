/**
 * The 出典 of the consultation desks' contacts, as printed under them: each source once, with its date — the
 * source's own (「2025年12月時点」) or, for a record kept in Renkei without one (利用者が登録した情報, the demo's
 * reference values), the day it was last registered or changed (「2026年4月5日に登録・更新」).
 */
import type { PublicContact } from '../../api/public-contacts';
import type { DataSourceText } from '../../i18n/server-text';

/** The words of the line, in the language shown (i18n public.json `contacts.source`, `.asOf`, `.updated`). */
export type ContactSourceWords = {
  line: (attribution: string, when: string) => string;
  asOf: (date: string) => string;
  updated: (date: string) => string;
};

export function contactSourceLines(
  contacts: readonly PublicContact[],
  texts: (source: PublicContact['source']) => DataSourceText,
  formatDay: (date: string) => string,
  words: ContactSourceWords,
): string[] {
  const lines = contacts.map((contact) => {
    const text = texts(contact.source);
    // updatedAt is in Asia/Tokyo (…+09:00): its first ten characters are the Tokyo day.
    const when = text.asOf ? words.asOf(text.asOf) : words.updated(formatDay(contact.updatedAt.slice(0, 10)));
    // 「連絡先の出典：…」 says 出典 once, whether or not the source's own line begins with it.
    return words.line(text.attribution.replace(/^出典[：:]\s*/, ''), when);
  });
  return [...new Set(lines)];
}
