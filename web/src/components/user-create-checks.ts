/**
 * The checks of the add-user form before it is sent: the same rules as the server's CreateUserRequest
 * (src/features/users/user.schema.ts) and password policy. Keys are the request's paths, so that a check
 * of the browser and a detail of the server mark the same field. Messages are i18n keys with their values.
 */
import { minimumPasswordLength } from '../codes';
import { textLength } from './form-problems';

export const userFieldLimits = { email: 254, name: 100, password: 256 } as const;

export type UserDraft = { email: string; name: string; password: string };
export type UserCheck = { key: string; values?: Record<string, number> };
export type UserChecks = Partial<Record<keyof UserDraft, UserCheck>>;

// One @, something on each side, a dot in the domain, no spaces: what z.email() takes, in short.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

export function checkNewUser(draft: UserDraft): UserChecks {
  const checks: UserChecks = {};
  const email = draft.email.trim();
  if (email === '') checks.email = { key: 'users.emailRequired' };
  else if (textLength(email) > userFieldLimits.email)
    checks.email = { key: 'forms.tooLong', values: { count: userFieldLimits.email } };
  else if (!emailPattern.test(email)) checks.email = { key: 'users.emailInvalid' };
  const name = draft.name.trim();
  if (name === '') checks.name = { key: 'users.nameRequired' };
  else if (textLength(name) > userFieldLimits.name)
    checks.name = { key: 'forms.tooLong', values: { count: userFieldLimits.name } };
  // The password is sent as it is typed (no trimming), as the server takes it.
  const passwordLength = Array.from(draft.password).length;
  if (passwordLength === 0) checks.password = { key: 'users.passwordRequired' };
  else if (passwordLength < minimumPasswordLength)
    checks.password = { key: 'users.passwordTooShort', values: { count: minimumPasswordLength } };
  else if (passwordLength > userFieldLimits.password)
    checks.password = { key: 'forms.tooLong', values: { count: userFieldLimits.password } };
  return checks;
}
