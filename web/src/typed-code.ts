/**
 * A verification or recovery code as typed: NFKC turns what a Japanese IME types in full-width mode
 * (４６３７０１, ＡＢＣＤ－…) into the ASCII characters, and spaces (also the full-width one) go.
 * The server does the same (auth.schema.ts); this lets the form check and send the code at once.
 */
export function normalizeTypedCode(value: string): string {
  return value.normalize('NFKC').replace(/\s/g, '');
}

/** A 6-digit code of an authenticator app, once normalised. */
export function isSixDigitCode(value: string): boolean {
  return /^\d{6}$/.test(normalizeTypedCode(value));
}
