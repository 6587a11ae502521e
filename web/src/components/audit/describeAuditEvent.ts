/**
 * An audit row in words: what was done (with what the row's details say — a password reset, a role change, the
 * fields that changed) and further notes for the collapsed details. Codes never reach the reader: roles, statuses
 * and field names go through their labels; a field without a label is shown as its name.
 */
import type { TFunction } from 'i18next';
import type { AuditLogEvent } from '../../api/audit';

export type AuditDescription = {
  /** One line: the action with its main details (「パスワードを再設定、無効化」). */
  summary: string;
  /** Further facts, shown collapsed. */
  notes: string[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** Keys explained by the summary or not meant for people (a hashed e-mail). */
const consumed = new Set(['changed', 'fields', 'passwordReset', 'revokedSessions', 'emailKey', 'failureCount', 'via']);

export function describeAuditEvent(event: AuditLogEvent, t: TFunction): AuditDescription {
  const details = event.details ?? {};
  const action = t(`audit.actions.${event.action}`, { defaultValue: event.action });
  const roleLabel = (code: unknown) =>
    typeof code === 'string' ? t(`codes.role.${code}`, { defaultValue: code }) : t('common.none');
  const fieldLabel = (field: string) => t(`audit.fields.${field}`, { defaultValue: field });
  const separator = t('common.listSeparator');
  const parts: string[] = [];
  const notes: string[] = [];
  const handled = new Set(consumed);

  const changed = stringsOf(details.changed).length > 0 ? stringsOf(details.changed) : stringsOf(details.fields);

  if (event.entity === 'user' && event.action === 'update') {
    const rest = new Set(changed);
    if (details.passwordReset === true) parts.push(t('audit.describe.passwordReset'));
    rest.delete('password');
    if (rest.delete('disabled')) {
      parts.push(
        details.disabled === true
          ? t('audit.describe.disabled')
          : details.disabled === false
            ? t('audit.describe.enabled')
            : t('audit.describe.disabledChanged'),
      );
    }
    handled.add('disabled');
    if (rest.delete('role')) {
      const role = isRecord(details.role) ? details.role : null;
      parts.push(
        role && 'from' in role && 'to' in role
          ? t('audit.describe.roleChanged', { from: roleLabel(role.from), to: roleLabel(role.to) })
          : t('audit.describe.roleChangedPlain'),
      );
    }
    handled.add('role');
    if (rest.delete('resetMfa')) parts.push(t('audit.describe.mfaReset'));
    if (rest.delete('name')) parts.push(t('audit.describe.nameChanged'));
    if (rest.size > 0)
      parts.push(t('audit.describe.changedFields', { fields: [...rest].map(fieldLabel).join(separator) }));
    if (typeof details.revokedSessions === 'number' && details.revokedSessions > 0) {
      notes.push(t('audit.describe.sessionsEnded', { count: details.revokedSessions }));
    }
  } else if (event.entity === 'user' && event.action === 'create') {
    parts.push(t('audit.describe.userCreated', { role: roleLabel(details.role) }));
    if (typeof details.email === 'string') notes.push(t('audit.describe.email', { email: details.email }));
    handled.add('role').add('email');
  } else if (event.action === 'login_failed') {
    parts.push(
      event.entityId === null
        ? t('audit.describe.loginFailedUnknown')
        : details.via === 'password_change'
          ? t('audit.describe.viaPasswordChange')
          : details.via === 'mfa_reenrolment'
            ? t('audit.describe.viaMfaReenrolment')
            : action,
    );
    if (typeof details.failureCount === 'number') {
      notes.push(t('audit.describe.failureCount', { count: details.failureCount }));
    }
  } else if (event.action === 'update_availability') {
    const status = (code: unknown) =>
      typeof code === 'string' ? t(`codes.availabilityStatus.${code}`, { defaultValue: code }) : t('common.none');
    parts.push(
      details.previousStatus && details.previousStatus !== details.status
        ? t('audit.describe.availabilityChanged', { from: status(details.previousStatus), to: status(details.status) })
        : t('audit.describe.availability', { status: status(details.status) }),
    );
    if (typeof details.freeSlots === 'number') notes.push(t('audit.describe.freeSlots', { count: details.freeSlots }));
    handled.add('status').add('previousStatus').add('freeSlots');
  } else if (event.action === 'read' && typeof details.what === 'string') {
    // A case page reads its parts one by one (the team, the timeline, the thread…): each row says which.
    parts.push(
      t('audit.describe.readPart', {
        action,
        part: t(`audit.readParts.${details.what}`, { defaultValue: details.what }),
      }),
    );
    handled.add('what');
  } else {
    parts.push(
      changed.length > 0
        ? t('audit.describe.actionWithFields', { action, fields: changed.map(fieldLabel).join(separator) })
        : action,
    );
  }
  if (parts.length === 0) parts.push(action);

  for (const key of ['reason', 'note'] as const) {
    if (typeof details[key] === 'string' && details[key]) {
      notes.push(t('audit.describe.reason', { text: details[key] }));
      handled.add(key);
    }
  }
  if (event.action === 'login_failed' && details.via) handled.add('via');

  // Whatever else the row holds, as it is (names of fields in words where known).
  for (const [key, value] of Object.entries(details)) {
    if (handled.has(key) || value === null || value === undefined) continue;
    notes.push(`${fieldLabel(key)}: ${plain(value, separator)}`);
  }
  return { summary: parts.join(separator), notes };
}

function plain(value: unknown, separator: string): string {
  if (Array.isArray(value)) return value.map((item) => plain(item, separator)).join(separator);
  if (isRecord(value)) {
    return Object.entries(value)
      .map(([key, item]) => `${key}=${plain(item, separator)}`)
      .join(' ');
  }
  return String(value);
}
