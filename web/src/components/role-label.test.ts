import { describe, expect, it } from 'vitest';
import { isRoleShown } from './role-label';

describe('the role beside the organisation in the header', () => {
  it('is left out when the organisation name already says it', () => {
    expect(isRoleShown('地域ケア総合推進センター', '岡山市地域ケア総合推進センター')).toBe(false);
    expect(isRoleShown('医師会', '岡山市医師会')).toBe(false);
    expect(isRoleShown('病院（地域連携室）', '岡山市立市民病院')).toBe(true);
    expect(isRoleShown('システム管理者', null)).toBe(true);
  });
});
