/**
 * `mhlw-kaigo`: the 介護サービス情報公表システム open-data CSV (24 columns, any service file, with or
 * without the leading `opendata_file_code` column of ../shared/data/kaigo-opendata) and the reduced
 * 訪問看護 / 居宅介護支援 files of ../shared/data/kaigo-derived. One organisation per 事業所番号: an
 * office found in several rows (one per service) becomes one record with all its services.
 */
import { formatAddress } from '../geocode/address-geocoder.js';
import {
  ImportFormatError,
  fieldReader,
  type DataRow,
  type ImportedOrganization,
  type MappingContext,
  type MappingResult,
  type RowProblem,
} from './import-types.js';
import {
  DERIVED_SERVICE_NAMES,
  byServicePriority,
  kaigoKind,
  serviceCodeByName,
  serviceCodeFromFileName,
  type KaigoService,
} from './kaigo-services.js';
import {
  cleanName,
  cleanPhone,
  cleanText,
  cleanUrl,
  joinBuilding,
  lgCode6to5,
  officeAddress,
  okayamaWardFromAddress,
} from './normalize.js';
import { leadingPrefecture, withPrefecture } from './prefectures.js';
import { checkCareOfficeNumber, checkCoordinates, checkPointInArea, quote } from './row-checks.js';

/** The MHLW header, verbatim (SOURCES.md §1.2). */
export const MHLW_KAIGO_COLUMNS = [
  '都道府県コード又は市町村コード',
  'No',
  '都道府県名',
  '市区町村名',
  '事業所名',
  '事業所名カナ',
  'サービスの種類',
  '住所',
  '方書（ビル名等）',
  '緯度',
  '経度',
  '電話番号',
  'FAX番号',
  '法人番号',
  '法人の名称',
  '事業所番号',
  '利用可能曜日',
  '利用可能曜日特記事項',
  '定員',
  'URL',
  '高齢者の方と障害者の方が同時一体的に利用できるサービス',
  '介護保険の通常の指定基準を満たしている',
  '障害福祉の通常の指定基準を満たしている',
  '備考',
] as const;
const HOUMON_COLUMNS = ['jigyosho_no', 'name', 'address', 'lat', 'lng'] as const;
const KYOTAKU_COLUMNS = [
  'jigyosho_no',
  'name',
  'name_kana',
  'lg_code6',
  'city',
  'address',
  'tel',
  'corporation_name',
  'url',
  'lat',
  'lng',
] as const;

type Variant = 'opendata' | 'opendata-with-file-code' | 'houmon-kango' | 'kyotaku-kaigo-shien';

const variantLabels: Record<Variant, string> = {
  opendata: '介護サービス情報公表システム オープンデータ（24列）',
  'opendata-with-file-code': '介護サービス情報公表システム オープンデータ（24列＋opendata_file_code）',
  'houmon-kango': '訪問看護 派生ファイル（jigyosho_no,name,address,lat,lng）',
  'kyotaku-kaigo-shien': '居宅介護支援 派生ファイル（11列）',
};

const sameColumns = (header: readonly string[], expected: readonly string[]): boolean =>
  header.length === expected.length && expected.every((name, index) => header[index] === name);

function detectVariant(header: readonly string[]): Variant | null {
  if (sameColumns(header, MHLW_KAIGO_COLUMNS)) return 'opendata';
  if (header[0] === 'opendata_file_code' && sameColumns(header.slice(1), MHLW_KAIGO_COLUMNS)) {
    return 'opendata-with-file-code';
  }
  if (sameColumns(header, HOUMON_COLUMNS)) return 'houmon-kango';
  if (sameColumns(header, KYOTAKU_COLUMNS)) return 'kyotaku-kaigo-shien';
  return null;
}

export function isMhlwKaigoHeader(header: readonly string[]): boolean {
  return detectVariant(header) !== null;
}

export const mhlwKaigoExpectation =
  'mhlw-kaigo には、介護サービス情報公表システムのオープンデータ CSV（見出し24列「都道府県コード又は市町村コード,No,都道府県名,市区町村名,事業所名,…,備考」、' +
  '先頭に opendata_file_code 列があってもよい）、または派生ファイル（「jigyosho_no,name,address,lat,lng」の訪問看護、' +
  '「jigyosho_no,name,name_kana,lg_code6,city,address,tel,corporation_name,url,lat,lng」の居宅介護支援）を指定してください。';

