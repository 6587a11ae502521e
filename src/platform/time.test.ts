import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jstDate, toJstIso, toJstIsoOrNull } from './time.js';

describe('toJstIso', () => {
  it.each([
    ['2026-11-25T10:00:00.000Z', '2026-11-25T19:00:00.000+09:00'],
    ['2026-12-31T15:00:00.000Z', '2027-01-01T00:00:00.000+09:00'],
    ['2026-12-31T14:59:59.999Z', '2026-12-31T23:59:59.999+09:00'],
    ['2028-02-28T15:30:00.000Z', '2028-02-29T00:30:00.000+09:00'],
  ])('renders %s as %s', (utc, jst) => {
    expect(toJstIso(new Date(utc))).toBe(jst);
  });

  it('denotes the same instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-02'), max: new Date('2999-12-31'), noInvalidDate: true }),
        (date) => {
          const rendered = toJstIso(date);
          expect(rendered).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+09:00$/);
          expect(new Date(rendered).getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it('passes null and undefined through as null', () => {
    expect(toJstIsoOrNull(null)).toBeNull();
    expect(toJstIsoOrNull(undefined)).toBeNull();
    expect(toJstIsoOrNull(new Date('2026-04-01T00:00:00Z'))).toBe('2026-04-01T09:00:00.000+09:00');
  });
});

describe('jstDate', () => {
  it.each([
    ['2026-03-31T14:59:59.999Z', '2026-03-31'],
    ['2026-03-31T15:00:00.000Z', '2026-04-01'],
    ['2026-12-31T15:00:00.000Z', '2027-01-01'],
    ['2026-07-01T00:00:00.000Z', '2026-07-01'],
  ])('gives the Tokyo calendar date of %s: %s', (utc, date) => {
    expect(jstDate(new Date(utc))).toBe(date);
  });

  it('agrees with Intl in Asia/Tokyo', () => {
    const tokyo = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (date) => {
          expect(jstDate(date)).toBe(tokyo.format(date));
        },
      ),
    );
  });
});
