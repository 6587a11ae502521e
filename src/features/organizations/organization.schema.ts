/** Schemas of the organisation directory (CONTRACT §3 Directory). */
import { z } from 'zod';
import {
  availabilityStatuses,
  homeCareSupportClinicTypes,
  hospitalFunctions,
  organizationKinds,
  patientGroups,
  procedures,
} from '../../domain/codes.js';
import { PageQuery } from '../../platform/pagination.js';
import { homepageUrlInput, phoneNumberInput, postalCodeInput } from '../../platform/contact-fields.js';
import { formatAddress } from '../../domain/geocode/address-geocoder.js';

export const SourceResponse = z.object({
  id: z.string(),
  attribution: z.string().describe('出典'),
  license: z.string().nullable(),
  asOf: z.string().nullable(),
});

export const AvailabilityResponse = z.object({
  status: z.enum(availabilityStatuses).describe('受入状況'),
  freeSlots: z.number().int().nullable().describe('空き枠'),
  note: z.string().nullable(),
  updatedAt: z.string().describe('更新日時'),
  updatedBy: z.string().nullable().describe('更新者の氏名'),
  ageDays: z.number().int().describe('更新からの日数'),
  isStale: z.boolean().describe('更新から一定日数を過ぎた（要確認）'),
});

export const OrganizationResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  nameKana: z.string().nullable(),
  kind: z.enum(organizationKinds),
  codes: z.object({
    medicalInstitutionCode: z.string().nullable().describe('医療機関コード（10桁）'),
    careOfficeNumber: z.string().nullable().describe('介護保険事業所番号'),
  }),
  postalCode: z.string().nullable(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  geocodePrecision: z
    .string()
    .nullable()
    .describe(
      '位置の精度: source（指定された座標）| machiaza | oaza | postal_code | ward。null は位置不明（資源検索に出ない）',
    ),
  areaCode: z.string().nullable(),
  areaName: z.string().nullable(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  professionalPhone: z.string().nullable().describe('専門職向け連絡先'),
  url: z.string().nullable(),
  corporationName: z.string().nullable(),
  kaigoServices: z.array(z.object({ code: z.string(), name: z.string() })),
  capacity: z.number().int().nullable(),
  hospitalFunction: z.enum(hospitalFunctions).nullable(),
  isBackupHospital: z.boolean(),
  homeCareSupportClinic: z.enum(homeCareSupportClinicTypes).nullable(),
  isHomeVisitOnly: z.boolean(),
  declaredCapacity: z.number().int().nullable().describe('受け持てる在宅患者数（申告）'),
  backup: z.object({
    areaCodes: z.array(z.string()).describe('後方支援する地域'),
    unavailableUntil: z.string().nullable().describe('この日時まで一時的に受入不可'),
    unavailableNote: z.string().nullable(),
  }),
  associationId: z.uuid().nullable(),
  capabilities: z.object({
    groups: z.array(z.enum(patientGroups)),
    procedures: z.array(z.enum(procedures)),
    available24h: z.boolean(),
  }),
  coverage: z.object({
    radiusKm: z.number().nullable(),
    areaCodes: z.array(z.string()),
  }),
  availability: AvailabilityResponse.nullable(),
  isDemo: z.boolean().describe('デモ用に追加した組織'),
  isDemoProfile: z.boolean().describe('対応能力・訪問範囲・受入上限がデモ用の値'),
  isDemoAvailability: z.boolean().describe('受入状況がデモ用の値（事業所がまだ回答していない）'),
  version: z.number().int(),
  source: SourceResponse,
});
export type OrganizationResponse = z.infer<typeof OrganizationResponse>;

/**
 * What a create or change answers: the organisation as GET gives it, plus — only when there is
 * something to say — what was saved but needs a look.
 */
export const OrganizationChangeResponse = OrganizationResponse.extend({
  warnings: z
    .array(
      z.object({
        path: z.string(),
        code: z.enum(['address_not_located', 'address_located_to_ward']),
        message: z.string(),
      }),
    )
    .optional()
    .describe('保存したが確認が必要なこと（住所から位置を特定できず資源検索に表示されない など）。なければ省略'),
});
export type OrganizationChangeResponse = z.infer<typeof OrganizationChangeResponse>;

export const OrganizationListResponse = z.object({
  items: z.array(OrganizationResponse),
  nextCursor: z.string().nullable(),
});

const kindList = z.preprocess(
  (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : [value]),
  z.array(z.enum(organizationKinds)).max(20),
);

export const ListOrganizationsQuery = PageQuery.extend({
  kind: kindList.optional().describe('種別（複数可）'),
  areaCode: z
    .string()
    .regex(/^\d{5}$/, '5桁の地域コードを指定してください。')
    .optional(),
  q: z.string().trim().max(100).optional().describe('名称・カナの一部（全角/半角・ひらがな/カタカナを区別しない）'),
  associationId: z.uuid().optional().describe('所属する医師会'),
  availability: z
    .enum(['none', 'stale'])
    .optional()
    .describe('受入状況: none（未登録）| stale（要確認: 更新から設定の日数以上たっている）'),
});

export const OrganizationIdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });

