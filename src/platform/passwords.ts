/** Password hashing with argon2id and the password policy (at least 13 characters). */
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

export function assertPasswordPolicy(password: string, email: string, path = 'password'): void {
  if (Array.from(password).length < minimumPasswordLength) {
    throw errors.validation([{ path, message: `パスワードは${minimumPasswordLength}文字以上にしてください。` }]);
  }
  if (password.toLowerCase() === email.toLowerCase()) {
    throw errors.validation([{ path, message: 'メールアドレスと同じパスワードは使えません。' }]);
  }
}
