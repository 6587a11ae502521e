/**
 * The emergency chain for a patient at home at a given moment (急変時の連絡順):
 * primary doctor → secondary doctor (the team's, else the primary's standing pair) → the clinic on
 * duty in the area's published rotation at that moment → the area's backup hospitals → 119. This is
 * the clinical order and it never changes: the patient's own doctors come first whatever is on file.
 * Each step says why it is there and how long to wait for an answer before calling the next (per
 * area, with defaults). Pure: the service loads the facts.
 *
 * A contact without a phone number keeps its place: it is marked (`phoneMissing`, its reason starts with
 * 「電話番号未登録」) and named in a note, so that the clinic or hospital enters the number and the emergency card
 * prints a line to write it in by hand. Its wait stays the role's: it applies once the number is known.
 *
 * Backup hospitals (see orderBackupHospitals): the team's own first; a hospital that cannot admit at that
 * moment is skipped, and said so; a psychiatric hospital is never the backup for an acute change (psychiatric.ts);
 * an area hospital whose declared profile does not take patients like this one (the backup_hospital role's
 * groups and devices, team-roles.ts) is left out, and said so; for an acute change the acute functions
 * (高度急性期・急性期) come first, then 回復期, then a hospital whose function is not registered, then 慢性期 — and a
 * note says when no acute hospital is among them.
 */
import { distanceKm } from '../directory/geo.js';
import { isPsychiatricHospitalName } from './psychiatric.js';
import { candidateFilters } from '../cases/team-roles.js';
import { patientGroupLabels, procedureLabels } from '../labels.js';
import type { PatientGroup, Procedure } from '../codes.js';
import type { EscalationNoteCode, EscalationReasonCode, TextParams } from '../server-text.js';

export const escalationRoles = [
  'primary_doctor',
  'secondary_doctor',
  'on_duty',
  'backup_hospital',
  'emergency_119',
] as const;
export type EscalationRole = (typeof escalationRoles)[number];

export const escalationRoleLabels: Record<EscalationRole, string> = {
  primary_doctor: '主治医',
  secondary_doctor: '副主治医',
  on_duty: '輪番の当番医',
  backup_hospital: '後方支援病院',
  emergency_119: '救急（119番）',
};

/** Minutes to wait for an answer before calling the next step (escalation_settings overrides per area). */
export const defaultWaitMinutes: Record<EscalationRole, number> = {
  primary_doctor: 5,
  secondary_doctor: 5,
  on_duty: 10,
  backup_hospital: 10,
  emergency_119: 0,
};

export type EscalationOrganization = {
  id: string;
  name: string;
  kind: string;
  phone: string | null;
  lat?: number | null;
  lng?: number | null;
};

export type OnDutyClinic = {
  organization: EscalationOrganization;
  groupName: string;
  shift: string;
  shiftLabel: string;
  date: string;
  /** "18:00〜翌08:30" */
  hours: string;
};

export type BackupHospital = {
  organization: EscalationOrganization;
  hospitalFunction: string | null;
  unavailableUntil: Date | null;
  unavailableNote: string | null;
  /** Designated in the patient's team (role backup_hospital). */
  isTeamDesignated: boolean;
  /**
   * The hospital the patient was discharged from: it knows the patient, whatever its declared profile says — in the
   * chain only when no other backup hospital can take the patient.
   */
  isDischargingHospital?: boolean;
  /** The patient groups and procedures the hospital declared (its capability profile); empty: none declared. */
  groups?: readonly string[];
  procedures?: readonly string[];
};

export type EscalationFacts = {
  at: Date;
  isAcute: boolean;
  areaName: string | null;
  patientLocation: { lat: number; lng: number } | null;
  primary: EscalationOrganization | null;
  secondary: EscalationOrganization | null;
  /** The primary's standing pair partner (doctor_pairs), used when the team has no secondary. */
  pairSecondary: EscalationOrganization | null;
  onDuty: readonly OnDutyClinic[];
  /** Why no clinic is on duty (when `onDuty` is empty). */
  onDutyGap: 'outside_duty_hours' | 'no_published_roster' | null;
  backupHospitals: readonly BackupHospital[];
  /** What the patient lives with: a backup hospital must take patients like this one (team-roles.ts backup_hospital). */
  patient?: {
    groups: readonly PatientGroup[];
    procedures: readonly Procedure[];
    /** 人生会議 (ACP): the patient wishes to die at home. */
    wishesToDieAtHome?: boolean;
  };
  waitMinutes: Partial<Record<EscalationRole, number>>;
  /** Formats an instant for messages (JST). */
  formatTime: (date: Date) => string;
};

