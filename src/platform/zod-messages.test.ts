/** Our Japanese for zod's issues: what API clients read in details[].message instead of zod's internal words. */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { setJapaneseZodMessages } from './zod-messages.js';
import { CreateOrganizationRequest, UpdateAvailabilityRequest } from '../features/organizations/organization.schema.js';
import { CreateUserRequest, UserIdParams } from '../features/users/user.schema.js';

function messages(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected issues');
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('the Japanese of validation issues', () => {
  beforeAll(() => {
    setJapaneseZodMessages();
  });

  it('says a missing field is required and a field of the wrong type what it takes', () => {
    const found = messages(CreateOrganizationRequest, { kind: 'clinic', address: 12, lat: '34.6' });
    expect(found.name).toBe('必須の項目です。');
    expect(found.address).toBe('文字列で指定してください。');
    expect(found.lat).toBe('数値で指定してください。');
    for (const message of Object.values(found)) {
      expect(message).not.toMatch(/string|number|undefined|無効な入力/);
    }
  });

  it('says the length and the bounds in words', () => {
    const found = messages(CreateOrganizationRequest, {
      name: 'あ'.repeat(201),
      kind: 'clinic',
      declaredCapacity: 10001,
      coverage: { radiusKm: 0 },
    });
    expect(found.name).toBe('200文字以内で入力してください。');
    expect(found.declaredCapacity).toBe('10000以下の値を指定してください。');
    expect(found['coverage.radiusKm']).toBe('0より大きい値を指定してください。');
    expect(messages(CreateOrganizationRequest, { name: ' ', kind: 'clinic' }).name).toBe(
      '入力してください（空欄にはできません）。',
    );
    expect(messages(UpdateAvailabilityRequest, { status: 'limited', freeSlots: 1.5 }).freeSlots).toBe(
      '整数で指定してください。',
    );
  });

  it('lists the allowed values of an enum and names unknown keys', () => {
    const found = messages(CreateOrganizationRequest, { name: '診療所', kind: 'spaceship', colour: 'red' });
    expect(found.kind).toContain('次のいずれかを指定してください: hospital、clinic');
    expect(found['']).toBe('指定できない項目です: colour');
  });

  it('says the expected format of a date-time, an ID and an e-mail address, keeping a schema’s own message', () => {
    const backup = messages(CreateOrganizationRequest, {
      name: '病院',
      kind: 'hospital',
      associationId: 'x',
      backup: { unavailableUntil: '2026-04-01' },
    });
    expect(backup.associationId).toBe('ID の形式（UUID）が正しくありません。');
    expect(backup['backup.unavailableUntil']).toContain('2026-04-01T09:00:00+09:00');
    expect(messages(z.object({ day: z.iso.date() }), { day: '2026/4/1' }).day).toContain('YYYY-MM-DD');
    expect(messages(z.object({ to: z.email() }), { to: 'nobody' }).to).toBe('メールアドレスの形式が正しくありません。');
    // The schema's own words win.
    expect(messages(UserIdParams, { id: 'x' }).id).toBe('ID の形式が正しくありません。');
    expect(messages(CreateUserRequest, { email: 'x', name: 'a', role: 'provider', password: 'p' }).email).toBe(
      'メールアドレスの形式が正しくありません。',
    );
  });
});
