/** Schemas of the discharge conference (CONTRACT §3: POST /api/v1/cases/:id/conferences, …/calendar.ics). */
import { z } from 'zod';
import { PageQuery } from '../../platform/pagination.js';
import { organizationKinds } from '../../domain/codes.js';
import { conferenceDurationMinutes, conferenceStatuses } from '../../domain/cases/conference-state.js';

const startsAt = z.iso
  .datetime({ offset: true, message: '開始日時は ISO 8601（+09:00 など時差つき）で指定してください。' })
  .describe('開始日時（未来の日時）');
const durationMinutes = z
  .number()
  .int()
  .min(
    conferenceDurationMinutes.min,
    `所要時間は${conferenceDurationMinutes.min}〜${conferenceDurationMinutes.max}分で指定してください。`,
  )
  .max(
    conferenceDurationMinutes.max,
    `所要時間は${conferenceDurationMinutes.min}〜${conferenceDurationMinutes.max}分で指定してください。`,
  )
  .describe('所要時間（分）');
const place = z.string().trim().min(1).max(300).describe('場所（病院の会議室など）');
const onlineUrl = z
  .url({ protocol: /^https$/, message: 'オンライン会議の URL は https:// で始まる URL を指定してください。' })
  .max(2000)
  .describe('オンライン会議の URL（https）');
const participantOrganizationIds = z
  .array(z.uuid())
  .min(1, '参加する組織を1つ以上選んでください。')
  .max(50)
  .describe('参加する組織（在宅チーム・病院・センター・福祉の連携先）');
const placeOrUrlMessage = '場所（place）かオンライン会議の URL（onlineUrl）の少なくとも一方を指定してください。';

export const ScheduleConferenceRequest = z
  .strictObject({
    startsAt,
    durationMinutes,
    place: place.optional(),
    onlineUrl: onlineUrl.optional(),
    participantOrganizationIds,
  })
  .refine((value) => Boolean(value.place) || Boolean(value.onlineUrl), { message: placeOrUrlMessage, path: ['place'] });
export type ScheduleConferenceRequest = z.infer<typeof ScheduleConferenceRequest>;

export const UpdateConferenceRequest = z
  .strictObject({
    startsAt: startsAt.optional(),
    durationMinutes: durationMinutes.optional(),
    place: place.nullable().optional(),
    onlineUrl: onlineUrl.nullable().optional(),
    participantOrganizationIds: participantOrganizationIds.optional(),
  })
  .refine((value) => Object.values(value).some((entry) => entry !== undefined), {
    message: '変更する項目を1つ以上指定してください。',
  });
export type UpdateConferenceRequest = z.infer<typeof UpdateConferenceRequest>;

export const CancelConferenceRequest = z.strictObject({
  reason: z.string().trim().max(1000).optional().describe('中止の理由'),
});

export const ConferenceMinutesRequest = z.strictObject({
  minutes: z.string().trim().min(1, '議事録を入力してください。').max(20000).describe('議事録'),
});

export const ConferenceIdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });

export const ConferenceResponse = z.object({
  id: z.string(),
  caseId: z.string(),
  hospital: z.object({ id: z.string(), name: z.string() }),
  startsAt: z.string().describe('開始日時（+09:00）'),
  endsAt: z.string().describe('終了日時（+09:00）'),
  durationMinutes: z.number().int(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  status: z.enum(conferenceStatuses),
  participants: z.array(z.object({ organizationId: z.string(), name: z.string(), kind: z.enum(organizationKinds) })),
  minutes: z.string().nullable(),
  minutesRecordedAt: z.string().nullable(),
  minutesRecordedByName: z.string().nullable().describe('議事録を記録した人'),
  sequence: z.number().int().describe('iCalendar の SEQUENCE（変更のたびに増える）'),
  version: z.number().int(),
  calendarUrl: z.string().describe('.ics のダウンロード先'),
  createdAt: z.string(),
  updatedAt: z.string(),
  permissions: z.object({ canManage: z.boolean() }),
});
export type ConferenceResponse = z.infer<typeof ConferenceResponse>;

/** A case's conferences, by start time. */
export const ConferenceListQuery = PageQuery;

export const ConferenceListResponse = z.object({
  items: z.array(ConferenceResponse).describe('開始日時の順'),
  nextCursor: z.string().nullable().describe('次のページのカーソル（最後のページは null）'),
});
