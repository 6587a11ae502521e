import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { caseEvents, caseStatuses, nextCaseStatus, type CaseStatus } from './case-state.js';
import {
  isOpenReferral,
  nextReferralStatus,
  referralEvents,
  referralStatuses,
  type ReferralEvent,
  type ReferralStatus,
} from './referral-state.js';
import {
  consultationEvents,
  consultationStatuses,
  nextConsultationStatus,
  type ConsultationStatus,
} from './consultation-state.js';
import { InvalidTransitionError } from './state-machine.js';

/** Applies events, skipping the refused ones (as the API does with a 409), and returns the states visited. */
function run<State extends string, Event extends string>(
  start: State,
  events: Event[],
  next: (state: State, event: Event) => State,
): State[] {
  const visited = [start];
  let state = start;
  for (const event of events) {
    try {
      state = next(state, event);
      visited.push(state);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect((error as Error).message).toMatch(/できません/);
    }
  }
  return visited;
}

describe('state machines', () => {
  it('never lets a case reach a state outside its list, and ended cases only record outcomes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...caseEvents), { maxLength: 40 }), (events) => {
        const visited = run<CaseStatus, (typeof caseEvents)[number]>('planning', events, nextCaseStatus);
        for (const state of visited) expect(caseStatuses).toContain(state);
        // Once discharged or cancelled, a case never returns to planning or coordinating.
        const ended = visited.findIndex(
          (state) => state === 'discharged' || state === 'cancelled' || state === 'closed',
        );
        if (ended >= 0)
          for (const state of visited.slice(ended)) expect(['discharged', 'closed', 'cancelled']).toContain(state);
      }),
    );
  });

  it('never moves a referral out of a final state (accepted, declined, expired, withdrawn)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...referralEvents), { maxLength: 40 }), (events) => {
        const visited = run<ReferralStatus, ReferralEvent>('sent', events, nextReferralStatus);
        for (const state of visited) expect(referralStatuses).toContain(state);
        const final = visited.findIndex((state) => !isOpenReferral(state));
        if (final >= 0) expect(new Set(visited.slice(final)).size).toBe(1);
      }),
    );
  });

  it('lets exactly one referral of a role be accepted, whatever the order of events (the acceptance rule)', () => {
    // The service's rule, as a model: accepting needs an unfilled role; the first acceptance fills it
    // and withdraws every other open referral of that role.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom<ReferralEvent>(...referralEvents)), { maxLength: 80 }),
        (count, steps) => {
          const referrals: ReferralStatus[] = Array.from({ length: count }, () => 'sent');
          let filledBy: number | null = null;
          for (const [pick, event] of steps) {
            const index = pick % count;
            const status = referrals[index] ?? 'sent';
            if (event === 'accept' && filledBy !== null) continue;
            let next: ReferralStatus;
            try {
              next = nextReferralStatus(status, event);
            } catch {
              continue;
            }
            referrals[index] = next;
            if (event === 'accept') {
              filledBy = index;
              referrals.forEach((other, otherIndex) => {
                if (otherIndex !== index && isOpenReferral(other))
                  referrals[otherIndex] = nextReferralStatus(other, 'withdraw');
              });
            }
          }
          expect(referrals.filter((status) => status === 'accepted').length).toBeLessThanOrEqual(1);
          if (filledBy !== null) expect(referrals.filter((status) => isOpenReferral(status))).toHaveLength(0);
        },
      ),
    );
  });

  it('keeps consultations within their states and reopens only closed ones', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...consultationEvents), { maxLength: 40 }), (events) => {
        const visited = run<ConsultationStatus, (typeof consultationEvents)[number]>(
          'open',
          events,
          nextConsultationStatus,
        );
        for (const state of visited) expect(consultationStatuses).toContain(state);
      }),
    );
  });
});
