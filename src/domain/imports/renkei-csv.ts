/**
 * `renkei-csv`: the product's own template (docs/renkei-csv.md, data/templates/renkei-csv-example.csv)
 * for an association or the city to load member data. Columns by name, in any order; strict: a
 * value that cannot be used rejects its row (the file's author can fix it).
 */
import { organizationKinds, patientGroups, procedures, type OrganizationKind } from '../codes.js';
import { formatAddress } from '../geocode/address-geocoder.js';
import {
  ImportFormatError,
  fieldReader,
  type DataRow,
  type ImportedCapabilities,
  type ImportedOrganization,
  type MappingContext,
  type MappingResult,
  type RowProblem,
} from './import-types.js';
import { cleanName, cleanPhone, cleanPostalCode, cleanText, cleanUrl, okayamaWardFromAddress } from './normalize.js';
import { withPrefecture } from './prefectures.js';
import {
  checkCareOfficeNumber,
  checkCoordinates,
  checkMedicalInstitutionCode,
  checkPointInArea,
  maxDistanceFromAreaKm,
  quote,
} from './row-checks.js';

export const RENKEI_CSV_COLUMNS = [
  'source_key',
  'kind',
  'name',
  'name_kana',
  'medical_institution_code',
  'care_office_number',
  'postal_code',
  'address',
  'area_code',
  'lat',
  'lng',
  'phone',
  'fax',
  'url',
  'corporation_name',
  'groups',
  'procedures',
  'available_24h',
  'coverage_radius_km',
] as const;
const REQUIRED = ['kind', 'name', 'address'] as const;

export const renkeiCsvExpectation =
  `renkei-csv には Renkei 取込テンプレート（docs/renkei-csv.md）の CSV を指定してください。見出し行に ${REQUIRED.join(', ')} が必須で、` +
  `使える列名は ${RENKEI_CSV_COLUMNS.join(', ')} です。`;

const SOURCE_KEY = /^[A-Za-z0-9][A-Za-z0-9:_.-]{0,99}$/;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'はい', '○', '◯', 'あり', '有']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'いいえ', '×', 'なし', '無']);

export function isRenkeiCsvHeader(header: readonly string[]): boolean {
  return (
    REQUIRED.every((name) => header.includes(name)) &&
    header.every((name) => (RENKEI_CSV_COLUMNS as readonly string[]).includes(name))
  );
}

