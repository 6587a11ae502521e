import { describe, expect, it } from 'vitest';
import { isConferenceUnderWay } from './conference-phase';

describe('a conference under way', () => {
  const startsAt = '2026-12-01T14:00:00.000+09:00';
  const endsAt = '2026-12-01T14:30:00.000+09:00';
  const at = (time: string) => Date.parse(`2026-12-01T${time}+09:00`);

  it('is so from its start to its end, whether scheduled or its minutes already recorded (held)', () => {
    for (const status of ['scheduled', 'held']) {
      expect(isConferenceUnderWay(status, startsAt, endsAt, at('13:59:59'))).toBe(false);
      expect(isConferenceUnderWay(status, startsAt, endsAt, at('14:00:00'))).toBe(true);
      expect(isConferenceUnderWay(status, startsAt, endsAt, at('14:29:59'))).toBe(true);
      expect(isConferenceUnderWay(status, startsAt, endsAt, at('14:30:00'))).toBe(false);
    }
  });

  it('is never so once cancelled', () => {
    expect(isConferenceUnderWay('cancelled', startsAt, endsAt, at('14:10:00'))).toBe(false);
  });
});