/** One office × service row, cleaned. */
type OfficeRow = {
  line: number;
  number: string;
  service: KaigoService;
  name: string;
  kana: string | null;
  address: string;
  areaCode: string | null;
  location: { lat: number; lng: number } | null;
  phone: string | null;
  fax: string | null;
  corporationName: string | null;
  corporationNumber: string | null;
  url: string | null;
  capacity: number | null;
  source: 'kaigo-opendata' | 'kaigo-derived';
};

/** Address with its municipality (officeAddress) and its prefecture (none for 岡山県). */
function composeAddress(raw: string, cityName: string | null, prefectureName: string | null): string {
  const formatted = formatAddress(raw);
  const leading = leadingPrefecture(formatted);
  const prefecture = leading ?? (prefectureName ? leadingPrefecture(prefectureName) : null);
  const rest = leading ? formatted.slice(leading.name.length) : formatted;
  return withPrefecture(officeAddress(rest, cityName).address, prefecture?.code ?? null);
}

function knownArea(code: string | null, context: MappingContext): string | null {
  return code !== null && context.knownAreaCodes.has(code) ? code : null;
}

export function mapMhlwKaigo(
  header: readonly string[],
  rows: readonly DataRow[],
  context: MappingContext,
): MappingResult {
  const variant = detectVariant(header);
  if (!variant) throw new ImportFormatError(mhlwKaigoExpectation);
  const read = fieldReader(header);
  const rejected: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const fileCode = serviceCodeFromFileName(context.fileName);
  const isDerived = variant === 'houmon-kango' || variant === 'kyotaku-kaigo-shien';
  const officeRows = new Map<string, OfficeRow[]>();

  for (const row of rows) {
    if (row.fields.length !== header.length) {
      rejected.push({ line: row.line, reason: `列の数が ${row.fields.length} です（見出しは ${header.length} 列）` });
      continue;
    }
    const problems: string[] = [];
    const number = checkCareOfficeNumber(read(row, isDerived ? 'jigyosho_no' : '事業所番号'));
    if (!number.ok) problems.push(number.reason);
    const name = cleanName(read(row, isDerived ? 'name' : '事業所名'));
    if (name === '') problems.push('事業所名が空です');
    const coordinates = checkCoordinates(read(row, isDerived ? 'lat' : '緯度'), read(row, isDerived ? 'lng' : '経度'), {
      outsideJapan: 'warn',
    });
    if (coordinates.error) problems.push(coordinates.error);

    let service: KaigoService | null = null;
    if (variant === 'houmon-kango') service = { code: '130', name: DERIVED_SERVICE_NAMES['130'] };
    else if (variant === 'kyotaku-kaigo-shien') service = { code: '430', name: DERIVED_SERVICE_NAMES['430'] };
    else {
      const serviceName = read(row, 'サービスの種類').trim();
      const code =
        (variant === 'opendata-with-file-code' ? read(row, 'opendata_file_code').trim() : null) ||
        fileCode ||
        serviceCodeByName(serviceName);
      if (serviceName === '') problems.push('サービスの種類が空です');
      else if (!code || !/^\d{3}$/.test(code)) {
        problems.push(
          `サービスの種類${quote(serviceName)}のサービスコードが分かりません（ファイル名を jigyosho_{コード}.csv のままにしてください）`,
        );
      } else service = { code, name: serviceName };
    }

    let address = '';
    let areaCode: string | null = null;
    let cityName: string | null = null;
    if (variant === 'houmon-kango') {
      address = composeAddress(read(row, 'address'), null, null);
      areaCode = knownArea(okayamaWardFromAddress(address), context);
    } else if (variant === 'kyotaku-kaigo-shien') {
      cityName = cleanText(read(row, 'city'));
      address = composeAddress(read(row, 'address'), cityName, null);
      areaCode =
        knownArea(lgCode6to5(read(row, 'lg_code6').trim()), context) ??
        knownArea(okayamaWardFromAddress(address), context);
    } else {
      cityName = cleanText(read(row, '市区町村名'));
      const street = formatAddress(read(row, '住所'));
      const building = formatAddress(read(row, '方書（ビル名等）'));
      // As the data build joins them: a 方書 already in the 住所 is not repeated, one glued to the house number is
      // set apart (joinBuilding).
      const joined = joinBuilding(street, building);
      address = composeAddress(joined, cityName, read(row, '都道府県名').trim() || null);
      const code6 = read(row, '都道府県コード又は市町村コード').trim();
      const code5 = lgCode6to5(code6);
      if (code6 !== '' && code5 === null) {
        warnings.push({ line: row.line, reason: `都道府県コード又は市町村コード${quote(code6)}が正しくありません` });
      }
      areaCode = knownArea(code5, context) ?? knownArea(okayamaWardFromAddress(address), context);
    }
    if (read(row, isDerived ? 'address' : '住所').trim() === '') problems.push('住所が空です');

    if (problems.length > 0 || !number.ok || !service) {
      rejected.push({ line: row.line, reason: problems.join('。') });
      continue;
    }
    if (coordinates.warning) warnings.push({ line: row.line, reason: coordinates.warning });
    const point = checkPointInArea(coordinates.location, areaCode, context.areaCentroids);
    if (point.warning) warnings.push({ line: row.line, reason: point.warning });
    const urlText = isDerived ? (variant === 'kyotaku-kaigo-shien' ? read(row, 'url') : '') : read(row, 'URL');
    const url = cleanUrl(urlText);
    if (url === null && urlText.trim() !== '') {
      warnings.push({ line: row.line, reason: `URL${quote(urlText)}は Web アドレスではないため取り込みません` });
    }
    const corporationNumber = isDerived ? '' : read(row, '法人番号').trim();
    const capacity = isDerived ? Number.NaN : Number.parseInt(read(row, '定員').normalize('NFKC'), 10);
    const officeRow: OfficeRow = {
      line: row.line,
      number: number.value,
      service,
      name,
      kana: variant === 'houmon-kango' ? null : cleanText(read(row, isDerived ? 'name_kana' : '事業所名カナ')),
      address,
      areaCode,
      location: point.location,
      phone: variant === 'houmon-kango' ? null : cleanPhone(read(row, isDerived ? 'tel' : '電話番号')),
      fax: isDerived ? null : cleanPhone(read(row, 'FAX番号')),
      corporationName:
        variant === 'houmon-kango' ? null : cleanText(read(row, isDerived ? 'corporation_name' : '法人の名称')),
      corporationNumber: /^\d{13}$/.test(corporationNumber) ? corporationNumber : null,
      url,
      capacity: Number.isFinite(capacity) && capacity > 0 ? capacity : null,
      source: isDerived ? 'kaigo-derived' : 'kaigo-opendata',
    };
    const list = officeRows.get(officeRow.number) ?? [];
    list.push(officeRow);
    officeRows.set(officeRow.number, list);
  }

  const records = [...officeRows.values()].map(mergeOffice);
  const accepted = [...officeRows.values()].reduce((sum, list) => sum + list.length, 0);
  return {
    format: 'mhlw-kaigo',
    variant,
    variantLabel: variantLabels[variant],
    dataRows: rows.length,
    records,
    rejected,
    warnings,
    mergedRows: accepted - records.length,
  };
}

