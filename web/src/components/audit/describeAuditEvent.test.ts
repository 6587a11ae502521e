import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import ja from '../../i18n/ja.json';
import en from '../../i18n/en.json';
import type { AuditLogEvent } from '../../api/audit';
import { describeAuditEvent } from './describeAuditEvent';

const i18n = i18next.createInstance();
await i18n.init({ lng: 'ja', resources: { ja: { translation: ja }, en: { translation: en } } });
const t = i18n.getFixedT('ja');
const tEn = i18n.getFixedT('en');

const event = (overrides: Partial<AuditLogEvent>): AuditLogEvent => ({
  id: 1,
  at: '2026-04-01T10:00:00.000+09:00',
  actorUserId: null,
  actorName: null,
  actorOrganizationId: null,
  actorOrganizationName: null,
  actorRole: null,
  action: 'update',
  entity: 'user',
  entityId: '00000000-0000-4000-8000-000000000001',
  target: null,
  ip: null,
  requestId: null,
  details: null,
  ...overrides,
});

describe('describeAuditEvent', () => {
  it('tells a password reset, a disable and a role change apart', () => {
    expect(describeAuditEvent(event({ details: { changed: [], passwordReset: true, revokedSessions: 2 } }), t)).toEqual(
      { summary: 'パスワードを再設定', notes: ['ログイン中のセッション 2 件を終了'] },
    );
    expect(describeAuditEvent(event({ details: { changed: ['disabled'], disabled: true } }), t).summary).toBe('無効化');
    expect(
      describeAuditEvent(event({ details: { changed: ['role'], role: { from: 'provider', to: 'admin' } } }), t).summary,
    ).toBe('役割を 在宅サービス事業所 → システム管理者 に変更');
    expect(describeAuditEvent(event({ details: { changed: ['role'], passwordReset: false } }), t).summary).toBe(
      '役割を変更',
    );
    expect(
      describeAuditEvent(event({ details: { changed: ['role'], role: { from: 'provider', to: 'admin' } } }), tEn)
        .summary,
    ).toBe('Role changed from Home care provider to System administrator');
  });

  it('names changed fields in words', () => {
    const described = describeAuditEvent(
      event({ entity: 'organization', details: { changed: ['phone', 'coverage', 'somethingNew'] } }),
      t,
    );
    expect(described.summary).toBe('変更（電話番号、訪問範囲、somethingNew）');
  });

  it('says a failed sign-in was to an account that does not exist, and never shows the hashed e-mail', () => {
    const described = describeAuditEvent(
      event({ action: 'login_failed', entityId: null, details: { emailKey: 'abc123', failureCount: 3 } }),
      t,
    );
    expect(described.summary).toBe('存在しないアカウントへのログイン失敗');
    expect(described.notes.join(' ')).not.toContain('abc123');
  });

  it('describes availability with the statuses in words', () => {
    expect(
      describeAuditEvent(
        event({
          action: 'update_availability',
          entity: 'organization',
          details: { status: 'full', previousStatus: 'accepting', freeSlots: 0 },
        }),
        t,
      ),
    ).toEqual({ summary: '受入状況を 受入可 → 受入不可（満床） に更新', notes: ['空き 0 件'] });
  });

  it('says which part of a case page was read, so the reads of one visit are told apart', () => {
    const read = (what: string) =>
      describeAuditEvent(event({ action: 'read', entity: 'case', details: { what, level: 'full' } }), t).summary;
    expect(read('team')).toBe('閲覧（在宅チーム）');
    expect(read('timeline')).toBe('閲覧（経過）');
    expect(read('messages')).not.toBe(read('team'));
    expect(describeAuditEvent(event({ action: 'read', entity: 'case', details: { what: 'team' } }), tEn).summary).toBe(
      `${tEn('audit.actions.read')} (home-care team)`,
    );
  });
});
