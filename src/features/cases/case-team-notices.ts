/**
 * What the home-care team is told when the hospital changes the case under it: the discharge (the
 * day home care starts), the cancellation, a new planned discharge date. Addressed like the team's
 * other notices (team_added, case_message): to the organisations filling a role on the case's team,
 * and to the Center when the case was brought to it with consent — the case's circle, as its
 * thread sees it — never to the organisation that made the change. Like those notices they carry
 * the minimum necessary: the hospital and dates, never the patient's name or free text, because
 * every member of the organisation reads them, whatever the consent lets it see of the record.
 * Written in the caller's transaction (the notification outbox NOTIFYs the live streams at commit).
 */
import type { DbExecutor, Tx } from '../../db/client.js';
import type { ActorContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import { notify } from '../../platform/notifications.js';
import type { NotificationKind, TextParams } from '../../domain/server-text.js';
import type { LoadedCase } from './case-access.js';
import { japaneseDate } from '../../platform/time.js';

/** An organisation of the case's circle and how it relates to the case. */
export type CaseCircleOrganization = { id: string; relation: 'hospital' | 'team' | 'center' | 'welfare' };

/** The case's circle (provided by the case-message feature: the same organisations as the thread). */
export type CaseCircle = (executor: DbExecutor, loaded: LoadedCase) => Promise<readonly CaseCircleOrganization[]>;

export const caseTeamNoticeKinds = {
  discharged: 'case_discharged',
  cancelled: 'case_cancelled',
  dischargeDateChanged: 'case_discharge_date_changed',
  outcome: 'case_outcome',
} as const;

/** Who of the circle is told: the team and the involved Center, not the one who made the change. */
export function teamNoticeRecipients(
  circle: readonly CaseCircleOrganization[],
  actorOrganizationId: string | null,
  options: { includeHospital?: boolean } = {},
): string[] {
  const relations: readonly CaseCircleOrganization['relation'][] = options.includeHospital
    ? ['team', 'center', 'hospital']
    : ['team', 'center'];
  return [
    ...new Set(
      circle
        .filter((organization) => relations.includes(organization.relation))
        .map((organization) => organization.id)
        .filter((id) => id !== actorOrganizationId),
    ),
  ];
}

export function createCaseTeamNotices(clock: Clock, caseCircle: CaseCircle | undefined) {
  async function tell(
    tx: Tx,
    context: ActorContext,
    loaded: LoadedCase,
    message: { kind: NotificationKind; title: string; body: string; params: TextParams },
    options: { includeHospital?: boolean } = {},
  ): Promise<void> {
    if (!caseCircle) return;
    const recipients = teamNoticeRecipients(await caseCircle(tx, loaded), context.actor.organizationId, options);
    for (const organizationId of recipients) {
      await notify(tx, clock, {
        recipientOrganizationId: organizationId,
        kind: message.kind,
        title: message.title,
        body: message.body,
        params: message.params,
        link: `/cases/${loaded.row.id}`,
        entity: 'case',
        entityId: loaded.row.id,
      });
    }
  }

  /** 「〇〇病院の患者が退院しました（2026年12月1日(火)）。在宅での支援の開始日です。」 */
  const discharged = (tx: Tx, context: ActorContext, loaded: LoadedCase, dischargedOn: string) =>
    tell(tx, context, loaded, {
      kind: caseTeamNoticeKinds.discharged,
      title: `退院しました（${japaneseDate(dischargedOn)}）`,
      body: `${loaded.row.hospitalName}の患者が退院しました（${japaneseDate(dischargedOn)}）。在宅での支援の開始日です。`,
      params: { hospitalName: loaded.row.hospitalName, dischargedOn },
    });

  const cancelled = (tx: Tx, context: ActorContext, loaded: LoadedCase) =>
    tell(tx, context, loaded, {
      kind: caseTeamNoticeKinds.cancelled,
      title: '退院支援ケースが中止されました',
      body: `${loaded.row.hospitalName}の患者（退院予定 ${japaneseDate(loaded.row.plannedDischargeDate)}）の退院支援は中止になりました。`,
      params: { hospitalName: loaded.row.hospitalName, plannedDischargeDate: loaded.row.plannedDischargeDate },
    });

  const dischargeDateChanged = (tx: Tx, context: ActorContext, loaded: LoadedCase, from: string, to: string) =>
    tell(tx, context, loaded, {
      kind: caseTeamNoticeKinds.dischargeDateChanged,
      title: `退院予定日が変わりました（${japaneseDate(from)} → ${japaneseDate(to)}）`,
      body: `${loaded.row.hospitalName}の患者の退院予定日が ${japaneseDate(from)} から ${japaneseDate(to)} に変わりました。`,
      params: { hospitalName: loaded.row.hospitalName, from, to },
    });

  /**
   * 「〇〇病院の患者（2026年11月25日(水) 退院）の転帰: 病院で死亡（2026年12月20日(日)）」: the team, the involved Center, and
   * the hospital when someone else (the Center) recorded it. An outcome recorded before the follow-up day says so
   * (variant `early`). The outcome and the dates only: never the name or the free-text note.
   */
  const outcome = (
    tx: Tx,
    context: ActorContext,
    loaded: LoadedCase,
    input: { outcome: string; outcomeLabel: string; on: string; isEarly: boolean; correctsDeath?: boolean },
  ) => {
    const dischargedOn = loaded.row.dischargedOn;
    const since = dischargedOn ? `（${japaneseDate(dischargedOn)} 退院）` : '';
    const corrects = input.correctsDeath === true;
    return tell(
      tx,
      context,
      loaded,
      {
        kind: caseTeamNoticeKinds.outcome,
        title: corrects
          ? `死亡の記録が訂正されました: ${input.outcomeLabel}`
          : `${input.isEarly ? '早期の転帰' : '退院後の転帰'}: ${input.outcomeLabel}`,
        body: corrects
          ? `${loaded.row.hospitalName}の患者${since}の死亡の記録は誤りとして訂正されました。転帰: ${input.outcomeLabel}（${japaneseDate(input.on)}）。`
          : `${loaded.row.hospitalName}の患者${since}の転帰が記録されました: ${input.outcomeLabel}（${japaneseDate(input.on)}）。${input.outcome.startsWith('died') ? 'このケースは終了しました。' : ''}`,
        params: {
          hospitalName: loaded.row.hospitalName,
          dischargedOn,
          outcome: input.outcome,
          on: input.on,
          variant: corrects
            ? 'corrected'
            : [input.isEarly ? 'early' : null, input.outcome.startsWith('died') ? 'died' : null]
                .filter(Boolean)
                .join('_') || null,
        },
      },
      { includeHospital: true },
    );
  };

  return { discharged, cancelled, dischargeDateChanged, outcome };
}
