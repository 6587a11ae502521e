import { describe, expect, it } from 'vitest';
import { declineReasonCodes } from '../../api/case-codes';
import { declineProblems, isDeclineReasonTextRequired } from './decline-form';

describe('the decline form', () => {
  it('asks for the reason in words only when 「その他」 is chosen', () => {
    expect(declineReasonCodes.filter((code) => isDeclineReasonTextRequired(code))).toEqual(['other']);
    expect(isDeclineReasonTextRequired('')).toBe(false);
  });

  it('finds 「その他」 without words (or with spaces only) missing, as the server does', () => {
    expect(declineProblems('other', '')).toEqual({ reasonCode: false, reason: true });
    expect(declineProblems('other', ' \u3000\n')).toEqual({ reasonCode: false, reason: true });
    expect(declineProblems('other', '訪問日が合いません')).toEqual({ reasonCode: false, reason: false });
    expect(declineProblems('capacity', '')).toEqual({ reasonCode: false, reason: false });
    expect(declineProblems('', '')).toEqual({ reasonCode: true, reason: false });
  });
});
