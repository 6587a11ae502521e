import { describe, expect, it } from 'vitest';
import { conflictWording } from './conflict-wording';

const me = { id: 'user-1', name: '在宅医 医師（デモ）' };
const availability = { updatedAt: '2026-11-26T10:05:00+09:00', updatedBy: '在宅医 医師（デモ）' };
const seenBefore = '2026-11-20T09:00:00+09:00';

describe('who the 412 banner of an organisation names', () => {
  it('says it was the user in another tab when the audit trail names the user', () => {
    const wording = conflictWording({
      me,
      lastAuditedChange: { actorUserId: 'user-1', actorName: me.name, at: availability.updatedAt, action: 'update' },
      availability,
      seenAvailabilityUpdatedAt: seenBefore,
    });
    expect(wording).toEqual({
      author: 'self',
      sentence: { kind: 'audit', actorName: me.name, at: availability.updatedAt, isAvailability: false },
    });
  });

  it('says another user when the audit trail names someone else, or no one (the system)', () => {
    const byAdmin = conflictWording({
      me,
      lastAuditedChange: {
        actorUserId: 'user-2',
        actorName: '管理者',
        at: availability.updatedAt,
        action: 'update_availability',
      },
      availability,
      seenAvailabilityUpdatedAt: seenBefore,
    });
    expect(byAdmin.author).toBe('other');
    expect(byAdmin.sentence).toMatchObject({ kind: 'audit', actorName: '管理者', isAvailability: true });
    const bySystem = conflictWording({
      me,
      lastAuditedChange: { actorUserId: null, actorName: null, at: availability.updatedAt, action: 'update' },
      availability,
      seenAvailabilityUpdatedAt: seenBefore,
    });
    expect(bySystem.author).toBe('other');
  });

  it('without the audit trail, names the 受入状況’s author when it changed since the page saw it', () => {
    const byDoctor = conflictWording({
      me: { id: 'association-user', name: '医師会 事務局（デモ）' },
      availability,
      seenAvailabilityUpdatedAt: seenBefore,
    });
    expect(byDoctor).toEqual({
      author: 'other',
      sentence: { kind: 'availability', name: availability.updatedBy, at: availability.updatedAt },
    });
  });

  it('does not call the user “another user” when the 受入状況 was last updated under the user’s own name', () => {
    const wording = conflictWording({ me, availability, seenAvailabilityUpdatedAt: seenBefore });
    expect(wording.author).toBe('unknown');
    expect(wording.sentence).toMatchObject({ kind: 'availability', name: me.name });
  });

  it('says it neutrally when nothing tells who changed it', () => {
    // The 受入状況 is as the page saw it: the change was elsewhere (the profile), its author unknown.
    expect(conflictWording({ me, availability, seenAvailabilityUpdatedAt: availability.updatedAt })).toEqual({
      author: 'unknown',
      sentence: { kind: 'general' },
    });
    expect(conflictWording({ me, availability: null, seenAvailabilityUpdatedAt: null })).toEqual({
      author: 'unknown',
      sentence: { kind: 'general' },
    });
  });
});