function checkHeader(header: readonly string[]): void {
  const unknown = header.filter((name) => !(RENKEI_CSV_COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED.filter((name) => !header.includes(name));
  const repeated = header.filter((name, index) => header.indexOf(name) !== index);
  const problems = [
    ...(missing.length > 0 ? [`必須の列がありません: ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`不明な列があります: ${unknown.map((name) => quote(name)).join(', ')}`] : []),
    ...(repeated.length > 0 ? [`同じ列が2回あります: ${[...new Set(repeated)].join(', ')}`] : []),
  ];
  if (problems.length > 0) throw new ImportFormatError(`${renkeiCsvExpectation}（${problems.join('。')}）`);
}

/** Semicolon-separated codes of a list; unknown codes are named with the allowed ones. */
function codeList<T extends string>(raw: string, allowed: readonly T[], label: string, problems: string[]): T[] | null {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return null;
  const codes = [
    ...new Set(
      text
        .split(';')
        .map((code) => code.trim())
        .filter((code) => code !== ''),
    ),
  ];
  const unknown = codes.filter((code) => !(allowed as readonly string[]).includes(code));
  if (unknown.length > 0) {
    problems.push(`${label}に不明なコード ${unknown.join(', ')} があります（使えるコード: ${allowed.join(', ')}）`);
    return null;
  }
  return (codes as T[]).sort();
}

function booleanCell(raw: string, label: string, problems: string[]): boolean | null {
  const text = raw.normalize('NFKC').trim().toLowerCase();
  if (text === '') return null;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  problems.push(`${label}${quote(raw)}は true / false（または 1 / 0）で入力してください`);
  return null;
}

export function mapRenkeiCsv(
  header: readonly string[],
  rows: readonly DataRow[],
  context: MappingContext,
): MappingResult {
  checkHeader(header);
  const read = fieldReader(header);
  const rejected: RowProblem[] = [];
  const records: ImportedOrganization[] = [];
  const seen = new Map<string, number>();

  for (const row of rows) {
    if (row.fields.length !== header.length) {
      rejected.push({ line: row.line, reason: `列の数が ${row.fields.length} です（見出しは ${header.length} 列）` });
      continue;
    }
    const problems: string[] = [];
    const kindText = read(row, 'kind').trim();
    const kind = (organizationKinds as readonly string[]).includes(kindText) ? (kindText as OrganizationKind) : null;
    if (!kind) {
      problems.push(
        kindText === ''
          ? `kind（種別）が空です（使える値: ${organizationKinds.join(', ')}）`
          : `kind${quote(kindText)}は不明な種別です（使える値: ${organizationKinds.join(', ')}）`,
      );
    }
    const name = cleanName(read(row, 'name'));
    if (name === '') problems.push('name（名称）が空です');
    // The same limits as the API's (organization.schema.ts), so a file cannot store what a form refuses.
    if (name.length > 200) problems.push(`name（名称）は200文字以内です（${name.length}文字）`);
    const addressText = read(row, 'address');
    if (addressText.trim() === '') problems.push('address（所在地）が空です');
    if (addressText.trim().length > 300)
      problems.push(`address（所在地）は300文字以内です（${addressText.trim().length}文字）`);

    const medical =
      read(row, 'medical_institution_code').trim() === ''
        ? null
        : checkMedicalInstitutionCode(read(row, 'medical_institution_code'));
    if (medical && !medical.ok) problems.push(medical.reason);
    const care =
      read(row, 'care_office_number').trim() === '' ? null : checkCareOfficeNumber(read(row, 'care_office_number'));
    if (care && !care.ok) problems.push(care.reason);
    const sourceKeyText = read(row, 'source_key').normalize('NFKC').trim();
    if (sourceKeyText !== '' && !SOURCE_KEY.test(sourceKeyText)) {
      problems.push(`source_key${quote(sourceKeyText)}は英数字と : _ . - の100文字以内で入力してください`);
    }
    const medicalCode = medical?.ok ? medical.value : null;
    const careNumber = care?.ok ? care.value : null;
    if (!medical && !care && sourceKeyText === '') {
      problems.push('medical_institution_code・care_office_number・source_key のいずれかが必要です');
    }

    const postalText = read(row, 'postal_code');
    const postalCode = cleanPostalCode(postalText);
    if (postalText.trim() !== '' && postalCode === null)
      problems.push(`郵便番号が7桁ではありません（${quote(postalText)}）`);
    const areaText = read(row, 'area_code').normalize('NFKC').trim();
    if (areaText !== '' && !context.knownAreaCodes.has(areaText)) {
      const allowed = [...context.knownAreaCodes].sort().join(', ');
      problems.push(
        `area_code${quote(areaText)}は登録されている地域コードではありません（${allowed ? `使える値: ${allowed}` : '地域がまだ登録されていません'}）`,
      );
    }
    const coordinates = checkCoordinates(read(row, 'lat'), read(row, 'lng'), { outsideJapan: 'reject' });
    if (coordinates.error) problems.push(coordinates.error);
    // A hand-made file's point far from the row's area (Tokyo's under 北区, say) is a slip: refused, never imported
    // where the search and the exports would place it.
    const address = withPrefecture(formatAddress(addressText), (medicalCode ?? careNumber)?.slice(0, 2) ?? null);
    const derivedArea = okayamaWardFromAddress(address);
    const pointArea = areaText !== '' ? areaText : derivedArea;
    const pointCheck = checkPointInArea(coordinates.location, pointArea, context.areaCentroids);
    if (pointCheck.warning)
      problems.push(
        `緯度・経度（${coordinates.location?.lat ?? ''}, ${coordinates.location?.lng ?? ''}）が地域 ${pointArea ?? ''} から ${maxDistanceFromAreaKm} km 以上離れています。座標を確かめるか、空欄にして住所から位置を推定させてください`,
      );
    const phone = cleanPhone(read(row, 'phone'));
    if (read(row, 'phone').trim() !== '' && phone === null)
      problems.push(`phone（電話番号）${quote(read(row, 'phone'))}が正しくありません`);
    const fax = cleanPhone(read(row, 'fax'));
    if (read(row, 'fax').trim() !== '' && fax === null)
      problems.push(`fax（FAX番号）${quote(read(row, 'fax'))}が正しくありません`);
    const url = cleanUrl(read(row, 'url'));
    if (read(row, 'url').trim() !== '' && url === null)
      problems.push(`url${quote(read(row, 'url'))}は Web アドレスではありません`);

    const capabilities: ImportedCapabilities = {
      groups: codeList(read(row, 'groups'), patientGroups, 'groups（対象者）', problems),
      procedures: codeList(read(row, 'procedures'), procedures, 'procedures（医療処置）', problems),
      available24h: booleanCell(read(row, 'available_24h'), 'available_24h', problems),
      coverageRadiusKm: null,
    };
    const radiusText = read(row, 'coverage_radius_km').normalize('NFKC').trim();
    if (radiusText !== '') {
      const radius = Number(radiusText);
      if (!Number.isFinite(radius) || radius <= 0 || radius > 100) {
        problems.push(`coverage_radius_km${quote(radiusText)}は 0 より大きく 100 以下の数（km）で入力してください`);
      } else capabilities.coverageRadiusKm = radius;
    }

    const keys = [
      medicalCode ? `医療機関コード ${medicalCode}` : null,
      careNumber ? `事業所番号 ${careNumber}` : null,
      sourceKeyText ? `source_key ${sourceKeyText}` : null,
    ].filter((key): key is string => key !== null);
    // Keys are claimed even by a rejected row, so that fixing it does not reveal a duplicate later.
    for (const key of keys) {
      const line = seen.get(key);
      if (line !== undefined) problems.push(`${key} が ${line}行目と重複しています`);
      else seen.set(key, row.line);
    }
    if (problems.length > 0 || !kind) {
      rejected.push({ line: row.line, reason: problems.join('。') });
      continue;
    }
    const hasCapabilities = Object.values(capabilities).some((value) => value !== null);
    records.push({
      line: row.line,
      role: 'member',
      sourceKey: sourceKeyText || (medicalCode ? `med:${medicalCode}` : `kaigo:${careNumber ?? ''}`),
      kind,
      name,
      nameKana: cleanText(read(row, 'name_kana')),
      medicalInstitutionCode: medicalCode,
      careOfficeNumber: careNumber,
      postalCode,
      address,
      areaCode: areaText || (derivedArea && context.knownAreaCodes.has(derivedArea) ? derivedArea : null),
      location: coordinates.location,
      phone,
      fax,
      url,
      corporationName: cleanText(read(row, 'corporation_name')),
      corporationNumber: null,
      kaigoServices: [],
      capacity: null,
      source: 'manual',
      capabilities: hasCapabilities ? capabilities : null,
    });
  }
  return {
    format: 'renkei-csv',
    variant: 'template',
    variantLabel: 'Renkei 取込テンプレート',
    dataRows: rows.length,
    records,
    rejected,
    warnings: [],
    mergedRows: 0,
  };
}
