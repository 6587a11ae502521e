import { describe, expect, it } from 'vitest';
import { fromJstLocalInput, toJstLocalInput } from './jst';

describe('Japan-time datetime-local values', () => {
  it('shows an instant in Asia/Tokyo and reads a typed value back as +09:00', () => {
    expect(toJstLocalInput(new Date('2026-05-03T13:00:00Z'))).toBe('2026-05-03T22:00');
    expect(toJstLocalInput(new Date('2026-12-31T15:30:00Z'))).toBe('2027-01-01T00:30');
    expect(fromJstLocalInput('2026-05-03T22:00')).toBe('2026-05-03T22:00:00+09:00');
    expect(new Date(fromJstLocalInput('2026-05-03T22:00') ?? '').toISOString()).toBe('2026-05-03T13:00:00.000Z');
    expect(fromJstLocalInput('')).toBeNull();
    expect(fromJstLocalInput('2026-13-03T22:00')).toBeNull();
  });
});
