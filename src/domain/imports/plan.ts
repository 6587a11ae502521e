/**
 * What an import does to the directory, decided without I/O: find the organisation each record
 * stands for, compute the values it should have, and compare field by field — an organisation
 * whose values would not change is left alone (no new version, no new updated_at).
 *
 * Imports own the public identity fields (name, kana, codes, address, postal code, phone, fax, URL,
 * corporation, 介護 services, coordinates when the file has them, capacity). What providers
 * maintain themselves — capabilities, coverage, availability, professional phone — is never
 * changed, except that the Renkei template may fill a profile nobody has declared yet.
 */
import { addressKey, cleanName } from './normalize.js';
import type { ImportedOrganization } from './import-types.js';
import { kaigoKind, kaigoKinds, mergeServices, servicePriority, type KaigoService } from './kaigo-services.js';
import { distanceKm } from '../directory/geo.js';
import { officialProcedures, withOfficialProcedures } from '../directory/official-capabilities.js';
import { quote } from './row-checks.js';

/** The stored fields an import reads and writes. */
export type OrganizationValues = {
  kind: string;
  name: string;
  nameKana: string | null;
  medicalInstitutionCode: string | null;
  careOfficeNumber: string | null;
  postalCode: string | null;
  address: string;
  areaCode: string | null;
  lat: number | null;
  lng: number | null;
  geocodePrecision: string | null;
  phone: string | null;
  fax: string | null;
  url: string | null;
  corporationName: string | null;
  corporationNumber: string | null;
  kaigoServices: KaigoService[];
  capacity: number | null;
  source: string;
  groups: string[];
  procedures: string[];
  isAvailable24h: boolean;
  coverageRadiusKm: number | null;
  isDemoProfile: boolean;
};

export type ExistingOrganization = OrganizationValues & { id: string; sourceKey: string | null };

export type Geocoded = {
  lat: number;
  lng: number;
  precision: string;
  areaCode: string | null;
  /** The municipality or ward (5-digit code) the address was located in, e.g. "33101", "33202" (倉敷市). */
  municipalityCode?: string;
  /** Its name, e.g. "岡山市北区", "倉敷市". */
  municipality?: string;
};
/** Locates an address offline (町丁目 points); null when it cannot. */
export type AddressLocator = (address: string, areaHint: string | null) => Geocoded | null;

export type Plan =
  | { action: 'insert'; record: ImportedOrganization; values: OrganizationValues }
  | { action: 'update'; record: ImportedOrganization; id: string; values: OrganizationValues; changedFields: string[] }
  | { action: 'unchanged'; record: ImportedOrganization; id: string }
  | { action: 'reject'; record: ImportedOrganization; reason: string };

const comparedFields: readonly (keyof OrganizationValues)[] = [
  'kind',
  'name',
  'nameKana',
  'medicalInstitutionCode',
  'careOfficeNumber',
  'postalCode',
  'address',
  'areaCode',
  'lat',
  'lng',
  'geocodePrecision',
  'phone',
  'fax',
  'url',
  'corporationName',
  'corporationNumber',
  'kaigoServices',
  'capacity',
  'source',
  'groups',
  'procedures',
  'isAvailable24h',
  'coverageRadiusKm',
  'isDemoProfile',
];

/** Existing organisations by each key an import can find them with. */
export type ExistingIndex = {
  byMedicalCode: Map<string, ExistingOrganization>;
  byCareNumber: Map<string, ExistingOrganization>;
  bySourceKey: Map<string, ExistingOrganization>;
  /** Hospitals and clinics by name + address key (for 医療情報ネット rows, which carry no code). */
  byNameAndAddress: Map<string, ExistingOrganization[]>;
};

const nameAddressKey = (name: string, address: string): string =>
  `${cleanName(name).replace(/\s/g, '')}|${addressKey(address)}`;

export function indexExisting(rows: readonly ExistingOrganization[]): ExistingIndex {
  const index: ExistingIndex = {
    byMedicalCode: new Map(),
    byCareNumber: new Map(),
    bySourceKey: new Map(),
    byNameAndAddress: new Map(),
  };
  for (const row of rows) {
    if (row.medicalInstitutionCode) index.byMedicalCode.set(row.medicalInstitutionCode, row);
    if (row.careOfficeNumber) index.byCareNumber.set(row.careOfficeNumber, row);
    if (row.sourceKey) index.bySourceKey.set(row.sourceKey, row);
    if (row.kind === 'hospital' || row.kind === 'clinic') {
      const key = nameAddressKey(row.name, row.address);
      index.byNameAndAddress.set(key, [...(index.byNameAndAddress.get(key) ?? []), row]);
    }
  }
  return index;
}

