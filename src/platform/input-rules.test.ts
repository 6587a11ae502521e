import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findUnstorableText, unstorableCharacter } from './input-rules.js';

describe('findUnstorableText', () => {
  it('finds NUL in strings and keys, at any depth, naming the path', () => {
    expect(findUnstorableText('a\u0000b', 'body')).toEqual({ path: 'body', character: 'nul' });
    expect(findUnstorableText({ name: 'ok', capabilities: { groups: ['x', 'y\u0000'] } }, '')).toEqual({
      path: 'capabilities.groups.1',
      character: 'nul',
    });
    expect(findUnstorableText({ 'bad\u0000key': 1 }, '')?.path).toBe('bad\u0000key');
  });

  it('finds a lone surrogate, high or low, in values and keys', () => {
    expect(findUnstorableText({ patient: { name: 'a\ud800b' } }, '')).toEqual({
      path: 'patient.name',
      character: 'lone_surrogate',
    });
    expect(findUnstorableText(['x', 'end\udc00'], 'body')).toEqual({ path: 'body.1', character: 'lone_surrogate' });
    expect(findUnstorableText({ '\udbff': 'v' }, '')?.character).toBe('lone_surrogate');
    // A low surrogate before a high one is two lone surrogates, not a pair.
    expect(unstorableCharacter('\udc00\ud800')).toBe('lone_surrogate');
  });

  it('passes clean input, including characters outside the BMP and non-string values', () => {
    for (const value of [null, undefined, 42, true, '', '岡山', '𠮷野 😀', { a: [1, null, { b: 'c' }] }, []]) {
      expect(findUnstorableText(value, '')).toBeNull();
    }
  });

  it('agrees with what UTF-8 can carry: a string passes exactly when it survives encoding unchanged and has no NUL', () => {
    // UTF-16 code units one by one (lone surrogates included), pairs, NUL.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('\ud800', '\udfff', '\u0000', '😀', '𠮷'),
    );
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        const survives = Buffer.from(text, 'utf8').toString('utf8') === text && !text.includes('\u0000');
        expect(unstorableCharacter(text) === null).toBe(survives);
      }),
    );
  });

  it('walks very deep nesting without overflowing the stack', () => {
    let deep: unknown = 'end\u0000';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(findUnstorableText(deep, '')).not.toBeNull();
  });
});
