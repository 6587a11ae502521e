/** Two-factor sign-in in tests: authenticator codes at the test clock's time, as a person would type them. */
import { authenticator } from 'otplib';
import { buildOrganization, buildUser } from './factories.js';
import type { TestApp } from './test-app.js';

/** Test apps that ask every user of a patient-facing role for a second factor. */
export const requireMfa = { env: { RENKEI_REQUIRE_MFA: 'true' } };

/** The authenticator's code for `secret` at `at` (the test clock's time, not the wall clock's). */
export function codeAt(secret: string, at: Date): string {
  return authenticator.clone({ epoch: at.getTime() }).generate(secret);
}

/** ４６３７０１ for 463701: what a Japanese IME in full-width mode types. */
export function fullWidth(text: string): string {
  return text.replace(/[0-9a-z]/gi, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
}

/** A provider of a new clinic (a role that must use two-factor), not signed in yet. */
export async function clinicProvider(app: TestApp) {
  const organization = await buildOrganization(app.database, { kind: 'clinic' });
  return buildUser(app.database, { role: 'provider', organizationId: organization.id });
}