export type EscalationStep = {
  order: number;
  role: EscalationRole;
  organization: EscalationOrganization | null;
  phone: string | null;
  reason: string;
  /** The reason as a code and its values, for clients that show it in another language. */
  reasonCode: EscalationReasonCode;
  reasonParams: TextParams;
  /** Minutes to wait before calling the next step (once the number is known, for a step without one); null for the last. */
  waitMinutes: number | null;
  source: 'team' | 'pair' | 'roster' | 'area_backup' | 'emergency';
  /** No phone number is registered: the step keeps its place, marked, for the number to be entered or written in. */
  phoneMissing: boolean;
};

export type SkippedContact = {
  role: EscalationRole;
  organization: EscalationOrganization;
  reason: string;
  reasonCode: EscalationReasonCode;
  reasonParams: TextParams;
};

/** A note in Japanese with its code and values (for other languages). */
export type EscalationNote = { code: EscalationNoteCode; params: TextParams; text: string };

export type Escalation = {
  steps: EscalationStep[];
  skipped: SkippedContact[];
  /** The notes in Japanese (the contract's field); `noteDetails` holds the same with codes. */
  notes: string[];
  noteDetails: EscalationNote[];
};

const acuteFunctions = new Set(['advanced_acute', 'acute']);
const functionLabels: Record<string, string> = {
  advanced_acute: '高度急性期',
  acute: '急性期',
  recovery: '回復期',
  chronic: '慢性期',
};

/** A psychiatric hospital (by its name, psychiatric.ts): never counted as an acute hospital. */
export function isPsychiatricHospital(hospital: BackupHospital): boolean {
  return isPsychiatricHospitalName(hospital.organization.name);
}

/** Whether the chain counts the hospital as acute: its function says so and it is not a psychiatric hospital. */
function isAcuteHospital(hospital: BackupHospital): boolean {
  return acuteFunctions.has(hospital.hospitalFunction ?? '') && !isPsychiatricHospital(hospital);
}

/**
 * The rank of a hospital's function for the condition: acute — 高度急性期・急性期, 回復期, not registered, 慢性期 (a
 * chronic-care hospital is never put before one that may treat an acute change); not acute — 回復期, 慢性期, not
 * registered, then the acute functions.
 */
function functionRank(hospital: BackupHospital, isAcute: boolean): number {
  const hospitalFunction = isPsychiatricHospital(hospital) ? null : hospital.hospitalFunction;
  const ranks: Record<string, number> = isAcute
    ? { advanced_acute: 0, acute: 0, recovery: 1, chronic: 3 }
    : { recovery: 0, chronic: 1, advanced_acute: 3, acute: 3 };
  return ranks[hospitalFunction ?? ''] ?? 2;
}

/** How a hospital's declared profile meets the patient: takes such patients, declared nothing, or lacks some. */
export type BackupFit =
  { kind: 'fits' } | { kind: 'undeclared' } | { kind: 'lacks'; groups: PatientGroup[]; procedures: Procedure[] };

/**
 * Whether the hospital takes patients like this one, by the backup_hospital role's rule (team-roles.ts: the patient's
 * groups among 高齢者・医療的ケア児・がん・看取り・難病 and the devices among 人工呼吸器・気管切開・中心静脈栄養・透析).
 * A hospital that declared no groups or procedures at all is `undeclared`: its designation as backup stands.
 */
