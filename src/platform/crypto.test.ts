import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSecretBox, newToken, sha256 } from './crypto.js';

const secret = 'a-test-secret-of-at-least-32-characters';

/** Changes one character of a base64url string to another valid one. */
function flip(value: string, index: number): string {
  const character = value.charAt(index);
  return `${value.slice(0, index)}${character === 'A' ? 'B' : 'A'}${value.slice(index + 1)}`;
}

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(secret);

  it('round-trips any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (plain) => {
        expect(box.decrypt(box.encrypt(plain))).toBe(plain);
      }),
    );
    expect(box.decrypt(box.encrypt('二要素認証の鍵 JBSWY3DPEHPK3PXP'))).toBe('二要素認証の鍵 JBSWY3DPEHPK3PXP');
    expect(box.decrypt(box.encrypt(''))).toBe('');
  });

  it('never gives the same ciphertext twice and never contains the plain text', () => {
    const first = box.encrypt('JBSWY3DPEHPK3PXP');
    const second = box.encrypt('JBSWY3DPEHPK3PXP');
    expect(first).not.toBe(second);
    expect(first).not.toContain('JBSWY3DPEHPK3PXP');
    expect(first.split('.')).toHaveLength(4);
    expect(first.startsWith('v1.')).toBe(true);
  });

  it('detects tampering with the IV, the tag or the body', () => {
    const encrypted = box.encrypt('患者の情報ではないが秘密の値');
    const [version, iv, tag, body] = encrypted.split('.') as [string, string, string, string];
    const tampered = [
      [version, flip(iv, 0), tag, body],
      [version, iv, flip(tag, 3), body],
      [version, iv, tag, flip(body, 1)],
      [version, iv, tag, body.slice(0, -2)],
    ];
    for (const parts of tampered) expect(() => box.decrypt(parts.join('.'))).toThrow();
  });

  it('refuses a ciphertext of another key or format', () => {
    const other = createSecretBox('another-secret-of-at-least-32-characters');
    expect(() => other.decrypt(box.encrypt('x'))).toThrow();
    for (const value of ['', 'v1', 'v2.a.b.c', 'v1..b.c', 'plain text']) expect(() => box.decrypt(value)).toThrow();
  });

  it('keys its MAC: deterministic for one secret, different for another', () => {
    expect(box.mac('abcd-efgh-ijkl')).toBe(createSecretBox(secret).mac('abcd-efgh-ijkl'));
    expect(box.mac('abcd-efgh-ijkl')).not.toBe(createSecretBox(`${secret}x`).mac('abcd-efgh-ijkl'));
    expect(box.mac('abcd-efgh-ijkl')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('tokens and hashes', () => {
  it('makes 256-bit URL-safe tokens that do not repeat', () => {
    const tokens = new Set(Array.from({ length: 200 }, newToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('computes SHA-256 in hex', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
