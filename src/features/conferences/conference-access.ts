/**
 * Loading a conference for a caller: its participants read it even when the case itself is out
 * of their sight; the case's thread reads it; only coordinators change it. Neither → not found.
 */
import { assertVersionAudited } from '../../platform/versioning.js';
import type { ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { AppError, errors } from '../../platform/errors.js';
import { canManageConference, canReadConference } from '../../domain/policies/conference-policy.js';
import { loadCase } from '../cases/case-access.js';
import * as repository from './conference.repository.js';

export const conferenceNotFoundMessage = '指定されたカンファレンスが見つかりません。';
export const manageOnlyMessage = 'カンファレンスを設定・変更できるのは、このケースを調整する病院・センターです。';

/** The case as the caller sees it, or null when it is out of their sight. */
async function caseOrNull(executor: DbExecutor, context: ActorContext, caseId: string, forUpdate: boolean) {
  try {
    return await loadCase(executor, context, caseId, { forUpdate });
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) return null;
    throw error;
  }
}

/** A conference the caller may read; with `forUpdate` the case row is locked first. */
export async function loadConference(tx: Tx, context: ActorContext, id: string, options: { forUpdate?: boolean } = {}) {
  const before = await repository.findConference(tx, id);
  if (!before) throw errors.notFound(conferenceNotFoundMessage);
  const loaded = await caseOrNull(tx, context, before.caseId, Boolean(options.forUpdate));
  const row = options.forUpdate ? ((await repository.findConference(tx, id)) ?? before) : before;
  const participants = await repository.participantsOf(tx, [id]);
  const participantIds = participants.map((participant) => participant.organizationId);
  if (!canReadConference(context.actor, loaded?.facts ?? null, participantIds)) {
    if (loaded) throw errors.forbidden('このカンファレンスは参加者と在宅チーム・病院・センターのみ閲覧できます。');
    throw errors.notFound(conferenceNotFoundMessage);
  }
  const canManage = canManageConference(context.actor, loaded?.facts ?? null);
  return { row, participants, participantIds, canManage, caseLoaded: loaded };
}

/** A conference the caller coordinates, locked, at the expected version (if one was sent). */
export async function loadConferenceForChange(
  tx: Tx,
  context: ActorContext,
  id: string,
  expectedVersion: number | null,
) {
  const loaded = await loadConference(tx, context, id, { forUpdate: true });
  const { caseLoaded } = loaded;
  if (!loaded.canManage || !caseLoaded) throw errors.forbidden(manageOnlyMessage);
  // A stale version names who changed the conference last and when, as a case's does.
  if (expectedVersion !== null)
    await assertVersionAudited(tx, expectedVersion, loaded.row.version, {
      entity: 'conference',
      entityId: id,
      actions: ['schedule', 'update', 'cancel', 'record_minutes'],
    });
  return { ...loaded, caseLoaded };
}
