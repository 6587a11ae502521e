/**
 * Whether the header names the user's role beside the organisation: not when the organisation's name already says
 * it (「岡山市地域ケア総合推進センター」 after 「地域ケア総合推進センター」 would say it twice).
 */
export function isRoleShown(roleLabel: string, organizationName: string | null | undefined): boolean {
  const compact = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');
  return !organizationName || !compact(organizationName).includes(compact(roleLabel));
}
