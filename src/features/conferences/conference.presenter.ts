/** Conference row → API object, the Japanese wording of its time and place, and its .ics file. */
import type { OrganizationKind } from '../../domain/codes.js';
import type { ConferenceStatus } from '../../domain/cases/conference-state.js';
import { conferenceStatusLabels } from '../../domain/cases/conference-state.js';
import { tokyoCalendar } from '../../domain/calendar/icalendar.js';
import { japaneseDate, toJstIso, toJstIsoOrNull } from '../../platform/time.js';
import type { ConferenceRow, ParticipantRow } from './conference.repository.js';
import type { ConferenceResponse } from './conference.schema.js';

const minuteMs = 60_000;
const jstOffsetMs = 9 * 60 * minuteMs;
const weekdays = ['日', '月', '火', '水', '木', '金', '土'];

export function endOf(row: Pick<ConferenceRow, 'startsAt' | 'durationMinutes'>): Date {
  return new Date(row.startsAt.getTime() + row.durationMinutes * minuteMs);
}

function jstParts(date: Date) {
  const shifted = new Date(date.getTime() + jstOffsetMs);
  return {
    date: `${shifted.getUTCFullYear()}年${shifted.getUTCMonth() + 1}月${shifted.getUTCDate()}日(${weekdays[shifted.getUTCDay()] ?? ''})`,
    time: `${String(shifted.getUTCHours()).padStart(2, '0')}:${String(shifted.getUTCMinutes()).padStart(2, '0')}`,
  };
}

/** 2026年12月1日(火) 14:00〜15:00 (Asia/Tokyo). */
export function formatSchedule(row: Pick<ConferenceRow, 'startsAt' | 'durationMinutes'>): string {
  const start = jstParts(row.startsAt);
  const end = jstParts(endOf(row));
  return `${start.date} ${start.time}〜${end.date === start.date ? '' : `${end.date} `}${end.time}`;
}

/** 場所: 3階会議室／オンライン: https://… */
export function formatPlace(row: Pick<ConferenceRow, 'place' | 'onlineUrl'>): string {
  return [row.place ? `場所: ${row.place}` : null, row.onlineUrl ? `オンライン: ${row.onlineUrl}` : null]
    .filter((part) => part !== null)
    .join('／');
}

export function presentConference(
  row: ConferenceRow,
  participants: readonly ParticipantRow[],
  options: { canManage: boolean },
): ConferenceResponse {
  return {
    id: row.id,
    caseId: row.caseId,
    hospital: { id: row.hospitalOrganizationId, name: row.hospitalName },
    startsAt: toJstIso(row.startsAt),
    endsAt: toJstIso(endOf(row)),
    durationMinutes: row.durationMinutes,
    place: row.place,
    onlineUrl: row.onlineUrl,
    status: row.status as ConferenceStatus,
    participants: participants
      .filter((participant) => participant.conferenceId === row.id)
      .map((participant) => ({
        organizationId: participant.organizationId,
        name: participant.name,
        kind: participant.kind as OrganizationKind,
      })),
    minutes: row.minutes,
    minutesRecordedAt: toJstIsoOrNull(row.minutesRecordedAt),
    minutesRecordedByName: row.minutes ? row.minutesRecordedByName : null,
    sequence: row.sequence,
    version: row.version,
    calendarUrl: `/api/v1/conferences/${row.id}/calendar.ics`,
    createdAt: toJstIso(row.createdAt),
    updatedAt: toJstIso(row.updatedAt),
    permissions: { canManage: options.canManage },
  };
}

/**
 * The conference as an RFC 5545 calendar (METHOD:PUBLISH, TZID=Asia/Tokyo). The UID is derived
 * from the conference id (stable across downloads); SEQUENCE is the conference's. The text names
 * no patient: hospital, planned discharge date and participants are enough to find it in Renkei.
 * `isInvited: false` (an organisation taken off the participants, or never on them) gives the event
 * as CANCELLED, so that importing it takes it out of that organisation's calendar.
 */
export function conferenceCalendar(
  row: ConferenceRow,
  participants: readonly ParticipantRow[],
  stamp: Date,
  options: { isInvited: boolean } = { isInvited: true },
): string {
  const isCancelled = row.status === 'cancelled' || !options.isInvited;
  const description = [
    `病院: ${row.hospitalName}`,
    `退院予定日: ${japaneseDate(row.plannedDischargeDate)}`,
    `日時: ${formatSchedule(row)}`,
    row.place ? `場所: ${row.place}` : null,
    row.onlineUrl ? `オンライン: ${row.onlineUrl}` : null,
    `参加: ${participants.map((participant) => participant.name).join('、')}`,
    row.status === 'cancelled' ? `状態: ${conferenceStatusLabels.cancelled}` : null,
    options.isInvited ? null : 'あなたの組織はこのカンファレンスの参加者ではありません（参加者から外れました）。',
    '詳細は Renkei（連携）で確認してください。',
  ]
    .filter((line) => line !== null)
    .join('\n');
  return tokyoCalendar({
    productId: '-//Renkei//Discharge Conference 1.0//JA',
    method: 'PUBLISH',
    events: [
      {
        uid: `${row.id}@renkei`,
        stamp,
        start: row.startsAt,
        end: endOf(row),
        sequence: row.sequence,
        status: isCancelled ? 'CANCELLED' : 'CONFIRMED',
        summary: `退院時カンファレンス（${row.hospitalName}）`,
        location: row.place ?? (row.onlineUrl ? 'オンライン' : null),
        url: row.onlineUrl,
        description,
        created: row.createdAt,
        lastModified: row.updatedAt,
      },
    ],
  });
}