/** The organisation a record stands for, or a reason why it cannot be told. */
export function findExisting(
  record: ImportedOrganization,
  index: ExistingIndex,
): { existing: ExistingOrganization | null; conflict?: string } {
  const candidates: (ExistingOrganization | undefined)[] = [];
  switch (record.role) {
    case 'office': {
      const number = record.careOfficeNumber ?? '';
      // A みなし office (3rd character 1) has the number of its medical institution.
      const found =
        index.byCareNumber.get(number) ??
        (number.charAt(2) === '1' ? index.byMedicalCode.get(number) : undefined) ??
        index.bySourceKey.get(record.sourceKey);
      return { existing: found ?? null };
    }
    case 'institution': {
      const code = record.medicalInstitutionCode ?? '';
      const adoptable = index.byCareNumber.get(code);
      const found =
        index.byMedicalCode.get(code) ??
        index.bySourceKey.get(record.sourceKey) ??
        (adoptable && adoptable.medicalInstitutionCode === null ? adoptable : undefined);
      return { existing: found ?? null };
    }
    case 'facility': {
      const own = index.bySourceKey.get(record.sourceKey);
      if (own) return { existing: own };
      const matches = index.byNameAndAddress.get(nameAddressKey(record.name, record.address ?? '')) ?? [];
      return { existing: matches.length === 1 ? (matches[0] ?? null) : null };
    }
    case 'member': {
      if (record.medicalInstitutionCode) candidates.push(index.byMedicalCode.get(record.medicalInstitutionCode));
      if (record.careOfficeNumber) candidates.push(index.byCareNumber.get(record.careOfficeNumber));
      candidates.push(index.bySourceKey.get(record.sourceKey));
      const found = [...new Set(candidates.filter((row): row is ExistingOrganization => row !== undefined))];
      if (found.length > 1) {
        return {
          existing: null,
          conflict: `医療機関コード・事業所番号・source_key が別々の組織（${found.map((row) => row.name).join('、')}）を指しています`,
        };
      }
      return { existing: found[0] ?? null };
    }
  }
}

const emptyProfile: Pick<
  OrganizationValues,
  'groups' | 'procedures' | 'isAvailable24h' | 'coverageRadiusKm' | 'isDemoProfile'
> = { groups: [], procedures: [], isAvailable24h: false, coverageRadiusKm: null, isDemoProfile: false };

function bestPriority(services: readonly KaigoService[]): number {
  return Math.min(...services.map((service) => servicePriority(service.code)), Number.MAX_SAFE_INTEGER);
}

/** How far a point located from a reworded address may lie from a file's own point for the latter to stay. */
const keepSourcePointWithinKm = 1;

/** Coordinates: the file's own, else kept while the address stays, else located from the address. */
function locate(
  record: ImportedOrganization,
  existing: ExistingOrganization | null,
  address: string,
  locator: AddressLocator,
): Pick<OrganizationValues, 'lat' | 'lng' | 'geocodePrecision'> & { areaCode: string | null; found?: Geocoded } {
  if (record.location) return { ...record.location, geocodePrecision: 'source', areaCode: null };
  // Same address: keep the point (or the lack of one — an address the offline data cannot place
  // is not tried again on every run).
  if (existing && existing.address === address) {
    return { lat: existing.lat, lng: existing.lng, geocodePrecision: existing.geocodePrecision, areaCode: null };
  }
  const found = address === '' ? null : locator(address, record.areaCode ?? existing?.areaCode ?? null);
  // The address was only written differently (「1番16号」/「1番地16号」): a point a file gave itself stays
  // when the new address locates near it or cannot be located — so the result does not depend on the
  // order in which files are imported.
  const kept =
    existing && existing.lat !== null && existing.lng !== null && existing.geocodePrecision === 'source'
      ? {
          lat: existing.lat,
          lng: existing.lng,
          geocodePrecision: existing.geocodePrecision,
          areaCode: existing.areaCode,
        }
      : null;
  if (found) {
    const isNearKept = kept !== null && distanceKm(found.lng, found.lat, kept.lng, kept.lat) <= keepSourcePointWithinKm;
    if (isNearKept) return kept;
    return { lat: found.lat, lng: found.lng, geocodePrecision: found.precision, areaCode: found.areaCode, found };
  }
  return kept ?? { lat: null, lng: null, geocodePrecision: null, areaCode: null };
}

