/**
 * The authenticated FHIR resources: search and read of Patient and CareTeam (a discharge case and
 * its team) and ServiceRequest and Task (a referral), with the case routes' authorisation. Every
 * case goes through loadCase (the case policy decides full record, minimum necessary or not found);
 * a referral is seen by its receiver, and by those who coordinate its case or sent it — like
 * GET /api/v1/referrals/:id, except that reading it here never marks it viewed. Every resource
 * returned is audited as a read of patient data.
 */
import type { Resource } from '@medplum/fhirtypes';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { jstDate } from '../../platform/time.js';
import { canCoordinateCase } from '../../domain/policies/case-policy.js';
import type { ReferralStatus } from '../../domain/cases/referral-state.js';
import { auditCaseRead, consentScopesOf, loadCase, type LoadedCase } from '../cases/case-access.js';
import { openLinksOfCase } from '../welfare-links/welfare-link.repository.js';
import * as repository from './fhir-clinical.repository.js';
import {
  clinicalSearchset,
  receiverSeesCaseSummary,
  toFhirCareTeam,
  toFhirPatient,
  toFhirServiceRequest,
  toFhirTask,
  type FhirClinicalType,
} from './fhir-clinical.presenter.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ClinicalSearch = {
  count: number;
  offset: number;
  baseUrl: string;
  /** `_id`: these resources only. */
  ids?: string[] | undefined;
  /** `patient` / `subject`: the resources of these cases only. */
  patientIds?: string[] | undefined;
};

/** Ids that cannot exist (not UUIDs) narrow a search to nothing instead of reaching the database. */
function validIds(ids: string[] | undefined): string[] | undefined {
  return ids?.filter((id) => uuidPattern.test(id));
}

function isNotFound(error: unknown): boolean {
  return error instanceof AppError && error.statusCode === 404;
}

