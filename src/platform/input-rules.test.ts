import { describe, expect, it } from 'vitest';
import { findNulCharacter } from './input-rules.js';

describe('findNulCharacter', () => {
  it('finds NUL in strings and keys, at any depth, naming the path', () => {
    expect(findNulCharacter('a\u0000b', 'body')).toBe('body');
    expect(findNulCharacter({ name: 'ok', capabilities: { groups: ['x', 'y\u0000'] } }, '')).toBe(
      'capabilities.groups.1',
    );
    expect(findNulCharacter({ 'bad\u0000key': 1 }, '')).toBe('bad\u0000key');
  });

  it('passes clean input, including non-string values', () => {
    for (const value of [null, undefined, 42, true, '', '岡山', { a: [1, null, { b: 'c' }] }, []]) {
      expect(findNulCharacter(value, '')).toBeNull();
    }
  });

  it('walks very deep nesting without overflowing the stack', () => {
    let deep: unknown = 'end\u0000';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(findNulCharacter(deep, '')).not.toBeNull();
  });
});