const nullableText = (max: number) => z.string().trim().max(max).nullable();
// Full width, dash look-alikes and 〒 are read as cases read them (platform/contact-fields.ts).
const phone = phoneNumberInput.nullable();

const capabilitiesInput = z.strictObject({
  groups: z.array(z.enum(patientGroups)).max(patientGroups.length).optional(),
  procedures: z.array(z.enum(procedures)).max(procedures.length).optional(),
  available24h: z.boolean().optional(),
});

const coverageInput = z.strictObject({
  radiusKm: z.number().gt(0).max(100).nullable().optional().describe('訪問可能な半径 (km)'),
  areaCodes: z
    .array(z.string().regex(/^\d{5}$/))
    .max(50)
    .optional(),
});

/** Fields an organisation's own staff and its association may change. */
export const UpdateOrganizationRequest = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  nameKana: nullableText(200).optional(),
  postalCode: postalCodeInput
    .nullable()
    .optional()
    .describe('郵便番号（701-1152・〒701-1152・全角も可。7桁の数字で保存）'),
  address: z
    .string()
    .trim()
    .max(300)
    .overwrite(formatAddress)
    .optional()
    .describe('所在地（lat・lng がなければ、ここから位置を特定します。全角の数字・英字は半角で保存）'),
  lat: z.number().min(20).max(46).nullable().optional().describe('緯度（lng と両方。住所から特定した位置より優先）'),
  lng: z.number().min(122).max(154).nullable().optional().describe('経度（lat と両方）'),
  areaCode: z
    .string()
    .regex(/^\d{5}$/)
    .nullable()
    .optional(),
  phone: phone.optional(),
  fax: phone.optional(),
  professionalPhone: phone.optional(),
  url: homepageUrlInput
    .nullable()
    .optional()
    .describe('ホームページ（http:// か https:// の URL。www.example.jp は https:// を補って保存）'),
  hospitalFunction: z.enum(hospitalFunctions).nullable().optional(),
  isBackupHospital: z.boolean().optional(),
  homeCareSupportClinic: z.enum(homeCareSupportClinicTypes).nullable().optional(),
  isHomeVisitOnly: z.boolean().optional(),
  declaredCapacity: z.number().int().min(0).max(10000).nullable().optional(),
  backup: z
    .strictObject({
      areaCodes: z
        .array(z.string().regex(/^\d{5}$/))
        .max(50)
        .optional(),
      unavailableUntil: z.iso.datetime({ offset: true }).nullable().optional().describe('一時的に受入不可とする期限'),
      unavailableNote: z.string().trim().max(500).nullable().optional(),
    })
    .optional(),
  capabilities: capabilitiesInput.optional(),
  coverage: coverageInput.optional(),
  /** Admin only. */
  kind: z.enum(organizationKinds).optional(),
  associationId: z.uuid().nullable().optional(),
  codes: z
    .strictObject({
      medicalInstitutionCode: z
        .string()
        .regex(/^\d{10}$/)
        .nullable()
        .optional(),
      careOfficeNumber: z
        .string()
        .regex(/^[0-9A-Z]{10}$/)
        .nullable()
        .optional(),
    })
    .optional(),
});
export type UpdateOrganizationRequest = z.infer<typeof UpdateOrganizationRequest>;

export const CreateOrganizationRequest = UpdateOrganizationRequest.extend({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(organizationKinds),
  allowDuplicateName: z
    .boolean()
    .optional()
    .describe(
      '同じ名称（全角/半角・空白・かなを区別しない）・同じ種別の組織が既にあっても登録する。' +
        '省略時はその場合 409 organization_duplicate（details に既存の組織の id・name・address）。公式コードの重複は常に 409',
    ),
});
export type CreateOrganizationRequest = z.infer<typeof CreateOrganizationRequest>;

export const UpdateAvailabilityRequest = z
  .strictObject({
    status: z.enum(availabilityStatuses).describe('accepting（受入可）| limited（条件付き）| full（受入不可）'),
    freeSlots: z
      .number()
      .int()
      .min(0)
      .max(10000)
      .nullable()
      .describe('空き枠（人数）: full なら 0 か null、accepting なら 1 以上か null'),
    note: z.string().trim().max(500).nullable().optional(),
  })
  // A status and a number that contradict each other would be shown side by side (受入可・空き枠 0人).
  .refine((value) => value.status !== 'full' || !value.freeSlots, {
    message: '受入不可（満床）のときは、空き枠を0人にするか空欄にしてください。',
    path: ['freeSlots'],
  })
  // 「条件付き」 says nothing without its condition: the page asks for it, and so does the API.
  .refine((value) => value.status !== 'limited' || (value.note ?? '') !== '', {
    message: '「条件付き」のときは、受け入れの条件を備考に書いてください（例：医療処置は要相談、土日の訪問は不可）。',
    path: ['note'],
  })
  .refine((value) => value.status !== 'accepting' || value.freeSlots !== 0, {
    message:
      '空き枠が0人のときは「受入可」ではなく「条件付き」か「受入不可」を選んでください（人数が分からなければ空欄）。',
    path: ['freeSlots'],
  });
export type UpdateAvailabilityRequest = z.infer<typeof UpdateAvailabilityRequest>;
