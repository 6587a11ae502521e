import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidTransitionError } from './state-machine.js';
import { canRecordMinutes, conferenceEvents, nextConferenceStatus, type ConferenceStatus } from './conference-state.js';

describe('conference states', () => {
  it('stays scheduled on a change, ends cancelled or held', () => {
    expect(nextConferenceStatus('scheduled', 'change')).toBe('scheduled');
    expect(nextConferenceStatus('scheduled', 'cancel')).toBe('cancelled');
    expect(nextConferenceStatus('scheduled', 'record_minutes')).toBe('held');
    expect(nextConferenceStatus('held', 'record_minutes')).toBe('held');
  });

  it('refuses to change or write minutes of a cancelled conference', () => {
    expect(() => nextConferenceStatus('cancelled', 'change')).toThrow(InvalidTransitionError);
    expect(() => nextConferenceStatus('cancelled', 'record_minutes')).toThrow('「中止」の状態のため');
    expect(() => nextConferenceStatus('held', 'cancel')).toThrow(InvalidTransitionError);
  });

  it('never leaves cancelled or held for scheduled again', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...conferenceEvents), { maxLength: 20 }), (events) => {
        let status: ConferenceStatus = 'scheduled';
        for (const event of events) {
          const before = status;
          try {
            status = nextConferenceStatus(status, event);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidTransitionError);
          }
          if (before !== 'scheduled') expect(status).toBe(before);
        }
      }),
    );
  });

  it('accepts minutes only from the start time on', () => {
    const startsAt = new Date('2026-12-01T14:00:00+09:00');
    expect(canRecordMinutes(startsAt, new Date('2026-12-01T13:59:59+09:00'))).toBe(false);
    expect(canRecordMinutes(startsAt, startsAt)).toBe(true);
  });
});
