import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryNumber } from './query-number.js';

const radius = queryNumber(z.number().gt(0).max(100));

describe('queryNumber', () => {
  it('reads plain decimals, with or without the digits on either side of the point', () => {
    for (const [text, value] of [
      ['10', 10],
      ['34.66', 34.66],
      ['.5', 0.5],
      ['5.', 5],
      ['0.25', 0.25],
    ] as const) {
      expect(radius.parse(text), text).toBe(value);
    }
    expect(queryNumber(z.number()).parse('-1')).toBe(-1);
  });

  it('refuses what Number() would read as something else, naming the rule', () => {
    for (const text of ['', ' ', '0x10', '1e2', '+5', '5,5', '１０', '.', '-', '5..', 'Infinity', 'NaN']) {
      const parsed = radius.safeParse(text);
      expect(parsed.success, text).toBe(false);
    }
    expect(radius.safeParse('0').success).toBe(false);
    expect(radius.safeParse('101').success).toBe(false);
  });
});
