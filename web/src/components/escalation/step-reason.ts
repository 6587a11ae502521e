/**
 * The reason under a step of the calling order, without what the step already shows: a step without a phone number
 * carries the badge 「電話番号未登録」 and a prompt to enter or ask for the number, so the server's reason is said without its
 * prefix saying the same (kept in the server's text for the PDFs and the API).
 */
import { phoneMissingReasonPrefix } from '../../../../src/domain/escalation/escalation';

export function reasonWithoutPhonePrefix(reason: string): string {
  return reason.startsWith(phoneMissingReasonPrefix) ? reason.slice(phoneMissingReasonPrefix.length) : reason;
}
