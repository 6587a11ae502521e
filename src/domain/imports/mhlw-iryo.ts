/**
 * `mhlw-iryo`: the 医療情報ネット（ナビイ）open-data facility file (施設票 01-1 病院 / 02-1 診療所),
 * read by column position as described in ../shared/data/SOURCES.md §1.1 (no real file was
 * available to check against: the columns marked there as confirmed are the ones required here).
 * `ID` is the ナビイ facility ID, not the 医療機関コード; coordinates 0.0/0.0 mean "unknown".
 */
import { formatAddress } from '../geocode/address-geocoder.js';
import {
  ImportFormatError,
  type DataRow,
  type ImportedOrganization,
  type MappingContext,
  type MappingResult,
  type RowProblem,
} from './import-types.js';
import { classifyMedical, cleanName, cleanText, cleanUrl, okayamaWardFromAddress } from './normalize.js';
import { isPrefectureCode, withPrefecture } from './prefectures.js';
import { checkCoordinates, checkPointInArea, quote } from './row-checks.js';

/** Required columns by position (names compared after NFKC, so full- and half-width brackets both match). */
const REQUIRED_COLUMNS: readonly [number, string][] = [
  [0, 'ID'],
  [1, '正式名称'],
  [7, '都道府県コード'],
  [8, '市区町村コード'],
  [9, '所在地'],
  [10, '所在地座標(緯度)'],
  [11, '所在地座標(経度)'],
];
const COLUMN = { id: 0, name: 1, kana: 2, prefecture: 7, city: 8, address: 9, lat: 10, lng: 11, url: 12 } as const;

export const mhlwIryoExpectation =
  'mhlw-iryo には、医療情報ネット（ナビイ）オープンデータの施設票 CSV（01-1 病院 / 02-1 診療所: 1列目「ID」、2列目「正式名称」、' +
  '8〜12列目「都道府県コード,市区町村コード,所在地,所在地座標（緯度）,所在地座標（経度）」）を指定してください。';

const normalizeHeader = (name: string): string => name.normalize('NFKC').replace(/\s+/g, '');

export function isMhlwIryoHeader(header: readonly string[]): boolean {
  const normalized = header.map(normalizeHeader);
  return header.length > COLUMN.url && REQUIRED_COLUMNS.every(([index, name]) => normalized[index] === name);
}

/** 病院 or 診療所 from the file name (01-1_hospital… / 02-1_clinic…), when it tells. */
function kindFromFileName(fileName: string): 'hospital' | 'clinic' | null {
  const name = fileName.toLowerCase();
  if (/hospital|(^|[^0-9])01-1_/.test(name)) return 'hospital';
  if (/clinic|(^|[^0-9])02-1_/.test(name)) return 'clinic';
  return null;
}

const cellOf = (row: DataRow, index: number): string => row.fields[index] ?? '';

export function mapMhlwIryo(
  header: readonly string[],
  rows: readonly DataRow[],
  context: MappingContext,
): MappingResult {
  if (!isMhlwIryoHeader(header)) throw new ImportFormatError(mhlwIryoExpectation);
  const fileKind = kindFromFileName(context.fileName);
  const rejected: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const records = new Map<string, ImportedOrganization>();

  for (const row of rows) {
    if (row.fields.length !== header.length) {
      rejected.push({ line: row.line, reason: `列の数が ${row.fields.length} です（見出しは ${header.length} 列）` });
      continue;
    }
    const problems: string[] = [];
    const id = cellOf(row, COLUMN.id).normalize('NFKC').trim();
    if (id === '') problems.push('ID が空です');
    else if (!/^[0-9A-Za-z-]{1,40}$/.test(id)) problems.push(`ID${quote(cellOf(row, COLUMN.id))}が正しくありません`);
    const name = cleanName(cellOf(row, COLUMN.name));
    if (name === '') problems.push('正式名称が空です');
    const prefectureCode = cellOf(row, COLUMN.prefecture).normalize('NFKC').trim().padStart(2, '0');
    const cityCode = cellOf(row, COLUMN.city).normalize('NFKC').trim().padStart(3, '0');
    if (!isPrefectureCode(prefectureCode)) {
      problems.push(`都道府県コード${quote(cellOf(row, COLUMN.prefecture))}が正しくありません`);
    }
    if (!/^\d{3}$/.test(cityCode))
      problems.push(`市区町村コード${quote(cellOf(row, COLUMN.city))}が3桁の数字ではありません`);
    if (cellOf(row, COLUMN.address).trim() === '') problems.push('所在地が空です');
    const coordinates = checkCoordinates(cellOf(row, COLUMN.lat), cellOf(row, COLUMN.lng), { outsideJapan: 'warn' });
    if (coordinates.error) problems.push(coordinates.error);
    const duplicate = records.get(id);
    if (duplicate) problems.push(`ID ${id} が ${duplicate.line}行目と重複しています`);
    if (problems.length > 0) {
      rejected.push({ line: row.line, reason: problems.join('。') });
      continue;
    }
    if (coordinates.warning) warnings.push({ line: row.line, reason: coordinates.warning });
    const urlText = cellOf(row, COLUMN.url);
    const url = cleanUrl(urlText);
    if (url === null && urlText.trim() !== '') {
      warnings.push({ line: row.line, reason: `URL${quote(urlText)}は Web アドレスではないため取り込みません` });
    }
    const address = withPrefecture(formatAddress(cellOf(row, COLUMN.address)), prefectureCode);
    const code5 = `${prefectureCode}${cityCode}`;
    const areaCode =
      [code5, okayamaWardFromAddress(address)].find((code) => code !== null && context.knownAreaCodes.has(code)) ??
      null;
    const point = checkPointInArea(coordinates.location, areaCode, context.areaCentroids);
    if (point.warning) warnings.push({ line: row.line, reason: point.warning });
    records.set(id, {
      line: row.line,
      role: 'facility',
      sourceKey: `iryo:${id}`,
      kind: fileKind ?? classifyMedical(name).kind,
      name,
      nameKana: cleanText(cellOf(row, COLUMN.kana)),
      medicalInstitutionCode: null,
      careOfficeNumber: null,
      postalCode: null,
      address,
      areaCode,
      location: point.location,
      phone: null,
      fax: null,
      url,
      corporationName: null,
      corporationNumber: null,
      kaigoServices: [],
      capacity: null,
      source: 'mhlw-iryo',
      capabilities: null,
    });
  }
  return {
    format: 'mhlw-iryo',
    variant: fileKind ?? 'facility',
    variantLabel: `医療情報ネット 施設票（${fileKind === 'hospital' ? '病院' : fileKind === 'clinic' ? '診療所' : '病院・診療所は名称から判定'}）`,
    dataRows: rows.length,
    records: [...records.values()],
    rejected,
    warnings,
    mergedRows: 0,
  };
}
