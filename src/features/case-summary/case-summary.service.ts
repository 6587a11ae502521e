/**
 * The printable discharge summary (退院支援サマリー): for those with the full record only, read
 * (and audited) in one transaction, drawn outside it.
 */
import type { AppDeps, ActorContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { jstDate } from '../../platform/time.js';
import { auditCaseRead, loadCase } from '../cases/case-access.js';
import { pastHospitals } from '../cases/case.repository.js';
import { activeMembers } from '../teams/team.repository.js';
import type { ConferenceService } from '../conferences/conference.service.js';
import { formatSchedule } from '../conferences/conference.presenter.js';
import type { WelfareLinkService } from '../welfare-links/welfare-link.service.js';
import { presentSummary } from './case-summary.presenter.js';
import { renderDischargeSummary } from './summary-pdf.js';
import * as repository from './case-summary.repository.js';

export function createCaseSummaryService(
  deps: AppDeps,
  features: { conferences: ConferenceService; welfareLinks: WelfareLinkService },
) {
  const { database, clock } = deps;

  async function pdf(context: ActorContext, caseId: string): Promise<{ filename: string; body: Buffer }> {
    const input = await database.transaction(async (tx) => {
      const loaded = await loadCase(tx, context, caseId);
      if (loaded.level !== 'full')
        throw errors.forbidden(
          '退院支援サマリーの出力には、記録全体の閲覧権限（チームへの参加と記録共有の同意）が必要です。',
        );
      await auditCaseRead(tx, clock, context, loaded, 'summary_pdf');
      const generatedAt = clock.now();
      const next = await features.conferences.nextForCase(tx, caseId);
      return presentSummary({
        caseRow: loaded.row,
        today: jstDate(generatedAt),
        generatedAt,
        // The number professionals call (地域連携室) before the public one.
        hospitalPhone: await (async () => {
          const contact = await repository.hospitalContact(tx, loaded.row.hospitalOrganizationId);
          return contact?.professionalPhone ?? contact?.phone ?? null;
        })(),
        hospitalStaffName: await repository.hospitalStaffName(
          tx,
          [loaded.row.updatedByUserId, loaded.row.createdByUserId],
          loaded.row.hospitalOrganizationId,
        ),
        pastHospitalNames: (await pastHospitals(tx, caseId)).map((hospital) => hospital.name),
        team: (await activeMembers(tx, caseId)).map((member) => ({
          role: member.role,
          organizationName: member.organizationName,
          phone: member.phone,
          professionalPhone: member.professionalPhone,
          since: member.since,
          source: member.source,
        })),
        welfareLinks: await features.welfareLinks.linksOfCase(tx, caseId),
        heldConferences: (await features.conferences.heldForCase(tx, caseId)).map((held) => ({
          schedule: formatSchedule(held.row),
          participantNames: held.participants.map((participant) => participant.name),
          minutes: held.row.minutes,
        })),
        nextConference: next
          ? {
              schedule: formatSchedule(next.row),
              place: next.row.place,
              onlineUrl: next.row.onlineUrl,
              participantNames: next.participants.map((participant) => participant.name),
            }
          : null,
      });
    });
    return { filename: `discharge-summary-${caseId}.pdf`, body: await renderDischargeSummary(input) };
  }

  return { pdf };
}

export type CaseSummaryService = ReturnType<typeof createCaseSummaryService>;
