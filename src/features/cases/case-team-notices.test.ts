import { describe, expect, it } from 'vitest';
import { teamNoticeRecipients, type CaseCircleOrganization } from './case-team-notices.js';

describe('teamNoticeRecipients', () => {
  const circle: CaseCircleOrganization[] = [
    { id: 'hospital', relation: 'hospital' },
    { id: 'nurse', relation: 'team' },
    { id: 'clinic', relation: 'team' },
    { id: 'center', relation: 'center' },
    { id: 'welfare', relation: 'welfare' },
  ];

  it('tells the team and the involved Center, not the hospital or welfare windows', () => {
    expect(teamNoticeRecipients(circle, 'hospital')).toEqual(['nurse', 'clinic', 'center']);
  });

  it('never tells the organisation that made the change', () => {
    expect(teamNoticeRecipients(circle, 'center')).toEqual(['nurse', 'clinic']);
  });

  it('tells an organisation once even when it fills two roles', () => {
    expect(teamNoticeRecipients([...circle, { id: 'nurse', relation: 'team' }], null)).toEqual([
      'nurse',
      'clinic',
      'center',
    ]);
  });
});
