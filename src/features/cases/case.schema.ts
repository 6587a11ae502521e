/** Schemas of discharge cases (CONTRACT §3 Discharge coordination). */
import { z } from 'zod';
import { patientGroups, procedures, teamRoles } from '../../domain/codes.js';
import {
  careLevels,
  consentGivenBy,
  consentScopes,
  difficultyReasons,
  livingSituations,
  outcomes,
  places,
  sexes,
  welfareIssues,
} from '../../domain/cases/case-codes.js';
import { caseStatuses } from '../../domain/cases/case-state.js';
import { consultationStatuses } from '../../domain/cases/consultation-state.js';
import { phoneNumberInput } from '../../platform/contact-fields.js';
import { formatAddress } from '../../domain/geocode/address-geocoder.js';
import { PageQuery } from '../../platform/pagination.js';

const isoDate = z.iso.date('日付は YYYY-MM-DD で指定してください。');
// NFKC first: numbers and kana copied from other systems often come full-width (０８６－…) or
// half-width (ｷﾋﾞ ﾋﾏﾘ, whose ﾞ is not a katakana letter); they are stored in their usual form. Phones
// are read as organisations' are (platform/contact-fields.ts: full width and dash look-alikes too).
const phone = phoneNumberInput;

export const PatientInput = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('氏名'),
  nameKana: z
    .string()
    .trim()
    .normalize('NFKC')
    .min(1)
    .max(100)
    .regex(
      /^[\p{Script=Katakana}\p{Script=Hiragana}ー・\s\u3000]+$/u,
      'ふりがなはひらがな・カタカナで入力してください。',
    )
    .describe('ふりがな'),
  birthDate: isoDate.describe('生年月日'),
  sex: z.enum(sexes).describe('性別'),
  address: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .overwrite(formatAddress)
    .describe('自宅住所（全角の数字・英字は半角で保存）'),
  phone: phone.nullable().optional(),
  lat: z.number().min(20).max(46).nullable().optional().describe('自宅の緯度（地図で指定）'),
  lng: z.number().min(122).max(154).nullable().optional().describe('自宅の経度'),
});

export const KeyPersonInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  relationship: z.string().trim().max(50).optional(),
  phone: phone.optional(),
});

export const AcpInput = z.strictObject({
  preferredPlaceOfCare: z.enum(places).optional().describe('療養したい場所'),
  preferredPlaceOfDeath: z.enum(places).optional().describe('最期を迎えたい場所'),
  note: z.string().trim().max(2000).optional(),
});

export const ConsentInput = z.strictObject({
  scope: z.array(z.enum(consentScopes)).max(consentScopes.length).describe('共有の同意範囲'),
  recordedBy: z.string().trim().min(1).max(100).describe('同意を確認した職員'),
  givenBy: z.enum(consentGivenBy).optional().describe('同意した人（本人・家族・後見人）'),
  note: z.string().trim().max(1000).optional(),
});

export const CreateCaseRequest = z.strictObject({
  patient: PatientInput,
  groups: z.array(z.enum(patientGroups)).max(patientGroups.length),
  procedures: z.array(z.enum(procedures)).max(procedures.length),
  careLevel: z.enum(careLevels).describe('介護度。40歳未満（退院予定日時点）の患者は介護保険の対象外のため none のみ'),
  plannedDischargeDate: isoDate.describe('退院予定日'),
  admissionDate: isoDate.optional().describe('入院日'),
  diagnosis: z
    .string()
    .trim()
    .max(300)
    .optional()
    .describe('主病名・入院の理由（チームと病院・センターだけが見る。紹介の要約には含めない）'),
  consent: ConsentInput,
  keyPerson: KeyPersonInput.nullable().optional(),
  livingSituation: z.enum(livingSituations).nullable().optional(),
  welfareIssues: z.array(z.enum(welfareIssues)).max(welfareIssues.length).optional(),
  acp: AcpInput.nullable().optional(),
  neededRoles: z
    .array(z.enum(teamRoles))
    .min(1, '必要な役割を1つ以上選んでください。')
    .max(teamRoles.length)
    .optional()
    .describe(
      '必要な在宅チームの役割。省略時は主治医・訪問看護・ケアマネジャー（40歳未満はケアマネジャーを除く：介護保険の対象外）',
    ),
  note: z.string().trim().max(4000).optional(),
});
export type CreateCaseRequest = z.infer<typeof CreateCaseRequest>;

export const UpdateCaseRequest = z
  .strictObject({
    patient: PatientInput.partial().strict().optional(),
    groups: CreateCaseRequest.shape.groups.optional(),
    procedures: CreateCaseRequest.shape.procedures.optional(),
    careLevel: CreateCaseRequest.shape.careLevel.optional(),
    plannedDischargeDate: isoDate.optional(),
    admissionDate: isoDate.nullable().optional(),
    diagnosis: z.string().trim().max(300).nullable().optional(),
    consent: ConsentInput.optional(),
    keyPerson: KeyPersonInput.nullable().optional(),
    livingSituation: z.enum(livingSituations).nullable().optional(),
    welfareIssues: z.array(z.enum(welfareIssues)).optional(),
    acp: AcpInput.nullable().optional(),
    neededRoles: CreateCaseRequest.shape.neededRoles,
    note: z.string().trim().max(4000).nullable().optional(),
  })
  .refine((value) => Object.values(value).some((entry) => entry !== undefined), {
    message: '変更する項目を1つ以上指定してください。',
  });
export type UpdateCaseRequest = z.infer<typeof UpdateCaseRequest>;

