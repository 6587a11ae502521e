/**
 * The emergency contact card (緊急時連絡カード) of a case: made on request from the current team,
 * doctor pairs, published rosters and backup hospitals — so a card printed after the team or the
 * roster changed always shows the change (nothing is cached). It goes to the patient's home, so it
 * prints public phone numbers only (never an organisation's professional-only line). The facts are
 * read and the read is audited in one transaction; the PDF is drawn outside it. Patient details:
 * full record only.
 */
import type { AppDeps, ActorContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { jstDate } from '../../platform/time.js';
import { auditCaseRead, loadCase } from '../cases/case-access.js';
import { teamRoleLabels } from '../../domain/labels.js';
import type { TeamRole } from '../../domain/codes.js';
import { defaultWaitMinutes, escalationRoleLabels } from '../../domain/escalation/escalation.js';
import { shiftLabels, weekdayLabels, type ShiftKind } from '../../domain/roster/roster-types.js';
import { dayOfWeek } from '../../domain/calendar/japanese-calendar.js';
import * as repository from './escalation.repository.js';
import {
  assertCaresForCase,
  dutyHours,
  formatJst,
  type Condition,
  type EscalationService,
} from './escalation.service.js';
import {
  renderA4Card,
  renderPocketCard,
  writeInBlank,
  type CardDuty,
  type CardStep,
  type EmergencyCardDocument,
} from './emergency-card-pdf.js';
import { organizationAttributions } from '../../platform/data-sources.js';

/** Days of duties printed: the A4 page holds two weeks, the card's back one week. */
const dutyDays = { a4: 14, card: 7 } as const;

const doctorRoles = new Set(['primary_doctor', 'secondary_doctor', 'backup_hospital']);

function dateText(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}/${day}(${weekdayLabels[dayOfWeek(date)] ?? ''})`;
}

export function createEmergencyCardService(deps: AppDeps, escalation: EscalationService) {
  const { database, clock } = deps;

  async function pdf(
    context: ActorContext,
    caseId: string,
    query: { size: 'a4' | 'card'; at?: string | undefined; condition: Condition },
  ): Promise<{ filename: string; body: Buffer }> {
    const at = query.at ? new Date(query.at) : clock.now();
    const document = await database.transaction(async (tx): Promise<EmergencyCardDocument> => {
      const loaded = await loadCase(tx, context, caseId);
      assertCaresForCase(context, loaded, '緊急時連絡カード');
      if (loaded.level !== 'full')
        throw errors.forbidden(
          '緊急時連絡カードには患者の氏名・住所が載るため、記録全体の閲覧権限（チームへの参加と記録共有の同意）が必要です。',
        );
      await auditCaseRead(tx, clock, context, loaded, 'emergency_card');
      const facts = await escalation.chainFacts(tx, loaded, at, query.condition);
      const days = dutyDays[query.size];
      const until = new Date(at.getTime() + days * 24 * 60 * 60 * 1000);
      const duties = await repository.dutiesBetween(
        tx,
        facts.groups.map((group) => group.id),
        at,
        until,
      );
      const groupNames = facts.groups.map((group) => group.name).join('・');

      // The card is kept for days: the on-duty doctor of this instant becomes "the doctor on duty (see the table)".
      // The order is the chain's, the clinical one (主治医 → 副主治医 → 当番医 → 後方支援病院 → 119), whatever is on file:
      // a contact without a public number keeps its place and gets a line to write the number in by hand (phone
      // null; the renderer draws the line), with its role's wait — it applies once the number is written.
      const waitText = (minutes: number | null) => (minutes === null ? null : `${minutes}分で次へ`);
      const steps: CardStep[] = facts.resolved.steps
        .filter((step) => step.role !== 'on_duty')
        .map((step) => ({
          order: 0,
          label: escalationRoleLabels[step.role],
          name: step.organization?.name ?? '救急車',
          phone: step.organization ? (facts.publicPhones.get(step.organization.id) ?? null) : step.phone,
          wait: waitText(step.waitMinutes),
        }));
      if (facts.groups.length > 0) {
        const roles = facts.resolved.steps.filter((step) => step.role !== 'on_duty').map((step) => step.role);
        const doctors = roles.filter((role) => role === 'primary_doctor' || role === 'secondary_doctor').length;
        steps.splice(doctors, 0, {
          order: 0,
          label: '夜間・休日の当番医',
          name: `${groupNames}（当番表の当番医）`,
          phone: '当番表を参照',
          wait: waitText(facts.waitMinutes.on_duty ?? defaultWaitMinutes.on_duty),
        });
      }
      steps.forEach((step, index) => {
        step.order = index + 1;
      });

      const cardDuties: CardDuty[] = duties.map((duty) => ({
        dateText: dateText(duty.date),
        shiftLabel: shiftLabels[duty.shift as ShiftKind] ?? duty.shift,
        hours: dutyHours(duty.startsAt, duty.endsAt),
        name: duty.organization.name,
        phone: duty.organization.phone,
      }));
      const team = await repository.teamContacts(tx, caseId);
      const otherContacts = team
        .filter((member) => !doctorRoles.has(member.role))
        .map((member) => ({
          label: teamRoleLabels[member.role as TeamRole] ?? member.role,
          name: member.organization.name,
          phone: member.organization.phone,
        }));
      const keyPerson = loaded.row.keyPerson;
      const fromDate = jstDate(at);
      const toDate = jstDate(new Date(until.getTime() - 1));
      return {
        title: '緊急時連絡カード',
        patientName: loaded.row.patientName,
        address: loaded.row.address,
        patientPhone: loaded.row.phone,
        keyPerson: keyPerson
          ? `${keyPerson.name}${keyPerson.relationship ? `（${keyPerson.relationship}）` : ''}${keyPerson.phone ? ` ${keyPerson.phone}` : ''}`
          : null,
        generatedAtText: formatJst(clock.now()),
        emergencyNotice:
          '意識がない・呼吸がない・けいれんが止まらない・大量の出血など、命に関わるときは迷わずすぐ 119 番へ。',
        steps,
        dutyTitle: '夜間・休日の当番医',
        dutyPeriodText: `${dateText(fromDate)}〜${dateText(toDate)}`,
        duties: cardDuties,
        dutyEmptyText:
          facts.groups.length === 0
            ? 'この地域の輪番はまだありません。主治医・副主治医の指示に従ってください。'
            : 'この期間の公開済み輪番表がありません。主治医・副主治医にご確認ください。',
        otherContacts: query.size === 'a4' ? otherContacts : [],
        notes: [
          // A missing number is said once, by the line to write it in (writeInNotice), not once per contact.
          ...facts.resolved.noteDetails.filter((entry) => entry.code !== 'no_phone').map((entry) => entry.text),
          ...facts.resolved.skipped.map((entry) => `${entry.organization.name}: ${entry.reason}`),
          ...organizationAttributions().map((attribution) => `医療機関・事業所の名称・電話番号の${attribution}`),
        ],
        shortAttribution: '出典: 厚生労働省の公開データを加工',
        reprintNotice: '在宅チームや当番表が変わったら、新しいカードを印刷してください。',
        writeInNotice: `${writeInBlank} の欄は電話番号が登録されていません。主治医・訪問看護に確認して記入してください。`,
      };
    });
    const body = query.size === 'card' ? await renderPocketCard(document) : await renderA4Card(document);
    return { filename: `emergency-card-${query.size}-${caseId}.pdf`, body };
  }

  return { pdf };
}

export type EmergencyCardService = ReturnType<typeof createEmergencyCardService>;
