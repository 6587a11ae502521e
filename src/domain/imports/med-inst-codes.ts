/**
 * `med-inst-codes`: 地方厚生局「コード内容別医療機関一覧表」(医科) as in ../shared/data/medical-institution-codes/:
 * `med_code9,med_code7,name,postal_code,address` with that header, or the national
 * all_med_inst_cd.csv (same columns, no header). One organisation per 10-digit 医療機関コード
 * (都道府県2 + 点数表 '1' + 7 digits); 病院 or 診療所 by name, as the data build decides.
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
import { classifyMedical, cleanName, cleanPostalCode, okayamaWardFromAddress } from './normalize.js';
import { isPrefectureCode, withPrefecture } from './prefectures.js';
import { quote } from './row-checks.js';

const COLUMNS = ['med_code9', 'med_code7', 'name', 'postal_code', 'address'] as const;

export const medInstCodesExpectation =
  'med-inst-codes には、厚生局「コード内容別医療機関一覧表」の CSV（見出し「med_code9,med_code7,name,postal_code,address」、' +
  'または見出しなしで同じ5列の all_med_inst_cd.csv）を指定してください。ZIP ファイルは展開してから指定してください。';

function looksLikeDataRow(fields: readonly string[]): boolean {
  return fields.length === 5 && /^\d{9}$/.test(fields[0] ?? '') && /^\d{7}$/.test(fields[1] ?? '');
}

/** Which layout the first record shows: a header, the headerless national file, or neither. */
function detectVariant(first: readonly string[]): 'with-header' | 'headerless' | null {
  if (first.length === COLUMNS.length && COLUMNS.every((name, index) => first[index] === name)) return 'with-header';
  if (looksLikeDataRow(first)) return 'headerless';
  return null;
}

export function isMedInstCodesFirstRecord(first: readonly string[]): boolean {
  return detectVariant(first) !== null;
}

/**
 * Maps the records (all of them: the first is the header or already data). Identical repeated
 * rows (the national file has 536) count once; the same code with other content is rejected.
 */
export function mapMedInstCodes(all: readonly DataRow[], context: MappingContext): MappingResult {
  const first = all[0];
  const variant = first ? detectVariant(first.fields) : null;
  if (!variant) throw new ImportFormatError(medInstCodesExpectation);
  const rows = variant === 'with-header' ? all.slice(1) : all;
  const rejected: RowProblem[] = [];
  const records = new Map<string, { record: ImportedOrganization; raw: string }>();
  let mergedRows = 0;

  for (const row of rows) {
    if (row.fields.length !== COLUMNS.length) {
      rejected.push({ line: row.line, reason: `列の数が ${row.fields.length} です（${COLUMNS.length} 列の表です）` });
      continue;
    }
    const [code9Raw = '', code7Raw = '', nameRaw = '', postalRaw = '', addressRaw = ''] = row.fields;
    const problems: string[] = [];
    const code9 = code9Raw.normalize('NFKC').trim();
    const code7 = code7Raw.normalize('NFKC').trim();
    if (!/^\d{9}$/.test(code9))
      problems.push(`医療機関コード（med_code9）が9桁の数字ではありません（${quote(code9Raw)}）`);
    else if (!isPrefectureCode(code9.slice(0, 2))) {
      problems.push(`医療機関コードの先頭2桁が都道府県番号（01〜47）ではありません（${quote(code9Raw)}）`);
    } else if (code9.slice(2) !== code7) {
      problems.push(`med_code7${quote(code7Raw)}が med_code9 の下7桁と一致しません`);
    }
    const name = cleanName(nameRaw);
    if (name === '') problems.push('医療機関名が空です');
    const postalCode = cleanPostalCode(postalRaw);
    if (postalRaw.trim() !== '' && postalCode === null)
      problems.push(`郵便番号が7桁ではありません（${quote(postalRaw)}）`);
    if (addressRaw.trim() === '') problems.push('所在地が空です');
    if (problems.length > 0) {
      rejected.push({ line: row.line, reason: problems.join('。') });
      continue;
    }
    const code10 = `${code9.slice(0, 2)}1${code7}`;
    const rawKey = row.fields.join('\u0000');
    const seen = records.get(code10);
    if (seen) {
      if (seen.raw === rawKey) mergedRows += 1;
      else {
        rejected.push({
          line: row.line,
          reason: `医療機関コード ${code10} が ${seen.record.line}行目と重複しています（内容が異なります）`,
        });
      }
      continue;
    }
    const address = withPrefecture(formatAddress(addressRaw), code9.slice(0, 2));
    const byAddress = okayamaWardFromAddress(address);
    const byPostal = postalCode && context.areaOfPostalCode ? context.areaOfPostalCode(postalCode) : null;
    const areaCode = [byAddress, byPostal].find((code) => code !== null && context.knownAreaCodes.has(code)) ?? null;
    records.set(code10, {
      raw: rawKey,
      record: {
        line: row.line,
        role: 'institution',
        sourceKey: `med:${code10}`,
        kind: classifyMedical(name).kind,
        name,
        nameKana: null,
        medicalInstitutionCode: code10,
        careOfficeNumber: null,
        postalCode,
        address,
        areaCode,
        location: null,
        phone: null,
        fax: null,
        url: null,
        corporationName: null,
        corporationNumber: null,
        kaigoServices: [],
        capacity: null,
        source: 'med-inst-codes',
        capabilities: null,
      },
    });
  }
  return {
    format: 'med-inst-codes',
    variant,
    variantLabel:
      variant === 'with-header'
        ? 'コード内容別医療機関一覧表（見出しあり）'
        : 'コード内容別医療機関一覧表（見出しなし: all_med_inst_cd.csv）',
    dataRows: rows.length,
    records: [...records.values()].map((entry) => entry.record),
    rejected,
    warnings: [],
    mergedRows,
  };
}
