/**
 * Directory imports against a real database (PGlite and PostgreSQL): all-or-nothing, dry run,
 * idempotence, updates that leave the providers' own profile alone, merging of offices, Shift_JIS,
 * wrong formats — and the national 訪問看護 file, timed, in a database of its own.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { areas, auditEvents, organizations } from '../../db/schema.js';
import { migrate, openDatabase, type Database } from '../../db/client.js';
import { projectPath } from '../../platform/paths.js';
import { okayamaFiles } from '../seed/okayama-files.js';
import { ImportFormatError, type ImportFormat } from '../../domain/imports/import-types.js';
import { MHLW_KAIGO_COLUMNS } from '../../domain/imports/mhlw-kaigo.js';
import { startTestApp, testDatabaseKind, type TestApp } from '../../../test/helpers/test-app.js';
import { buildOrganization } from '../../../test/helpers/factories.js';
import { createImportService, type ImportOptions } from './import.service.js';

const cliContext = { actor: null, requestId: 'test-import', ip: 'cli' };

/** Codes that no real organisation has: 事業所番号 with X in 3rd place, 医療機関コード 3319xxxxxx. */
const careNumber = (): string => `33X${String(randomInt(10_000_000)).padStart(7, '0')}`;
const medicalCode = (): string => `33199${String(randomInt(100_000)).padStart(5, '0')}`;

const templateHeader =
  'kind,name,name_kana,medical_institution_code,care_office_number,address,phone,groups,available_24h';

function kaigoRow(values: { number: string; name: string; service: string; file?: string }): string {
  const cells: Record<string, string> = {
    都道府県コード又は市町村コード: '331015',
    No: values.number,
    都道府県名: '岡山県',
    市区町村名: '岡山市北区',
    事業所名: values.name,
    サービスの種類: values.service,
    住所: '大供1-1-1',
    緯度: '34.6551',
    経度: '133.9195',
    電話番号: '086-000-1111',
    事業所番号: values.number,
  };
  return MHLW_KAIGO_COLUMNS.map((name) => cells[name] ?? '').join(',');
}
const kaigoFile = (...rows: string[]): string => [MHLW_KAIGO_COLUMNS.join(','), ...rows].join('\r\n');

