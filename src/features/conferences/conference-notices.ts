/**
 * What the participants of a conference are told — invitation, change, cancellation, minutes —
 * and the reminder a day before (a durable job, keyed by SEQUENCE so a changed conference is
 * reminded of its current time only). Written in the caller's transaction.
 */
import type { Clock } from '../../platform/clock.js';
import type { Tx } from '../../db/client.js';
import { notify } from '../../platform/notifications.js';
import { japaneseDate, toJstIso } from '../../platform/time.js';
import type { NotificationKind, TextParams } from '../../domain/server-text.js';
import { cancelJob, scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { formatPlace, formatSchedule } from './conference.presenter.js';
import * as repository from './conference.repository.js';

export const conferenceReminderJob = 'conference.reminder';
const dayMs = 24 * 60 * 60 * 1000;

export function createConferenceNotices(clock: Clock) {
  async function notifyParticipants(
    tx: Tx,
    row: repository.ConferenceRow,
    organizationIds: readonly string[],
    message: { kind: NotificationKind; title: string; body: string; params: TextParams },
  ) {
    for (const organizationId of organizationIds) {
      await notify(tx, clock, {
        recipientOrganizationId: organizationId,
        kind: message.kind,
        title: message.title,
        body: message.body,
        params: message.params,
        // Opens the case at this conference (the case page scrolls to #conference-<id>).
        link: `/cases/${row.caseId}#conference-${row.id}`,
        entity: 'conference',
        entityId: row.id,
      });
    }
  }

  /** 岡山…病院の退院時カンファレンス（退院予定 2026-12-10）: 2026年12月1日(火) 14:00〜15:00（場所: …） */
  const invitationBody = (row: repository.ConferenceRow) =>
    `${row.hospitalName}の退院時カンファレンス（退院予定 ${japaneseDate(row.plannedDischargeDate)}）: ${formatSchedule(row)}（${formatPlace(row)}）`;

  /** The values of the texts about a conference (domain/server-text.ts), without its minutes. */
  const conferenceParams = (row: repository.ConferenceRow): TextParams => ({
    hospitalName: row.hospitalName,
    plannedDischargeDate: row.plannedDischargeDate,
    startsAt: toJstIso(row.startsAt),
    durationMinutes: row.durationMinutes,
    place: row.place,
    onlineUrl: row.onlineUrl,
    variant: row.place && row.onlineUrl ? 'place_online' : row.place ? 'place' : row.onlineUrl ? 'online' : null,
  });

  const reminderKey = (row: Pick<repository.ConferenceRow, 'id' | 'sequence'>) =>
    `${conferenceReminderJob}:${row.id}:${row.sequence}`;

  async function scheduleReminder(tx: Tx, row: repository.ConferenceRow) {
    const runAt = new Date(row.startsAt.getTime() - dayMs);
    if (runAt.getTime() <= clock.now().getTime()) return;
    await scheduleJob(tx, clock, {
      kind: conferenceReminderJob,
      runAt,
      payload: { conferenceId: row.id, sequence: row.sequence },
      uniqueKey: reminderKey(row),
    });
  }

  async function cancelReminder(tx: Tx, row: Pick<repository.ConferenceRow, 'id' | 'sequence'>) {
    await cancelJob(tx, clock, reminderKey(row));
  }

  /** A day before: reminds the participants, unless the conference changed since (another reminder). */
  const remind: JobHandler = async (tx, job) => {
    const { conferenceId, sequence } = job.payload as { conferenceId: string; sequence: number };
    const row = await repository.findConference(tx, conferenceId);
    if (!row || row.status !== 'scheduled' || row.sequence !== sequence) return;
    const participants = await repository.participantsOf(tx, [conferenceId]);
    await notifyParticipants(
      tx,
      row,
      participants.map((participant) => participant.organizationId),
      {
        kind: 'conference_reminder',
        title: '明日は退院時カンファレンスです',
        body: invitationBody(row),
        params: conferenceParams(row),
      },
    );
  };

  return {
    notifyParticipants,
    invitationBody,
    conferenceParams,
    scheduleReminder,
    cancelReminder,
    jobs: { [conferenceReminderJob]: remind },
  };
}