const okayamaWardNames: Readonly<Record<string, string>> = {
  '33101': '岡山市北区',
  '33102': '岡山市中区',
  '33103': '岡山市東区',
  '33104': '岡山市南区',
};

/**
 * What is wrong with where a Renkei template row (an operator's own file) says the organisation is: an address the
 * offline data locates outside Okayama City (「倉敷市水島1」), or an area_code naming another ward than the one its
 * address is located in (area_code 33103 東区 with 「岡山市北区御津金川1」: it would be searched in 東区, 17 km away).
 * Null when nothing is wrong, and for the other formats (national open data, filtered when mapped).
 */
function locationProblem(record: ImportedOrganization, address: string, found: Geocoded | undefined): string | null {
  if (record.role !== 'member' || !found?.municipalityCode) return null;
  const located = found.municipalityCode;
  if (!/^331\d\d$/.test(located)) {
    return `所在地${quote(address)}は岡山市外（${found.municipality ?? located}）の住所です。Renkei には岡山市内の組織だけを登録できます`;
  }
  const given = record.areaCode;
  const givenName = given ? okayamaWardNames[given] : undefined;
  const locatedName = okayamaWardNames[located];
  if (given && givenName && locatedName && given !== located) {
    return `area_code ${given}（${givenName}）と所在地${quote(address)}の位置（${locatedName}）が食い違っています。area_code か所在地を直してください`;
  }
  return null;
}

/** Values when the record owns the organisation's identity (created by it, or the same kind of source). */
function ownValues(
  record: ImportedOrganization,
  existing: ExistingOrganization | null,
  locator: AddressLocator,
): { values: OrganizationValues; problem: string | null } {
  const base: OrganizationValues | null = existing;
  const address = record.address ?? base?.address ?? '';
  const located = locate(record, existing, address, locator);
  const problem = locationProblem(record, address, located.found);
  const services = mergeServices(base?.kaigoServices ?? [], record.kaigoServices);
  let kind = record.kind;
  let isPrimarySource = true;
  if (base && record.role === 'office') {
    // Name and capacity come from the office's primary service; another service's file only adds itself.
    isPrimarySource =
      base.kaigoServices.length === 0 || bestPriority(record.kaigoServices) <= bestPriority(base.kaigoServices);
    const primary = [...services].sort((a, b) => servicePriority(a.code) - servicePriority(b.code))[0];
    kind =
      kaigoKinds.includes(base.kind) && primary
        ? kaigoKind(record.careOfficeNumber ?? '', primary.code)
        : (base.kind as typeof kind);
  } else if (base && (record.role === 'institution' || record.role === 'facility')) {
    // Hospital/clinic is a guess from the name: an administrator's correction stays — unless this
    // institution was first known as one of its みなし 介護 offices.
    kind =
      base.medicalInstitutionCode === null && kaigoKinds.includes(base.kind) ? record.kind : (base.kind as typeof kind);
  }
  const values: OrganizationValues = {
    kind,
    name: isPrimarySource ? record.name : (base?.name ?? record.name),
    nameKana: isPrimarySource ? (record.nameKana ?? base?.nameKana ?? null) : (base?.nameKana ?? record.nameKana),
    medicalInstitutionCode: record.medicalInstitutionCode ?? base?.medicalInstitutionCode ?? null,
    careOfficeNumber: record.careOfficeNumber ?? base?.careOfficeNumber ?? null,
    postalCode: record.postalCode ?? base?.postalCode ?? null,
    address,
    areaCode:
      record.areaCode ?? located.areaCode ?? (existing && existing.address === address ? existing.areaCode : null),
    lat: located.lat,
    lng: located.lng,
    geocodePrecision: located.geocodePrecision,
    // Contacts belong to the primary source too: another service's file (another desk of the office)
    // only fills what is missing.
    phone: isPrimarySource ? (record.phone ?? base?.phone ?? null) : (base?.phone ?? record.phone ?? null),
    fax: isPrimarySource ? (record.fax ?? base?.fax ?? null) : (base?.fax ?? record.fax ?? null),
    url: isPrimarySource ? (record.url ?? base?.url ?? null) : (base?.url ?? record.url ?? null),
    corporationName: record.corporationName ?? base?.corporationName ?? null,
    corporationNumber: record.corporationNumber ?? base?.corporationNumber ?? null,
    kaigoServices: services,
    capacity: isPrimarySource ? (record.capacity ?? base?.capacity ?? null) : (base?.capacity ?? record.capacity),
    source: record.source,
    groups: base?.groups ?? emptyProfile.groups,
    procedures: base?.procedures ?? emptyProfile.procedures,
    isAvailable24h: base?.isAvailable24h ?? emptyProfile.isAvailable24h,
    coverageRadiusKm: base?.coverageRadiusKm ?? emptyProfile.coverageRadiusKm,
    isDemoProfile: base?.isDemoProfile ?? emptyProfile.isDemoProfile,
  };
  const withProfile = applyCapabilities(record, existing, values);
  return {
    values: { ...withProfile, procedures: withOfficialProcedures(withProfile.procedures, withProfile.kaigoServices) },
    problem,
  };
}