describe('directory imports', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  function run(format: ImportFormat, text: string | Uint8Array, options: Partial<ImportOptions> = {}) {
    const service = createImportService({ database: app.database, clock: app.clock });
    return service.importFile(
      {
        format,
        fileName: options.fileName ?? `${randomUUID()}.csv`,
        bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
        encoding: options.encoding ?? 'auto',
        dryRun: options.dryRun ?? false,
        skipInvalid: options.skipInvalid ?? false,
      },
      cliContext,
    );
  }

  async function byCareNumber(number: string) {
    return app.database.db.select().from(organizations).where(eq(organizations.careOfficeNumber, number));
  }
  async function byMedicalCode(code: string) {
    return app.database.db.select().from(organizations).where(eq(organizations.medicalInstitutionCode, code));
  }

  it('imports a template file, records one audit row, and a second run changes nothing', async () => {
    const code = medicalCode();
    const number = careNumber();
    const fileName = `members-${randomUUID()}.csv`;
    const text = [
      templateHeader,
      `clinic,テスト在宅クリニック,テストザイタク,${code},,岡山市北区大供1-1-1,086-000-0001,elderly;cancer,true`,
      `visiting_nursing,"テスト訪問看護, 中央",,,${number},"岡山市中区国富1-14-8",,,`,
    ].join('\r\n');

    const first = await run('renkei-csv', text, { fileName });
    expect(first).toMatchObject({ outcome: 'imported', inserted: 2, updated: 0, unchanged: 0, rejected: [] });
    const [clinic] = await byMedicalCode(code);
    expect(clinic).toMatchObject({
      kind: 'clinic',
      areaCode: '33101',
      groups: ['cancer', 'elderly'],
      isAvailable24h: true,
      source: 'manual',
      version: 1,
    });
    expect(clinic?.lat).not.toBeNull(); // located offline from the address
    const [nursing] = await byCareNumber(number);
    expect(nursing).toMatchObject({ name: 'テスト訪問看護, 中央', areaCode: '33102' });

    const audit = await app.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'import'), sql`${auditEvents.details}->>'file' = ${fileName}`));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'organization', details: { format: 'renkei-csv', inserted: 2 } });

    const second = await run('renkei-csv', text, { fileName });
    expect(second).toMatchObject({ outcome: 'imported', inserted: 0, updated: 0, unchanged: 2 });
    expect((await byMedicalCode(code))[0]?.version).toBe(1);
  });

  it('writes nothing when one row is invalid, and names that row and its reason', async () => {
    const good = careNumber();
    const text = kaigoFile(
      kaigoRow({ number: good, name: '正しい事業所', service: '訪問入浴介護' }),
      kaigoRow({ number: '33X12', name: '誤った番号', service: '訪問入浴介護' }),
    );
    const report = await run('mhlw-kaigo', text);
    expect(report.outcome).toBe('rejected');
    expect(report.rejected).toEqual([{ line: 3, reason: '事業所番号が10桁ではありません（「33X12」）' }]);
    expect(report.inserted).toBe(0);
    expect(await byCareNumber(good)).toHaveLength(0);

    // --skip-invalid: the valid row goes in, the other is reported.
    const skipped = await run('mhlw-kaigo', text, { skipInvalid: true });
    expect(skipped).toMatchObject({ outcome: 'imported', inserted: 1 });
    expect(skipped.rejected.map((problem) => problem.line)).toEqual([3]);
    expect(await byCareNumber(good)).toHaveLength(1);
  });

  it('reports in one run both a row refused by its content and one refused against the database', async () => {
    const first = careNumber();
    const second = careNumber();
    await run(
      'mhlw-kaigo',
      kaigoFile(
        kaigoRow({ number: first, name: '一つ目の事業所', service: '訪問入浴介護' }),
        kaigoRow({ number: second, name: '二つ目の事業所', service: '訪問入浴介護' }),
      ),
    );
    const header =
      'kind,name,address,medical_institution_code,care_office_number,source_key,lat,lng,groups,procedures,available_24h,coverage_radius_km,phone,url,area_code';
    const text = [
      header,
      'clinc,種別違い,岡山市北区大供1-1-1,,,test:kind-typo,,,,,,,,,',
      `care_service,二つを指す行,岡山市北区大供1-1-1,,${first},kaigo:${second},,,,,,,,,`,
    ].join('\n');
    const report = await run('renkei-csv', text);
    expect(report.outcome).toBe('rejected');
    expect(report.rejected.map((problem) => problem.line)).toEqual([2, 3]);
    expect(report.rejected[1]?.reason).toMatch(/別々の組織/);
  });

  it('changes nothing in a dry run, yet reports what it would do', async () => {
    const number = careNumber();
    const text = kaigoFile(kaigoRow({ number, name: '試行の事業所', service: '訪問入浴介護' }));
    const report = await run('mhlw-kaigo', text, { dryRun: true, fileName: 'jigyosho_120.csv' });
    expect(report).toMatchObject({ outcome: 'dry_run', inserted: 1, updated: 0 });
    expect(report.changes).toEqual([{ line: 2, action: 'insert', name: '試行の事業所', changedFields: [] }]);
    expect(await byCareNumber(number)).toHaveLength(0);
  });

  it('updates a renamed office without touching what the provider keeps (profile, availability, professional phone)', async () => {
    const number = careNumber();
    const fileName = 'jigyosho_120.csv';
    await run('mhlw-kaigo', kaigoFile(kaigoRow({ number, name: '旧名称', service: '訪問入浴介護' })), { fileName });
    const [before] = await byCareNumber(number);
    const declaredAt = new Date('2026-11-01T01:00:00Z');
    await app.database.db
      .update(organizations)
      .set({
        groups: ['dementia'],
        procedures: ['suction'],
        isAvailable24h: true,
        coverageRadiusKm: 7,
        professionalPhone: '090-0000-0000',
        availabilityStatus: 'limited',
        freeSlots: 2,
        availabilityNote: '平日のみ',
        availabilityUpdatedAt: declaredAt,
      })
      .where(eq(organizations.careOfficeNumber, number));
    app.clock.advance(60_000);

    const report = await run('mhlw-kaigo', kaigoFile(kaigoRow({ number, name: '新名称', service: '訪問入浴介護' })), {
      fileName,
      dryRun: true,
    });
    expect(report.changes).toEqual([{ line: 2, action: 'update', name: '新名称', changedFields: ['name'] }]);
    const applied = await run('mhlw-kaigo', kaigoFile(kaigoRow({ number, name: '新名称', service: '訪問入浴介護' })), {
      fileName,
    });
    expect(applied).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const [after] = await byCareNumber(number);
    expect(after).toMatchObject({
      name: '新名称',
      searchText: expect.stringContaining('新名称') as unknown,
      groups: ['dementia'],
      procedures: ['suction'],
      isAvailable24h: true,
      coverageRadiusKm: 7,
      professionalPhone: '090-0000-0000',
      availabilityStatus: 'limited',
      freeSlots: 2,
      availabilityNote: '平日のみ',
      availabilityUpdatedAt: declaredAt,
      version: (before?.version ?? 0) + 1,
      updatedAt: app.clock.now(),
    });
  });

  it('makes one organisation of an office found in two service files, and attaches a みなし office to its institution', async () => {
    const number = careNumber();
    await run('mhlw-kaigo', kaigoFile(kaigoRow({ number, name: 'テスト老健', service: '介護老人保健施設' })), {
      fileName: 'jigyosho_520.csv',
    });
    await run(
      'mhlw-kaigo',
      kaigoFile(kaigoRow({ number, name: 'テスト老健 訪問リハ', service: '訪問リハビリテーション' })),
      {
        fileName: 'jigyosho_140.csv',
      },
    );
    const offices = await byCareNumber(number);
    expect(offices).toHaveLength(1);
    expect(offices[0]).toMatchObject({ name: 'テスト老健', kind: 'care_service' });
    expect(offices[0]?.kaigoServices.map((service) => service.code)).toEqual(['140', '520']);

    const code = medicalCode();
    await run(
      'med-inst-codes',
      `${code.slice(0, 2)}${code.slice(3)},${code.slice(3)},テスト整形外科医院,7000913,岡山市北区大供2-2-2\n`,
    );
    await run(
      'mhlw-kaigo',
      kaigoFile(kaigoRow({ number: code, name: 'テスト整形外科医院 訪問リハ', service: '訪問リハビリテーション' })),
      {
        fileName: 'jigyosho_140.csv',
      },
    );
    const institutions = await byMedicalCode(code);
    expect(institutions).toHaveLength(1);
    expect(institutions[0]).toMatchObject({
      name: 'テスト整形外科医院',
      kind: 'clinic',
      careOfficeNumber: code,
      phone: '086-000-1111',
      geocodePrecision: 'source',
      source: 'med-inst-codes',
    });
    expect(await byCareNumber(code)).toHaveLength(1);
  });

  it('reads a Shift_JIS (CP932) file as well as UTF-8', async () => {
    const number = careNumber();
    const text = [templateHeader, `care_management,髙橋ケアプランセンター①,,,${number},岡山市南区藤田1,,,`].join(
      '\r\n',
    );
    const report = await run('renkei-csv', iconv.encode(text, 'cp932'));
    expect(report).toMatchObject({ encoding: 'Shift_JIS (CP932)', inserted: 1 });
    expect((await byCareNumber(number))[0]?.name).toBe('髙橋ケアプランセンター1');
  });

  it('refuses a Shift_JIS file read as UTF-8 (--encoding utf8) instead of importing garbled names', async () => {
    const number = careNumber();
    const text = [templateHeader, `care_management,髙橋ケアプランセンター,,,${number},岡山市南区藤田1,,,`].join('\r\n');
    const sjis = iconv.encode(text, 'cp932');
    await expect(run('renkei-csv', sjis, { encoding: 'utf8' })).rejects.toThrow(ImportFormatError);
    await expect(run('renkei-csv', sjis, { encoding: 'utf8' })).rejects.toThrow(
      /2行目に UTF-8 として読めない文字があります。.*--encoding sjis/,
    );
    // And the other way round: a UTF-8 file read as Shift_JIS.
    const utf8 = Buffer.from(text.replace('髙橋', 'テスト'), 'utf8');
    await expect(run('renkei-csv', utf8, { encoding: 'sjis' })).rejects.toThrow(/--encoding utf8/);
    expect(await byCareNumber(number)).toHaveLength(0);

    // Detected on its own, the same file imports with the right names.
    const detected = await run('renkei-csv', sjis);
    expect(detected).toMatchObject({ encoding: 'Shift_JIS (CP932)', inserted: 1 });
    expect((await byCareNumber(number))[0]?.name).toBe('髙橋ケアプランセンター');
  });

  it('detects UTF-8 with a BOM', async () => {
    const number = careNumber();
    const text = [templateHeader, `care_management,BOM付きケアプランセンター,,,${number},岡山市南区藤田1,,,`].join(
      '\r\n',
    );
    const report = await run('renkei-csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(report).toMatchObject({ encoding: 'UTF-8 (BOM付き)', inserted: 1 });
    expect((await byCareNumber(number))[0]?.name).toBe('BOM付きケアプランセンター');
  });

  it('locates addresses as the search page does (no 岡山市, a leading postal code) and names the rows it cannot', async () => {
    const [withoutCity, withPostalCode, nowhere] = [careNumber(), careNumber(), careNumber()];
    const text = [
      templateHeader,
      `care_management,市名なし居宅介護支援,,,${withoutCity},東区瀬戸町瀬戸45,,,`,
      `care_management,郵便番号つき居宅介護支援,,,${withPostalCode},〒701-0205 岡山市南区妹尾880,,,`,
      `care_management,所在不明居宅介護支援,,,${nowhere},架空の町1-2-3,,,`,
    ].join('\r\n');

    const dryRun = await run('renkei-csv', text, { dryRun: true });
    expect(dryRun.warnings).toEqual([
      { line: 4, reason: expect.stringContaining('「架空の町1-2-3」から位置を特定できませんでした') as unknown },
    ]);

    const report = await run('renkei-csv', text);
    expect(report).toMatchObject({ outcome: 'imported', inserted: 3 });
    expect(report.warnings.map((warning) => warning.line)).toEqual([4]);
    expect((await byCareNumber(withoutCity))[0]).toMatchObject({ areaCode: '33103', geocodePrecision: 'machiaza' });
    expect((await byCareNumber(withoutCity))[0]?.lat).not.toBeNull();
    expect((await byCareNumber(withPostalCode))[0]).toMatchObject({ areaCode: '33104', geocodePrecision: 'machiaza' });
    expect((await byCareNumber(nowhere))[0]).toMatchObject({ lat: null, lng: null, areaCode: null });

    // A second run changes nothing, and still says which organisation has no point.
    const second = await run('renkei-csv', text);
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect(second.warnings.map((warning) => warning.line)).toEqual([4]);
  });

  it('refuses a template row outside the city or contradicting its area_code, and warns of a ward-level location', async () => {
    const [contradicting, outside, wardOnly, fine] = [careNumber(), careNumber(), careNumber(), careNumber()];
    const header = 'kind,name,care_office_number,area_code,address';
    const text = [
      header,
      `clinic,区違い診療所,${contradicting},33103,"岡山市北区御津金川1,2"`,
      `care_management,市外居宅介護支援,${outside},,倉敷市水島1`,
      `care_management,区だけ居宅介護支援,${wardOnly},,岡山市北区架空町100`,
      `care_management,灘崎居宅介護支援,${fine},33104,岡山市南区灘崎町片岡100`,
    ].join('\r\n');

    const refused = await run('renkei-csv', text);
    expect(refused.outcome).toBe('rejected');
    expect(refused.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/area_code 33103（岡山市東区）.*御津金川.*（岡山市北区）/) as unknown },
      { line: 3, reason: expect.stringContaining('「倉敷市水島1」は岡山市外（倉敷市）') as unknown },
    ]);
    expect(await byCareNumber(contradicting)).toEqual([]);
    // The report counts the organisations that pass every check: 2 of the 4 rows.
    expect(refused).toMatchObject({ dataRows: 4, records: 2 });

    const report = await run('renkei-csv', text, { skipInvalid: true });
    expect(report).toMatchObject({ outcome: 'imported', inserted: 2 });
    expect(report.warnings).toEqual([
      { line: 4, reason: expect.stringContaining('岡山市北区までしか特定できず') as unknown },
    ]);
    expect(await byCareNumber(outside)).toEqual([]);
    expect((await byCareNumber(wardOnly))[0]).toMatchObject({ areaCode: '33101', geocodePrecision: 'ward' });
    expect((await byCareNumber(fine))[0]).toMatchObject({ areaCode: '33104', geocodePrecision: 'machiaza' });
  });

  it('warns of a new row that an organisation registered by hand without a code already seems to be', async () => {
    const suffix = randomUUID().slice(0, 6);
    await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      name: `ひかり訪問看護ステーション${suffix}`,
      address: '岡山市南区妹尾2000',
    });
    const number = careNumber();
    const text = [
      'kind,name,care_office_number,address',
      // Written in full width: the same name to a person.
      `visiting_nursing,ひかり訪問看護ステーション${suffix.replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))},${number},岡山市南区妹尾2000`,
      `visiting_nursing,べつの訪問看護ステーション${suffix},${careNumber()},岡山市南区妹尾2001`,
    ].join('\r\n');
    const report = await run('renkei-csv', text, { dryRun: true });
    expect(report).toMatchObject({ outcome: 'dry_run', inserted: 2 });
    expect(report.warnings).toEqual([
      {
        line: 2,
        reason: expect.stringMatching(
          /公式コードなしで登録されています（岡山市南区妹尾2000）。同じ組織なら/,
        ) as unknown,
      },
    ]);
  });

  it('warns when a row found by its code changes the organisation’s kind', async () => {
    const number = careNumber();
    const suffix = randomUUID().slice(0, 6);
    const file = (kind: string) =>
      ['kind,name,care_office_number,address', `${kind},あけぼの${suffix},${number},岡山市北区大供1-1-1`].join('\r\n');
    expect((await run('renkei-csv', file('visiting_nursing'))).warnings).toEqual([]);
    const changed = await run('renkei-csv', file('care_management'), { dryRun: true });
    expect(changed).toMatchObject({ updated: 1 });
    expect(changed.warnings).toEqual([
      {
        line: 2,
        reason: expect.stringContaining(
          'の種別が「訪問看護ステーション」から「居宅介護支援事業所」に変わります',
        ) as unknown,
      },
    ]);
  });

  it('refuses a file of another format with a message naming the expected one, and imports nothing', async () => {
    const code = medicalCode();
    const text = `med_code9,med_code7,name,postal_code,address\n${code.slice(0, 2)}${code.slice(3)},${code.slice(3)},形式違い医院,7000913,岡山市北区1\n`;
    await expect(run('mhlw-kaigo', text)).rejects.toThrow(ImportFormatError);
    await expect(run('mhlw-kaigo', text)).rejects.toThrow(
      /介護サービス情報公表システムのオープンデータ CSV.*med-inst-codes の形式です/,
    );
    await expect(run('med-inst-codes', Buffer.from('PK\u0003\u0004zip', 'latin1'))).rejects.toThrow(/展開して/);
    expect(await byMedicalCode(code)).toHaveLength(0);
  });

  it('refuses a file with its heading only as empty, not as "0 added"', async () => {
    await expect(run('renkei-csv', `${templateHeader}\r\n`)).rejects.toThrow(
      '見出し行のほかにデータ行がありません。ファイルの中身を確かめてください。',
    );
  });
});