/** The rows of one office → one record; the primary service (by priority) decides kind, name and capacity. */
function mergeOffice(rows: OfficeRow[]): ImportedOrganization {
  const sorted = [...rows].sort((a, b) => byServicePriority(a.service, b.service) || a.line - b.line);
  const primary = sorted[0] as OfficeRow;
  const services = new Map<string, KaigoService>();
  for (const row of sorted) if (!services.has(row.service.code)) services.set(row.service.code, row.service);
  const pick = <K extends 'phone' | 'fax' | 'corporationName' | 'corporationNumber' | 'url' | 'areaCode'>(
    key: K,
  ): OfficeRow[K] => sorted.map((row) => row[key]).find((value) => value !== null) ?? null;
  const located = sorted.find((row) => row.location !== null);
  const capacities = sorted.map((row) => row.capacity).filter((value): value is number => value !== null);
  return {
    line: Math.min(...rows.map((row) => row.line)),
    role: 'office',
    sourceKey: `kaigo:${primary.number}`,
    kind: kaigoKind(primary.number, primary.service.code),
    name: primary.name,
    nameKana: primary.kana ?? sorted.find((row) => row.name === primary.name && row.kana)?.kana ?? null,
    medicalInstitutionCode: null,
    careOfficeNumber: primary.number,
    postalCode: null,
    address: primary.address,
    areaCode: primary.areaCode ?? pick('areaCode'),
    location: located?.location ?? null,
    phone: pick('phone'),
    fax: pick('fax'),
    url: pick('url'),
    corporationName: pick('corporationName'),
    corporationNumber: pick('corporationNumber'),
    kaigoServices: [...services.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    capacity: primary.capacity ?? (capacities.length > 0 ? Math.max(...capacities) : null),
    source: sorted.some((row) => row.source === 'kaigo-derived') ? 'kaigo-derived' : 'kaigo-opendata',
    capabilities: null,
  };
}
