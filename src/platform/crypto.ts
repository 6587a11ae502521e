/** Tokens, hashes and the symmetric encryption of secrets at rest (AES-256-GCM keyed by RENKEI_SECRET). */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** A random URL-safe token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export type SecretBox = {
  encrypt(plain: string): string;
  decrypt(encrypted: string): string;
  /** Keyed hash for values that must be compared but never stored in clear (e.g. recovery codes). */
  mac(value: string): string;
};

export function createSecretBox(secret: string): SecretBox {
  const key = createHash('sha256').update(`renkei-encryption:${secret}`).digest();
  const macKey = createHash('sha256').update(`renkei-mac:${secret}`).digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(encrypted) {
      const [version, iv, tag, body] = encrypted.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    mac(value) {
      return createHmac('sha256', macKey).update(value).digest('hex');
    },
  };
}
