/**
 * What the decline form asks before it sends: a reason code, and the reason in words when the code says
 * nothing by itself (「その他」) — the server refuses the same (400 validation_failed on `reason`).
 */
import { declineReasonNeedsText, type DeclineReasonCode } from '../../api/case-codes';

export type DeclineProblems = { reasonCode: boolean; reason: boolean };

/** Whether the reason in words is required for this choice (none chosen yet: not required). */
export function isDeclineReasonTextRequired(reasonCode: DeclineReasonCode | ''): boolean {
  return reasonCode !== '' && declineReasonNeedsText(reasonCode);
}

/** The fields still missing; nothing missing → both false. */
export function declineProblems(reasonCode: DeclineReasonCode | '', reason: string): DeclineProblems {
  return {
    reasonCode: reasonCode === '',
    reason: isDeclineReasonTextRequired(reasonCode) && reason.trim() === '',
  };
}
