import { describe, expect, it } from 'vitest';
import { phoneMissingReasonPrefix } from '../../../../src/domain/escalation/escalation';
import { reasonWithoutPhonePrefix } from './step-reason';

describe('the reason under a step of the calling order', () => {
  it('leaves out the prefix the badge already says, and keeps every other reason as it is', () => {
    const reason = '急性の変化を受け持つ後方支援病院です。入院が必要なときに連絡します。';
    expect(reasonWithoutPhonePrefix(`${phoneMissingReasonPrefix}${reason}`)).toBe(reason);
    expect(reasonWithoutPhonePrefix(reason)).toBe(reason);
    expect(phoneMissingReasonPrefix.startsWith('電話番号未登録')).toBe(true);
  });
});
