import { describe, expect, it } from 'vitest';
import type { Team, TeamMember } from '../../api/case-types';
import type { FitProblem } from '../../api/team-direct';
import {
  canSubmitDirectAdd,
  directAddChoice,
  fitProblemText,
  isRoleFilled,
  resourceSearchHref,
  welfareRoleLinks,
} from './team-direct';
import { filtersFromParams } from '../directory/search-filters';

const link = (status: 'requested' | 'acknowledged', name: string) => ({
  id: name,
  organizationId: name,
  organizationName: name,
  organizationKind: 'welfare_office' as const,
  status,
});
const member = { role: 'primary_doctor' } as TeamMember;

describe('whether a role is filled', () => {
  it('is filled by a member, and 福祉窓口 by an acknowledged welfare link only', () => {
    const requested: Pick<Team, 'members' | 'welfareLinks'> = {
      members: [member],
      welfareLinks: [link('requested', 'a')],
    };
    expect(isRoleFilled('primary_doctor', requested)).toBe(true);
    expect(isRoleFilled('welfare_contact', requested)).toBe(false);
    expect(isRoleFilled('welfare_contact', { members: [], welfareLinks: [link('acknowledged', 'b')] })).toBe(true);
    expect(isRoleFilled('visiting_nurse', { members: [], welfareLinks: [link('acknowledged', 'b')] })).toBe(false);
    expect(isRoleFilled('welfare_contact', { members: [] })).toBe(false);
  });

  it('lists the welfare links that speak for 福祉窓口 by their state', () => {
    const links = welfareRoleLinks({ welfareLinks: [link('requested', 'a'), link('acknowledged', 'b')] });
    expect(links.acknowledged.map((item) => item.organizationName)).toEqual(['b']);
    expect(links.requested.map((item) => item.organizationName)).toEqual(['a']);
  });
});

describe('a direct addition', () => {
  const groups: FitProblem = { code: 'groups', message: '', refuses: false, groups: ['pediatric_medical_care'] };
  const kind: FitProblem = { code: 'kind', message: '', refuses: true, kind: 'visiting_nursing' };

  it('adds a fitting organisation at once, an unfit one once accepted with a reason, never a refused one', () => {
    expect(directAddChoice({ roleFilled: false, problems: [] })).toBe('fits');
    expect(directAddChoice({ roleFilled: false, problems: [groups] })).toBe('accept');
    expect(directAddChoice({ roleFilled: false, problems: [groups, kind] })).toBe('refused');
    expect(directAddChoice({ roleFilled: true, problems: [] })).toBe('filled');
    expect(canSubmitDirectAdd('fits', false, '')).toBe(true);
    expect(canSubmitDirectAdd('accept', true, '  ')).toBe(false);
    expect(canSubmitDirectAdd('accept', false, '電話で受諾を確認')).toBe(false);
    expect(canSubmitDirectAdd('accept', true, '電話で受諾を確認')).toBe(true);
    expect(canSubmitDirectAdd('refused', true, '電話で受諾を確認')).toBe(false);
  });

  it('says each problem from its codes', () => {
    const label = {
      kind: (code: string) => `kind:${code}`,
      group: (code: string) => `group:${code}`,
      procedure: (code: string) => `procedure:${code}`,
      role: '主治医',
    };
    expect(fitProblemText(kind, label)).toEqual({
      key: 'direct.problem.kind',
      values: { kind: 'kind:visiting_nursing', role: '主治医' },
    });
    expect(
      fitProblemText(
        { code: 'procedures', message: '', refuses: false, procedures: ['ventilator', 'tracheostomy'] },
        label,
      ),
    ).toEqual({
      key: 'direct.problem.procedures',
      values: { procedures: 'procedure:ventilator・procedure:tracheostomy' },
    });
    expect(
      fitProblemText({ code: 'coverage', message: '', refuses: false, distanceKm: 12.3, radiusKm: 5 }, label),
    ).toEqual({ key: 'direct.problem.coverage', values: { km: 12.3, radius: 5 } });
    expect(
      fitProblemText({ code: 'coverage', message: '', refuses: false, distanceKm: 4, radiusKm: null }, label).key,
    ).toBe('direct.problem.coverageArea');
    expect(fitProblemText({ code: 'not_located', message: '', refuses: true }, label).key).toBe(
      'direct.problem.not_located',
    );
    expect(fitProblemText({ code: 'profile', message: '', refuses: false }, label)).toEqual({
      key: 'direct.problem.profile',
      values: { role: label.role },
    });
  });
});

describe('the link from an empty candidate list to 資源検索', () => {
  it('carries the home (to about 100 m), the kind and the conditions, as the search page reads them', () => {
    const href = resourceSearchHref(
      { kinds: ['clinic'], groups: ['pediatric_medical_care'], procedures: ['ventilator', 'tracheostomy'] },
      { lat: 34.612345, lng: 133.912345 },
    );
    expect(href.startsWith('/directory/search?')).toBe(true);
    const filters = filtersFromParams(new URLSearchParams(href.split('?')[1]));
    expect(filters).toMatchObject({
      point: { lat: 34.612, lng: 133.912 },
      kind: 'clinic',
      groups: ['pediatric_medical_care'],
      procedures: ['ventilator', 'tracheostomy'],
    });
  });

  it('leaves the kind out when the role takes several, and the point when the home is not located', () => {
    const href = resourceSearchHref(
      { kinds: ['clinic', 'hospital'], groups: [], procedures: [] },
      { lat: null, lng: null },
    );
    expect(href).toBe('/directory/search');
  });
});