export function createFhirClinicalService(deps: AppDeps) {
  const { database, clock } = deps;

  /** The case as the caller may see it, or null (not found for this caller). */
  async function visibleCase(tx: Tx, context: ActorContext, caseId: string): Promise<LoadedCase | null> {
    try {
      return await loadCase(tx, context, caseId);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function presentCases(tx: Tx, context: ActorContext, type: 'Patient' | 'CareTeam', caseIds: string[]) {
    const loaded: LoadedCase[] = [];
    for (const caseId of caseIds) {
      const found = await visibleCase(tx, context, caseId);
      if (found) loaded.push(found);
    }
    for (const item of loaded) await auditCaseRead(tx, clock, context, item, `fhir:${type}`);
    if (type === 'Patient') {
      const names = await repository.areaNames(tx);
      const today = jstDate(clock.now());
      return loaded.map((item) =>
        toFhirPatient({
          row: item.row,
          level: item.level,
          today,
          areaName: item.row.areaCode ? (names.get(item.row.areaCode) ?? null) : null,
        }),
      );
    }
    const members = await repository.activeMembersOf(
      tx,
      loaded.map((item) => item.row.id),
    );
    const welfareLinks = new Map<string, { status: string }[]>();
    for (const item of loaded) welfareLinks.set(item.row.id, await openLinksOfCase(tx, item.row.id));
    return loaded.map((item) =>
      toFhirCareTeam({
        row: item.row,
        level: item.level,
        // As GET /cases/:id/team: who is on the team is for those who see the record (a candidate sees no one).
        members: item.level === 'full' ? members.filter((member) => member.caseId === item.row.id) : [],
        welfareLinks: item.level === 'full' ? (welfareLinks.get(item.row.id) ?? []) : [],
      }),
    );
  }

  /**
   * The referrals the caller may see, each with the patient's name when the caller may see it:
   * the receiver sees it once it accepted and the patient agreed to share the record; the sender
   * and the case's coordinators always. As GET /api/v1/referrals/:id, a receiver keeps its own
   * referral after declining (or a withdrawal or expiry) but no longer the case's summary.
   */
  async function presentReferrals(
    tx: Tx,
    context: ActorContext,
    type: 'ServiceRequest' | 'Task',
    rows: repository.ClinicalReferralRow[],
  ) {
    const cases = new Map<string, LoadedCase | null>();
    const resources: Resource[] = [];
    for (const row of rows) {
      const referral = row.referral;
      const isReceiver = referral.organizationId === context.actor.organizationId;
      let patientName: string | null;
      let showsCase = true;
      if (isReceiver) {
        const mayName = referral.status === 'accepted' && consentScopesOf(row).includes('team_record');
        patientName = mayName ? row.patientName : null;
        showsCase = receiverSeesCaseSummary(referral.status as ReferralStatus);
      } else {
        if (!cases.has(referral.caseId)) cases.set(referral.caseId, await visibleCase(tx, context, referral.caseId));
        const loaded = cases.get(referral.caseId);
        const isSender = referral.senderOrganizationId === context.actor.organizationId;
        if (!loaded || !(isSender || canCoordinateCase(context.actor, loaded.facts))) continue;
        patientName = row.patientName;
      }
      await writeAudit(tx, clock, context, {
        action: 'read',
        entity: 'referral',
        entityId: referral.id,
        ownerOrganizationId: row.hospitalOrganizationId,
        details: { caseId: referral.caseId, viewer: isReceiver ? 'receiver' : 'sender', what: `fhir:${type}` },
      });
      const view = { row, patientName, showsCase };
      resources.push(type === 'ServiceRequest' ? toFhirServiceRequest(view) : toFhirTask(view));
    }
    return resources;
  }

  /** A search of one type: a searchset Bundle of what the caller may see. */
  async function search(context: ActorContext, type: FhirClinicalType, input: ClinicalSearch) {
    const ids = validIds(input.ids);
    const patientIds = validIds(input.patientIds);
    const parameters: Record<string, string> = {
      ...(input.ids ? { _id: input.ids.join(',') } : {}),
      ...(input.patientIds ? { patient: input.patientIds.join(',') } : {}),
    };
    return database.transaction(async (tx) => {
      let total: number;
      let resources: Resource[];
      if (type === 'Patient' || type === 'CareTeam') {
        const caseIds = ids && patientIds ? ids.filter((id) => patientIds.includes(id)) : (ids ?? patientIds);
        const filter = { caseIds };
        total = await repository.countVisibleCases(tx, context.actor, filter);
        const page = await repository.listVisibleCaseIds(tx, context.actor, {
          ...filter,
          offset: input.offset,
          limit: input.count,
        });
        resources = await presentCases(tx, context, type, page);
      } else {
        const filter = { referralIds: ids, caseIds: patientIds };
        total = await repository.countVisibleReferrals(tx, context.actor, filter);
        const rows = await repository.listVisibleReferrals(tx, context.actor, {
          ...filter,
          offset: input.offset,
          limit: input.count,
        });
        resources = await presentReferrals(tx, context, type, rows);
      }
      await writeAudit(tx, clock, context, {
        action: 'list',
        entity: type === 'Patient' || type === 'CareTeam' ? 'case' : 'referral',
        details: { what: `fhir:${type}`, ids: resources.map((resource) => resource.id), parameters },
      });
      return clinicalSearchset({
        resources,
        total,
        baseUrl: input.baseUrl,
        type,
        parameters,
        count: input.count,
        offset: input.offset,
      });
    });
  }

  /** A read; null when the resource does not exist or the caller may not see it (404 either way). */
  async function read(context: ActorContext, type: FhirClinicalType, id: string): Promise<Resource | null> {
    if (!uuidPattern.test(id)) return null;
    return database.transaction(async (tx) => {
      if (type === 'Patient' || type === 'CareTeam') {
        const [resource] = await presentCases(tx, context, type, [id]);
        return resource ?? null;
      }
      const rows = await repository.listVisibleReferrals(tx, context.actor, {
        referralIds: [id],
        offset: 0,
        limit: 1,
      });
      const [resource] = await presentReferrals(tx, context, type, rows);
      return resource ?? null;
    });
  }

  return { search, read };
}

export type FhirClinicalService = ReturnType<typeof createFhirClinicalService>;
