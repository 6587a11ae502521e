/**
 * Psychiatric hospitals (精神科病院), told by their name: the reference data (医療機関コード一覧) carries no
 * specialty and no bed kind, so the name is the only general sign there is — 「精神」 (精神科・精神医学・
 * 精神病院・精神医療 …), 「心療」 (心療内科) or 「メンタル」. Such a hospital is never the acute backup for a
 * physical sudden worsening (急変): the emergency chain leaves it out when the condition is acute, and the
 * demo never invents a function or a backup designation for it (its beds are not in 病床機能報告).
 * A psychiatric hospital whose name says nothing of it cannot be recognised here: its own profile (function,
 * backup designation) is what describes it.
 */
const psychiatricName = /精神|心療|メンタル/;

export function isPsychiatricHospitalName(name: string): boolean {
  return psychiatricName.test(name.normalize('NFKC'));
}