export function backupFit(hospital: BackupHospital, patient: EscalationFacts['patient']): BackupFit {
  const groups = hospital.groups ?? [];
  const procedures = hospital.procedures ?? [];
  if (!patient || (groups.length === 0 && procedures.length === 0)) return { kind: 'undeclared' };
  const needed = candidateFilters('backup_hospital', patient);
  const missingGroups = needed.groups.filter((group) => !groups.includes(group));
  const missingProcedures = needed.procedures.filter((procedure) => !procedures.includes(procedure));
  return missingGroups.length === 0 && missingProcedures.length === 0
    ? { kind: 'fits' }
    : { kind: 'lacks', groups: missingGroups, procedures: missingProcedures };
}

/**
 * Backup hospitals in calling order, whatever phone numbers are on file: the team's own first, then the others
 * before psychiatric hospitals, then by function for the condition (functionRank), then those whose profile takes
 * patients like this one before those that declared none, then nearest, then name.
 */
export function orderBackupHospitals(
  hospitals: readonly BackupHospital[],
  isAcute: boolean,
  patientLocation: { lat: number; lng: number } | null,
  patient?: EscalationFacts['patient'],
): BackupHospital[] {
  const fitRank = (hospital: BackupHospital) => {
    const fit = backupFit(hospital, patient).kind;
    return fit === 'fits' ? 0 : fit === 'undeclared' ? 1 : 2;
  };
  const distance = (hospital: BackupHospital) =>
    patientLocation && hospital.organization.lat != null && hospital.organization.lng != null
      ? distanceKm(patientLocation.lng, patientLocation.lat, hospital.organization.lng, hospital.organization.lat)
      : Number.POSITIVE_INFINITY;
  return [...hospitals].sort(
    (a, b) =>
      Number(b.isTeamDesignated) - Number(a.isTeamDesignated) ||
      Number(isPsychiatricHospital(a)) - Number(isPsychiatricHospital(b)) ||
      functionRank(a, isAcute) - functionRank(b, isAcute) ||
      fitRank(a) - fitRank(b) ||
      distance(a) - distance(b) ||
      a.organization.name.localeCompare(b.organization.name, 'ja') ||
      (a.organization.id < b.organization.id ? -1 : 1),
  );
}

const maxBackupSteps = 3;

/**
 * What the reason of a step without a phone number starts with (for the PDFs and the API's plain text); a screen that
 * marks the step with its own badge leaves it out (web: EscalationPanel).
 */
export const phoneMissingReasonPrefix =
  '電話番号未登録: 順番はこのままです。番号を確認して登録・記入してください（分からなければ次へ）。';

export const homeDeathWishNote =
  '看取り期で、ご本人は自宅で最期を迎えることを希望しています（人生会議）。予期された変化（呼吸が弱くなる等）では119番ではなく、まず主治医・訪問看護に連絡してください。119番に連絡すると、希望と異なる救命処置や搬送が行われることがあります。';