/**
 * The national 訪問看護 file (17,958 offices) in a database of its own, so the shared test database
 * of the PostgreSQL run keeps its size. Timed for the report; no timing assertion (bench/ has those).
 */
describe('national file import', () => {
  let database: Database;
  let cleanup: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    if (testDatabaseKind() === 'postgresql') {
      const name = `renkei_import_${process.pid}_${Date.now()}`;
      const url = new URL(inject('postgresUrl'));
      url.pathname = '/postgres';
      const adminUrl = url.toString();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      url.pathname = `/${name}`;
      database = await openDatabase({ kind: 'postgresql', url: url.toString() }, { poolSize: 4 });
      cleanup = async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: adminUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await dropper.end();
      };
    } else {
      database = await openDatabase({ kind: 'pglite', dataDir: null });
      cleanup = () => database.close();
    }
    await migrate(database);
    for (const area of [...okayamaFiles.areas()].sort(
      (a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null),
    )) {
      await database.db.insert(areas).values({
        code: area.code,
        code6: area.code6,
        name: area.name,
        fullName: area.fullName,
        kind: area.kind,
        parentCode: area.parentCode,
        centroidLat: area.centroid?.lat ?? null,
        centroidLng: area.centroid?.lng ?? null,
        source: 'geo-boundaries',
      });
    }
  });
  afterAll(async () => {
    await cleanup();
  });

  it('imports data/national/houmon-kango-national.csv.gz (17,958 rows), then finds nothing to change', async () => {
    const service = createImportService({ database, clock: { now: () => new Date() } });
    const options: ImportOptions = {
      format: 'mhlw-kaigo',
      fileName: 'houmon-kango-national.csv.gz',
      bytes: readFileSync(projectPath('data/national/houmon-kango-national.csv.gz')),
      encoding: 'auto',
      dryRun: false,
      skipInvalid: false,
    };
    const first = await service.importFile(options, cliContext);
    const second = await service.importFile(options, cliContext);
    console.log(
      `[${testDatabaseKind()}] national 訪問看護 import: ${first.dataRows} rows → ${first.inserted} inserted in ${first.elapsedMs} ms; ` +
        `second run ${second.unchanged} unchanged in ${second.elapsedMs} ms; ${first.warnings.length} warnings`,
    );
    expect(first).toMatchObject({ outcome: 'imported', dataRows: 17_958, inserted: 17_958, rejected: [] });
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 17_958 });
    const [counted] = await database.query<{ total: number }>(sql`select count(*)::int as total from organizations`);
    expect(counted?.total).toBe(17_958);
    const inCity = await database.query<{ total: number }>(
      sql`select count(*)::int as total from organizations where area_code is not null`,
    );
    expect(inCity[0]?.total).toBe(103); // 岡山市 (SOURCES: 102 + the misspelt 3360191021)
  }, 180_000);
});
