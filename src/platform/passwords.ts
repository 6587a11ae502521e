/**
 * Password hashing with argon2id and the password policy: at least 13 characters, not the e-mail address, and not
 * easy to guess (repeated or sequential characters, the e-mail's name).
 */
import { hash, verify } from '@node-rs/argon2';
import { errors } from './errors.js';
import { minimumPasswordLength } from '../domain/codes.js';

export { minimumPasswordLength };

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the account does not exist, so timing does not tell. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('renkei-dummy-password-for-timing');
  return dummyHash;
}

/** Runs people type instead of a secret: the keyboard's rows, the alphabet and the digits, either way round. */
const sequences = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];
const minimumDistinctCharacters = 5;

/**
 * Why a password of the right length is still easy to guess (NIST SP 800-63B: refuse repetitive or sequential
 * characters and context-specific words such as the user's name), or null. Compared as typed and as NFKC folds it,
 * so 「ａａａ…」 counts as 「aaa…」.
 */
export function weakPasswordReason(password: string, email: string): string | null {
  const folded = password.normalize('NFKC').toLowerCase();
  if (new Set(Array.from(folded)).size < minimumDistinctCharacters)
    return `同じ文字の繰り返しが多すぎます。${minimumDistinctCharacters}種類以上の文字を使ってください。`;
  if (sequences.some((run) => run.includes(folded) || Array.from(run).reverse().join('').includes(folded)))
    return '「12345…」「abcde…」「qwerty…」のような並びだけのパスワードは使えません。';
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 4 && folded.includes(localPart))
    return 'メールアドレスの「@」より前の部分を含むパスワードは使えません。';
  return null;
}

export function assertPasswordPolicy(password: string, email: string, path = 'password'): void {
  if (Array.from(password).length < minimumPasswordLength) {
    throw errors.validation([{ path, message: `パスワードは${minimumPasswordLength}文字以上にしてください。` }]);
  }
  if (password.toLowerCase() === email.toLowerCase()) {
    throw errors.validation([{ path, message: 'メールアドレスと同じパスワードは使えません。' }]);
  }
  const weakness = weakPasswordReason(password, email);
  if (weakness !== null) throw errors.validation([{ path, message: weakness, code: 'password_too_weak' }]);
}
