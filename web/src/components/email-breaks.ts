/**
 * An e-mail address cut where a line may break: before the @ and before each dot of the domain
 * (「admin」「@demo」「.renkei」「.jp」), so that a narrow column never splits a word in the middle.
 */
export function emailBreakParts(email: string): string[] {
  const at = email.lastIndexOf('@');
  if (at <= 0) return [email];
  const local = email.slice(0, at);
  const domain = email.slice(at + 1).split('.');
  return [local, ...domain.map((label, index) => (index === 0 ? `@${label}` : `.${label}`))];
}
