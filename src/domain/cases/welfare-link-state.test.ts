import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidTransitionError } from './state-machine.js';
import {
  isOpenWelfareLink,
  isWelfareOrganizationKind,
  nextWelfareLinkStatus,
  welfareLinkEvents,
  welfareLinkStatuses,
  type WelfareLinkStatus,
} from './welfare-link-state.js';

describe('welfare link states', () => {
  it('goes requested → acknowledged → closed, or requested → closed', () => {
    expect(nextWelfareLinkStatus('requested', 'acknowledge')).toBe('acknowledged');
    expect(nextWelfareLinkStatus('acknowledged', 'close')).toBe('closed');
    expect(nextWelfareLinkStatus('requested', 'close')).toBe('closed');
  });

  it('refuses a bad transition with a Japanese message naming state and event', () => {
    expect(() => nextWelfareLinkStatus('closed', 'acknowledge')).toThrow(InvalidTransitionError);
    expect(() => nextWelfareLinkStatus('acknowledged', 'acknowledge')).toThrow(
      '「受付済み」の状態のため、「受付」はできません',
    );
  });

  it('never leaves closed and never reaches an unknown state, whatever the events', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...welfareLinkEvents), { maxLength: 20 }), (events) => {
        let status: WelfareLinkStatus = 'requested';
        let wasClosed = false;
        for (const event of events) {
          try {
            status = nextWelfareLinkStatus(status, event);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidTransitionError);
          }
          expect(welfareLinkStatuses).toContain(status);
          if (wasClosed) expect(status).toBe('closed');
          wasClosed ||= status === 'closed';
        }
        expect(isOpenWelfareLink(status)).toBe(status !== 'closed');
      }),
    );
  });

  it('links only welfare windows', () => {
    for (const kind of ['welfare_office', 'public_health_center', 'social_welfare_council', 'community_support_center'])
      expect(isWelfareOrganizationKind(kind)).toBe(true);
    for (const kind of ['clinic', 'hospital', 'visiting_nursing', 'coordination_center'])
      expect(isWelfareOrganizationKind(kind)).toBe(false);
  });
});