export const RouteRequest = z.discriminatedUnion('route', [
  z.strictObject({ route: z.literal('direct') }),
  z.strictObject({
    route: z.literal('center'),
    difficulty: z
      .array(
        z.enum(
          difficultyReasons.filter((reason) => reason !== 'timeout') as [
            'area',
            'profession',
            'symptom',
            'welfare',
            'other',
          ],
        ),
      )
      .min(1, '調整が難しい理由を1つ以上選んでください。'),
    note: z.string().trim().max(2000).default(''),
  }),
]);
export type RouteRequest = z.infer<typeof RouteRequest>;

export const TransferRequest = z.strictObject({
  hospitalOrganizationId: z.uuid().describe('転院先の病院'),
  note: z.string().trim().max(1000).optional(),
});

export const DischargeRequest = z.strictObject({ dischargedOn: isoDate.describe('退院日') });
export const OutcomeRequest = z.strictObject({
  outcome: z.enum(outcomes),
  on: isoDate.describe('転帰の確認日'),
  note: z.string().trim().max(1000).optional(),
});
export const CancelRequest = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

export const CaseIdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });

export const ListCasesQuery = PageQuery.extend({
  status: z.enum(caseStatuses).optional(),
  route: z.enum(['direct', 'center']).optional(),
  q: z.string().trim().max(100).optional().describe('患者氏名・ふりがな'),
});

const Hospital = z.object({ id: z.string(), name: z.string() });

export const CaseResponse = z.object({
  access: z.literal('full'),
  id: z.string(),
  status: z.enum(caseStatuses),
  route: z.enum(['direct', 'center']).nullable(),
  hospital: Hospital,
  pastHospitals: z.array(Hospital),
  patient: z.object({
    name: z.string(),
    nameKana: z.string(),
    birthDate: z.string(),
    age: z.number().int(),
    sex: z.enum(sexes),
    address: z.string(),
    phone: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    areaCode: z.string().nullable(),
  }),
  keyPerson: KeyPersonInput.nullable(),
  groups: z.array(z.enum(patientGroups)),
  procedures: z.array(z.enum(procedures)),
  careLevel: z.enum(careLevels),
  livingSituation: z.enum(livingSituations).nullable(),
  welfareIssues: z.array(z.enum(welfareIssues)),
  acp: z.record(z.string(), z.unknown()).nullable(),
  consent: z.record(z.string(), z.unknown()),
  neededRoles: z.array(z.enum(teamRoles)),
  admissionDate: z.string().nullable(),
  diagnosis: z.string().nullable().describe('主病名・入院の理由'),
  plannedDischargeDate: z.string(),
  difficulty: z.array(z.enum(difficultyReasons)),
  difficultyNote: z.string().nullable(),
  dischargedOn: z.string().nullable(),
  outcome: z.enum(outcomes).nullable(),
  outcomeOn: z.string().nullable(),
  outcomeMatchesWish: z.boolean().nullable().describe('転帰が本人の希望（最期を迎えたい場所）と一致したか'),
  outcomeFollowUpOn: z
    .string()
    .nullable()
    .describe('転帰を確認する日（退院日 + RENKEI_OUTCOME_FOLLOWUP_DAYS）。退院前は null'),
  outcomeIsEarly: z.boolean().nullable().describe('転帰が確認日より前に記録された（早期の転帰）か。未記録は null'),
  note: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  permissions: z.object({
    canEdit: z.boolean(),
    canCoordinate: z.boolean(),
    canUseThread: z.boolean(),
    canRecordOutcome: z
      .boolean()
      .describe(
        '退院後の転帰を記録できるか（病院・センター、またはチームの主治医・副主治医・在宅専門医・訪問看護・ケアマネジャー）',
      ),
  }),
  consultation: z
    .object({ id: z.string(), status: z.enum(consultationStatuses) })
    .nullable()
    .describe('このケースのセンターへの相談（最新のもの）。開ける人（相談した病院・センター）にだけ示し、他は null'),
});
export type CaseResponse = z.infer<typeof CaseResponse>;

/** What a candidate organisation sees before it accepts: the minimum necessary. */
export const CaseSummaryResponse = z.object({
  access: z.literal('summary'),
  id: z.string(),
  status: z.enum(caseStatuses),
  hospital: Hospital,
  ageBand: z.string(),
  sex: z.enum(sexes),
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  groups: z.array(z.enum(patientGroups)),
  procedures: z.array(z.enum(procedures)),
  careLevel: z.enum(careLevels),
  plannedDischargeDate: z.string(),
  dischargedOn: z.string().nullable().describe('退院日（退院後に送られた紹介で、在宅の患者と分かるように）'),
  version: z.number().int(),
});
export type CaseSummaryResponse = z.infer<typeof CaseSummaryResponse>;

export const CaseViewResponse = z.union([CaseResponse, CaseSummaryResponse]);
/** What a registration answers: the case, plus — only when there is something to say — what needs a look. */
export const CaseCreatedResponse = CaseResponse.extend({
  warnings: z
    .array(
      z.object({
        path: z.string(),
        code: z.enum(['possible_duplicate_patient']),
        message: z.string(),
        params: z.object({ caseId: z.string(), plannedDischargeDate: z.string() }),
      }),
    )
    .optional()
    .describe('登録したが確認が必要なこと（同じ氏名・生年月日の患者の進行中のケースがある など）。なければ省略'),
});
export const CaseListResponse = z.object({ items: z.array(CaseViewResponse), nextCursor: z.string().nullable() });

export const CaseEventResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  summary: z.string().describe('日本語の説明'),
  details: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('summary の値（kind ごと。英語などで表示するため）。古い記録では一部だけ、または null'),
  actorName: z.string().nullable(),
  actorOrganizationName: z.string().nullable(),
});
