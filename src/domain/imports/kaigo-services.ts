/**
 * The 介護サービス情報公表システム open-data file codes (jigyosho_{code}.csv) and the rules that turn
 * an office's services into one organisation kind (see ../shared/data/SOURCES.md §1.2).
 */

export type KaigoService = { code: string; name: string };

export type KaigoKind = 'visiting_nursing' | 'visiting_rehab' | 'care_management' | 'care_service';

/** Kinds that the kaigo rules decide (an import may recompute them; other kinds were set by hand). */
export const kaigoKinds: readonly string[] = ['visiting_nursing', 'visiting_rehab', 'care_management', 'care_service'];

/** Service names for the two MHLW files held only in derived form. */
export const DERIVED_SERVICE_NAMES = { '130': '訪問看護', '430': '居宅介護支援' } as const;

/**
 * File code by service name, as written in the files (NFKC-normalised keys). Names marked
 * "label" are the MHLW page's link labels: those files were not available to check.
 */
const SERVICE_CODES_BY_NAME: Readonly<Record<string, string>> = {
  訪問介護: '110', // label
  訪問入浴介護: '120',
  訪問看護: '130', // label
  訪問リハビリテーション: '140',
  通所介護: '150', // label
  指定療養通所介護: '155',
  療養通所介護: '155',
  通所リハビリテーション: '160',
  福祉用具貸与: '170',
  短期入所生活介護: '210', // label
  '短期入所療養介護(介護老人保健施設)': '220',
  '短期入所療養介護(療養病床を有する病院等)': '230',
  認知症対応型共同生活介護: '320', // label
  '特定施設入居者生活介護(有料老人ホーム)': '331',
  '特定施設入居者生活介護(軽費老人ホーム)': '332',
  '特定施設入居者生活介護(有料老人ホーム(サービス付き高齢者向け住宅))': '334',
  '特定施設入居者生活介護(有料老人ホーム(外部サービス利用型))': '335',
  '特定施設入居者生活介護(軽費老人ホーム(外部サービス利用型))': '336',
  '特定施設入居者生活介護(有料老人ホーム(サービス付き高齢者向け住宅(外部サービス利用型)))': '337',
  '地域密着型特定施設入居者生活介護(有料老人ホーム)': '361',
  '地域密着型特定施設入居者生活介護(軽費老人ホーム)': '362',
  '地域密着型特定施設入居者生活介護(有料老人ホーム(サービス付き高齢者向け住宅))': '364',
  特定福祉用具販売: '410',
  居宅介護支援: '430',
  介護老人福祉施設: '510', // label
  介護老人保健施設: '520',
  介護療養型医療施設: '530',
  地域密着型介護老人福祉施設入所者生活介護: '540',
  介護医療院: '550',
  '短期入所療養介護(介護医療院)': '551',
  夜間対応型訪問介護: '710',
  認知症対応型通所介護: '720',
  小規模多機能型居宅介護: '730',
  定期巡回・随時対応型訪問介護看護: '760',
  '看護小規模多機能型居宅介護(複合型サービス)': '770',
  地域密着型通所介護: '780', // label
};

/** The file code of a service name ("サービスの種類"), or null when unknown. */
export function serviceCodeByName(name: string): string | null {
  const key = name.normalize('NFKC').replace(/\s+/g, '');
  return SERVICE_CODES_BY_NAME[key] ?? null;
}

/** The file code in a file name such as jigyosho_130.csv or jigyosho_110_all_20260709180319.csv. */
export function serviceCodeFromFileName(fileName: string): string | null {
  return /jigyosho_(\d{3})(?:[_.]|$)/.exec(fileName)?.[1] ?? null;
}

/**
 * Order in which an office's services decide its primary service (kind, name, capacity):
 * residential/facility services first, then home-visit services, then the rest.
 */
export const SERVICE_PRIORITY: readonly string[] = [
  '520',
  '550',
  '530',
  '540',
  '331',
  '332',
  '334',
  '335',
  '336',
  '337',
  '361',
  '362',
  '364',
  '770',
  '730',
  '760',
  '710',
  '130',
  '140',
  '430',
  '160',
  '155',
  '720',
  '120',
  '220',
  '230',
  '551',
  '170',
  '410',
];

export function servicePriority(code: string): number {
  const index = SERVICE_PRIORITY.indexOf(code);
  return index === -1 ? SERVICE_PRIORITY.length : index;
}

/** Sorts services by priority (then code): the first one is the office's primary service. */
export function byServicePriority(a: { code: string }, b: { code: string }): number {
  return servicePriority(a.code) - servicePriority(b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Kind of an office from its number and primary service: 訪問看護 stations (3rd character 6)
 * and offices whose primary service is 訪問看護 → visiting_nursing; 訪問リハ → visiting_rehab
 * (an office whose primary service is a 老健 stays care_service); 居宅介護支援 → care_management.
 */
export function kaigoKind(careOfficeNumber: string, primaryServiceCode: string): KaigoKind {
  if (careOfficeNumber[2] === '6' || primaryServiceCode === '130') return 'visiting_nursing';
  if (primaryServiceCode === '140') return 'visiting_rehab';
  if (primaryServiceCode === '430') return 'care_management';
  return 'care_service';
}

/** Union of two service lists by code, sorted by code (the stored form). */
export function mergeServices(a: readonly KaigoService[], b: readonly KaigoService[]): KaigoService[] {
  const byCode = new Map<string, KaigoService>();
  for (const service of [...a, ...b]) if (!byCode.has(service.code)) byCode.set(service.code, service);
  return [...byCode.values()].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
}
