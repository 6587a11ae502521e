/**
 * What the organisation page's 412 banner says: who made the change the user's save collided with, as far as the
 * page can know it. The audit trail (the organisation's own staff, the admin) names the person exactly — the user
 * themselves in another tab (「別の画面でこの内容が更新されています」) or someone else (「他の利用者が更新しました」).
 * Without it (the medical association), only the 受入状況's last author is known, by name: another name is someone
 * else; the user's own name, or no change of the 受入状況 since the page last saw it, is said neutrally.
 */

/** Who changed the record: the user (in another tab or window), someone else, or not known. */
export type ConflictAuthor = 'self' | 'other' | 'unknown';

export type ConflictSentence =
  | { kind: 'audit'; actorName: string | null; at: string; isAvailability: boolean }
  | { kind: 'availability'; name: string; at: string }
  | { kind: 'general' };

export type ConflictWording = { author: ConflictAuthor; sentence: ConflictSentence };

type Input = {
  me: { id: string; name: string };
  /** The organisation's last change in its audit trail, when the user may read it (undefined when not). */
  lastAuditedChange?: { actorUserId: string | null; actorName: string | null; at: string; action: string } | null;
  /** The 受入状況 as it is now. */
  availability: { updatedAt: string; updatedBy: string | null } | null;
  /** When the 受入状況 was last updated as the page knew it (loaded or saved from it). */
  seenAvailabilityUpdatedAt: string | null;
};

export function conflictWording({
  me,
  lastAuditedChange,
  availability,
  seenAvailabilityUpdatedAt,
}: Input): ConflictWording {
  if (lastAuditedChange) {
    const sentence: ConflictSentence = {
      kind: 'audit',
      actorName: lastAuditedChange.actorName,
      at: lastAuditedChange.at,
      isAvailability: lastAuditedChange.action === 'update_availability',
    };
    // A change without an actor was the system's (an import): not the user's either.
    return { author: lastAuditedChange.actorUserId === me.id ? 'self' : 'other', sentence };
  }
  const isAvailabilityChanged = availability !== null && availability.updatedAt !== seenAvailabilityUpdatedAt;
  if (isAvailabilityChanged && availability.updatedBy) {
    return {
      // Names are not unique: the user's own name may be a colleague's, so it is not said to be the user.
      author: availability.updatedBy === me.name ? 'unknown' : 'other',
      sentence: { kind: 'availability', name: availability.updatedBy, at: availability.updatedAt },
    };
  }
  return { author: 'unknown', sentence: { kind: 'general' } };
}