export function resolveEscalation(facts: EscalationFacts): Escalation {
  const wait = (role: EscalationRole) => facts.waitMinutes[role] ?? defaultWaitMinutes[role];
  const steps: Omit<EscalationStep, 'order' | 'waitMinutes' | 'phoneMissing'>[] = [];
  const skipped: SkippedContact[] = [];
  const noteDetails: EscalationNote[] = [];
  const note = (code: EscalationNoteCode, params: TextParams, text: string) => noteDetails.push({ code, params, text });

  // 看取り at home by the patient's wish: an expected change is not a 119 call (it brings resuscitation and transport,
  // or the police after a death) — said first, on the screen and on the emergency card.
  if (facts.patient?.wishesToDieAtHome && facts.patient.groups.includes('terminal_care'))
    note('home_death_wish', {}, homeDeathWishNote);

  if (facts.primary) {
    steps.push({
      role: 'primary_doctor',
      organization: facts.primary,
      phone: facts.primary.phone,
      reason: '在宅チームの主治医です。まず主治医に連絡します。',
      reasonCode: 'team_primary',
      reasonParams: {},
      source: 'team',
    });
  } else note('no_primary', {}, '在宅チームに主治医が登録されていません。');

  const secondary = facts.secondary ?? facts.pairSecondary;
  if (secondary) {
    steps.push({
      role: 'secondary_doctor',
      organization: secondary,
      phone: secondary.phone,
      reason: facts.secondary
        ? `在宅チームの副主治医です。主治医に${wait('primary_doctor')}分以内につながらないときに連絡します。`
        : `主治医（${facts.primary?.name ?? ''}）と組む副主治医の診療所です（主治医・副主治医ペア）。チームに副主治医が登録されていないため、ペアから補っています。`,
      reasonCode: facts.secondary ? 'team_secondary' : 'pair_secondary',
      reasonParams: facts.secondary
        ? { waitMinutes: wait('primary_doctor') }
        : { primaryName: facts.primary?.name ?? null },
      source: facts.secondary ? 'team' : 'pair',
    });
  } else note('no_secondary', {}, '副主治医（チームの登録・主治医のペア）がいません。');

  for (const duty of facts.onDuty) {
    // The doctor on duty may be the patient's own primary or secondary: already called, not again
    // after another wait.
    const calledAs: EscalationRole | null =
      duty.organization.id === facts.primary?.id
        ? 'primary_doctor'
        : duty.organization.id === secondary?.id
          ? 'secondary_doctor'
          : null;
    if (calledAs) {
      skipped.push({
        role: 'on_duty',
        organization: duty.organization,
        reason: `輪番「${duty.groupName}」のこの時間の当番ですが、${escalationRoleLabels[calledAs]}として既に連絡先に入っています。`,
        reasonCode: 'on_duty_already_called',
        reasonParams: { groupName: duty.groupName, calledAs },
      });
      continue;
    }
    steps.push({
      role: 'on_duty',
      organization: duty.organization,
      phone: duty.organization.phone,
      reason: `輪番「${duty.groupName}」で、この時間（${duty.date} ${duty.shiftLabel} ${duty.hours}）の当番です。主治医・副主治医につながらないときに連絡します。`,
      reasonCode: 'on_duty',
      reasonParams: { groupName: duty.groupName, date: duty.date, shift: duty.shift },
      source: 'roster',
    });
  }
  if (facts.onDuty.length === 0) {
    if (facts.onDutyGap === 'outside_duty_hours')
      note(
        'outside_duty_hours',
        { checkedAt: facts.at.toISOString() },
        `${facts.formatTime(facts.at)} は輪番の当番時間外（平日の日中）です。`,
      );
    else
      note(
        'no_duty',
        { checkedAt: facts.at.toISOString(), areaName: facts.areaName, variant: facts.areaName ? '' : 'unknown_area' },
        `${facts.areaName ?? 'この地域'}の公開済み輪番表に ${facts.formatTime(facts.at)} の当番がありません。`,
      );
  }

  const available: BackupHospital[] = [];
  for (const hospital of orderBackupHospitals(
    facts.backupHospitals,
    facts.isAcute,
    facts.patientLocation,
    facts.patient,
  )) {
    if (hospital.unavailableUntil && hospital.unavailableUntil.getTime() > facts.at.getTime()) {
      skipped.push({
        role: 'backup_hospital',
        organization: hospital.organization,
        reason: `一時的に受け入れを停止しています（${facts.formatTime(hospital.unavailableUntil)}まで）${hospital.unavailableNote ? `: ${hospital.unavailableNote}` : ''}。`,
        reasonCode: 'backup_unavailable',
        reasonParams: {
          untilAt: hospital.unavailableUntil.toISOString(),
          note: hospital.unavailableNote,
          variant: hospital.unavailableNote ? 'note' : null,
        },
      });
      continue;
    }
    // A psychiatric hospital is not where a physical sudden worsening goes, even when its profile says acute
    // (or the team named it): left out of the acute chain, and said so.
    if (facts.isAcute && isPsychiatricHospital(hospital)) {
      skipped.push({
        role: 'backup_hospital',
        organization: hospital.organization,
        reason: '精神科の病院のため、急性の変化（身体の急変）の後方支援病院には入れていません。',
        reasonCode: 'backup_psychiatric',
        reasonParams: {},
      });
      continue;
    }
    // An area hospital whose declared profile does not take patients like this one is left out (the team's own
    // stays: the team chose it for this patient). Said only while the chain still has room for it.
    const fit = backupFit(hospital, facts.patient);
    if (fit.kind === 'lacks' && !hospital.isTeamDesignated && hospital.isDischargingHospital !== true) {
      if (available.length < maxBackupSteps) {
        const lacking = [
          ...fit.groups.map((group) => patientGroupLabels[group]),
          ...fit.procedures.map((procedure) => procedureLabels[procedure]),
        ].join('・');
        skipped.push({
          role: 'backup_hospital',
          organization: hospital.organization,
          reason: `この患者（${lacking}）を受け入れる対象として登録されていないため、後方支援病院に入れていません。`,
          reasonCode: 'backup_not_fit',
          reasonParams: {
            group: fit.groups,
            procedure: fit.procedures,
            variant: fit.groups.length === 0 ? 'procedures' : fit.procedures.length === 0 ? null : 'both',
          },
        });
      }
      continue;
    }
    available.push(hospital);
  }
  // The hospital the patient was discharged from stands in only when no other backup hospital can take the patient.
  const others = available.filter((hospital) => hospital.isDischargingHospital !== true);
  const shownBackups = (others.length > 0 ? others : available).slice(0, maxBackupSteps);
  for (const hospital of shownBackups) {
    const label = functionLabels[hospital.hospitalFunction ?? ''] ?? '機能未登録';
    const why = hospital.isTeamDesignated
      ? 'この患者の在宅チームで決めた後方支援病院です。'
      : hospital.isDischargingHospital
        ? 'この患者が退院した病院です（入院中の経過を知っています）。'
        : `${facts.areaName ?? 'この地域'}を受け持つ後方支援病院（${label}）です。`;
    const order = facts.isAcute
      ? isAcuteHospital(hospital)
        ? '急性の変化のため急性期の病院を先にしています。'
        : ''
      : isAcuteHospital(hospital) || isPsychiatricHospital(hospital)
        ? ''
        : '急性でない変化のため回復期などの病院を先にしています。';
    const orderVariant = order === '' ? null : facts.isAcute ? 'acute_first' : 'non_acute_first';
    steps.push({
      role: 'backup_hospital',
      organization: hospital.organization,
      phone: hospital.organization.phone,
      reason: `${why}入院が必要なときに連絡します。${order}`,
      reasonCode: hospital.isTeamDesignated
        ? 'backup_team'
        : hospital.isDischargingHospital
          ? 'backup_discharging'
          : 'backup_area',
      reasonParams:
        hospital.isTeamDesignated || hospital.isDischargingHospital
          ? { variant: orderVariant }
          : { areaName: facts.areaName, hospitalFunction: hospital.hospitalFunction, variant: orderVariant },
      source: hospital.isTeamDesignated ? 'team' : 'area_backup',
    });
  }
  if (available.length === 0) note('no_backup', {}, '受け入れ可能な後方支援病院がありません。');
  else if (facts.isAcute && !shownBackups.some(isAcuteHospital))
    note(
      'no_acute_backup',
      {},
      '急性期（高度急性期・急性期）の後方支援病院がありません。命に関わるときは迷わず119番へ。',
    );

  // The clinical order stands: a contact without a phone number keeps its place (marked below); 119 always last.
  const ordered = [...steps];
  ordered.push({
    role: 'emergency_119',
    organization: null,
    phone: '119',
    reason:
      '誰にもつながらないとき、または命に関わる状態（意識がない・呼吸がない等）のときは、ためらわず直ちに119番へ。',
    reasonCode: 'emergency_119',
    reasonParams: {},
    source: 'emergency',
  });
  for (const step of ordered)
    if (step.organization && !step.phone)
      note(
        'no_phone',
        { name: step.organization.name, calledAs: step.role },
        `${step.organization.name}（${escalationRoleLabels[step.role]}）の電話番号が登録されていません。`,
      );
  return {
    steps: ordered.map((step, index) => {
      const phoneMissing = !step.phone;
      return {
        ...step,
        reason: phoneMissing ? `${phoneMissingReasonPrefix}${step.reason}` : step.reason,
        order: index + 1,
        // A step without a number keeps the role's wait: it applies once the number is known (written on the card).
        waitMinutes: index === ordered.length - 1 ? null : wait(step.role),
        phoneMissing,
      };
    }),
    skipped,
    notes: noteDetails.map((entry) => entry.text),
    noteDetails,
  };
}
