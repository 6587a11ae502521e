import { describe, expect, it } from 'vitest';
import { welfareOfficeChoices } from './welfare-office-choices';

const healthCenter = { id: 'hc', name: '岡山市保健所', areaName: '北区' };
const council = { id: 'swc', name: '岡山市社会福祉協議会', areaName: '北区' };
const offices = [
  { id: 'n', name: '北区福祉事務所', areaName: '北区' },
  { id: 'c', name: '中区福祉事務所', areaName: '中区' },
  { id: 's', name: '南区福祉事務所', areaName: '南区' },
];

describe('the welfare windows the link form offers', () => {
  it('always lists the city-wide 保健所 and 社会福祉協議会, whatever the patient’s ward', () => {
    const forSouth = { wardName: '南区', patientWardName: '南区' };
    expect(welfareOfficeChoices('public_health_center', [healthCenter], forSouth)).toEqual({
      items: [healthCenter],
      scope: 'city',
    });
    expect(welfareOfficeChoices('social_welfare_council', [council], forSouth).items).toEqual([council]);
    // Even were there two, a city-wide kind is not narrowed by ward.
    const second = { ...council, id: 'swc2', areaName: '中区' };
    expect(welfareOfficeChoices('social_welfare_council', [council, second], forSouth).scope).toBe('city');
  });

  it('treats any kind with a single office as city-wide', () => {
    const only = [{ id: 'x', name: '唯一の地域包括支援センター', areaName: '北区' }];
    expect(
      welfareOfficeChoices('community_support_center', only, { wardName: '南区', patientWardName: '南区' }),
    ).toEqual({ items: only, scope: 'city' });
  });

  it('narrows per-ward kinds to the chosen ward, and lists all with the patient’s ward first otherwise', () => {
    expect(welfareOfficeChoices('welfare_office', offices, { wardName: '南区', patientWardName: '南区' })).toEqual({
      items: [offices[2]],
      scope: 'ward',
    });
    const all = welfareOfficeChoices('welfare_office', offices, { wardName: '', patientWardName: '南区' });
    expect(all.scope).toBe('all');
    expect(all.items.map((office) => office.id)[0]).toBe('s');
    expect(all.items).toHaveLength(3);
    // A ward without such an office: everything, the patient's ward first — never an empty list.
    const none = welfareOfficeChoices('welfare_office', offices, { wardName: '東区', patientWardName: '南区' });
    expect(none.scope).toBe('none_in_ward');
    expect(none.items.map((office) => office.id)[0]).toBe('s');
    expect(none.items).toHaveLength(3);
  });
});