/** Values when the record only adds to an organisation it does not own (みなし office, ナビイ facility). */
function attachedValues(record: ImportedOrganization, existing: ExistingOrganization): OrganizationValues {
  const hasSourcePoint = existing.geocodePrecision === 'source' && existing.lat !== null;
  const services = mergeServices(existing.kaigoServices, record.kaigoServices);
  return {
    ...existing,
    careOfficeNumber: existing.careOfficeNumber ?? record.careOfficeNumber,
    postalCode: existing.postalCode ?? record.postalCode,
    // An office's kana spells the office's name, which is not the institution's.
    nameKana: record.role === 'facility' ? (existing.nameKana ?? record.nameKana) : existing.nameKana,
    phone: existing.phone ?? record.phone,
    fax: existing.fax ?? record.fax,
    url: existing.url ?? record.url,
    corporationName: existing.corporationName ?? record.corporationName,
    corporationNumber: existing.corporationNumber ?? record.corporationNumber,
    kaigoServices: services,
    procedures: withOfficialProcedures(existing.procedures, services),
    ...(record.location && !hasSourcePoint
      ? { lat: record.location.lat, lng: record.location.lng, geocodePrecision: 'source' }
      : {}),
  };
}

/**
 * The template's capability columns: on a new organisation, and on one whose profile nobody has
 * declared yet (empty, or invented for the demo). A provider's own profile is never overwritten.
 */
function applyCapabilities(
  record: ImportedOrganization,
  existing: ExistingOrganization | null,
  values: OrganizationValues,
): OrganizationValues {
  const given = record.capabilities;
  if (!given) return values;
  const isUndeclared =
    !existing ||
    existing.isDemoProfile ||
    (existing.groups.length === 0 &&
      // What the official services imply (訪問リハ → rehabilitation) is not a declared profile.
      existing.procedures.every((procedure) =>
        (officialProcedures(existing.kaigoServices) as string[]).includes(procedure),
      ) &&
      !existing.isAvailable24h &&
      existing.coverageRadiusKm === null);
  if (!isUndeclared) return values;
  return {
    ...values,
    groups: given.groups ?? (existing?.isDemoProfile ? [] : values.groups),
    procedures: given.procedures ?? (existing?.isDemoProfile ? [] : values.procedures),
    isAvailable24h: given.available24h ?? (existing?.isDemoProfile ? false : values.isAvailable24h),
    coverageRadiusKm: given.coverageRadiusKm ?? (existing?.isDemoProfile ? null : values.coverageRadiusKm),
    isDemoProfile: false,
  };
}

function isSame(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b) || (typeof a === 'object' && a !== null)) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return a === b;
}

/** The plan for one record against what the directory holds. */
export function planRecord(
  record: ImportedOrganization,
  existing: ExistingOrganization | null,
  locator: AddressLocator,
): Plan {
  if (!existing) {
    const own = ownValues(record, null, locator);
    return own.problem
      ? { action: 'reject', record, reason: own.problem }
      : { action: 'insert', record, values: own.values };
  }
  const isAttached =
    (record.role === 'office' && existing.medicalInstitutionCode !== null) ||
    (record.role === 'facility' && existing.sourceKey !== record.sourceKey);
  const own = isAttached ? null : ownValues(record, existing, locator);
  if (own?.problem) return { action: 'reject', record, reason: own.problem };
  const values = own ? own.values : attachedValues(record, existing);
  const changedFields = comparedFields.filter((field) => !isSame(values[field], existing[field]));
  if (changedFields.length === 0) return { action: 'unchanged', record, id: existing.id };
  return { action: 'update', record, id: existing.id, values, changedFields };
}
