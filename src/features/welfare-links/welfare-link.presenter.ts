/** Welfare link row → API object, explicitly. `today` (Tokyo) gives the patient's age band. */
import type { OrganizationKind } from '../../domain/codes.js';
import type { CaseStatus } from '../../domain/cases/case-state.js';
import type { WelfareLinkStatus } from '../../domain/cases/welfare-link-state.js';
import { ageBand } from '../../domain/cases/minimum-necessary.js';
import { toJstIso } from '../../platform/time.js';
import type { WelfareLinkRow } from './welfare-link.repository.js';
import type { WelfareLinkResponse } from './welfare-link.schema.js';

export function presentWelfareLink(row: WelfareLinkRow, today: string): WelfareLinkResponse {
  return {
    id: row.id,
    caseId: row.caseId,
    organization: {
      id: row.organizationId,
      name: row.organizationName,
      kind: row.organizationKind as OrganizationKind,
    },
    requestedBy:
      row.requesterOrganizationId && row.requesterOrganizationName && row.requesterOrganizationKind
        ? {
            name: row.requesterName,
            organization: {
              id: row.requesterOrganizationId,
              name: row.requesterOrganizationName,
              kind: row.requesterOrganizationKind as OrganizationKind,
            },
            phone: row.requesterPhone,
          }
        : null,
    reason: row.reason,
    status: row.status as WelfareLinkStatus,
    response: row.response,
    createdAt: toJstIso(row.createdAt),
    updatedAt: toJstIso(row.updatedAt),
    case: {
      hospital: { id: row.hospitalOrganizationId, name: row.hospitalName },
      plannedDischargeDate: row.plannedDischargeDate,
      dischargedOn: row.dischargedOn,
      status: row.caseStatus as CaseStatus,
      ageBand: ageBand(row.patientBirthDate, today),
      areaCode: row.areaCode,
      areaName: row.areaName,
    },
  };
}
