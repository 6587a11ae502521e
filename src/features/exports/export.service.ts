/**
 * The public directory in standard formats: HSDS 3.0 pages and FHIR R4 searches/reads over HTTP,
 * and the same documents written to files by `npm run renkei -- export hsds|fhir <dir>`.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import * as repository from './export.repository.js';
import {
  hsdsLocationId,
  hsdsPage,
  hsdsServiceId,
  toHsdsLocation,
  toHsdsOrganization,
  toHsdsService,
} from './hsds.presenter.js';
import { collectionBundle, fhirTypes, searchsetBundle, toFhirResource, type FhirType } from './fhir.presenter.js';
import type { ExportOptions } from './public-view.js';
import { intersection } from './fhir-search.js';

export const hsdsEntities = ['organizations', 'services', 'locations'] as const;
export type HsdsEntity = (typeof hsdsEntities)[number];

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fileBatchSize = 1000;

function scopeOfHsds(entity: HsdsEntity): repository.ExportScope {
  return entity === 'locations' ? 'located' : 'all';
}
/** The HSDS id of an organisation's service or location. */
function hsdsIdOf(entity: 'services' | 'locations', organizationId: string): string {
  return entity === 'services' ? hsdsServiceId(organizationId) : hsdsLocationId(organizationId);
}

/** Whether the organisation has a location (what the 'located' scope selects). */
function isLocated(row: repository.ExportRow): boolean {
  return row.address !== '' || row.lat !== null;
}

function scopeOfFhir(type: FhirType): repository.ExportScope {
  return type === 'Location' ? 'located' : 'all';
}

/** The export's folder or files cannot be written: a file in the way, no permission, a full disk. */
export class ExportWriteError extends Error {}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { syscall: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** A file-system failure at `target` as a Japanese message; anything else (the database …) unchanged. */
function asWriteError(target: string, error: unknown): unknown {
  if (!isFileSystemError(error)) return error;
  const reasons: Record<string, string> = {
    EEXIST: 'フォルダではなくファイルです。書き出し先にはフォルダ（新しく作るか、既存のもの）を指定してください',
    ENOTDIR: 'パスの途中がフォルダではなくファイルです。別のフォルダを指定してください',
    EISDIR: '書き出すファイルと同じ名前のフォルダがあります',
    EACCES: '書き込む権限がありません',
    EPERM: '書き込む権限がありません',
    EROFS: '読み取り専用の場所です',
    ENOSPC: 'ディスクの空きがありません',
    ENOENT: 'この場所にはフォルダを作れません',
  };
  const reason = (error.code ? reasons[error.code] : undefined) ?? `書き込めません（${error.code ?? error.message}）`;
  return new ExportWriteError(`書き出せません: ${target} — ${reason}。`);
}

/**
 * Creates `directory` and its missing parents one level at a time. Node 20's recursive mkdir never
 * returns for a path under /proc (and similar pseudo file systems); a plain mkdir fails at once.
 */
async function makeDirectory(directory: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(directory);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (missing.length === 0 && !statSync(current).isDirectory()) {
    throw Object.assign(new Error(`EEXIST: ${current}`), { code: 'EEXIST', syscall: 'mkdir' });
  }
  for (const level of missing) await mkdir(level);
}

/** Runs a file-system step, turning its failure into an ExportWriteError naming `target`. */
async function writingTo<T>(target: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asWriteError(target, error);
  }
}

/** What a FHIR directory search asked for (fhir.routes.ts reads it from the query string). */
export type FhirDirectorySearch = {
  count: number;
  offset: number;
  baseUrl: string;
  /** `_id`: each group the ids one occurrence allows ("or"); all groups apply ("and"). */
  ids?: string[][] | undefined;
  /** `organization` (HealthcareService, Location), as ids, grouped as `ids`. */
  organizationIds?: string[][] | undefined;
  /** `name`, `name:contains`, `name:exact`: one entry per occurrence. */
  names?: { match: repository.NameMatch; values: string[] }[] | undefined;
  /** The parameters as the search used them, for the Bundle's links. */
  parameters?: [string, string][] | undefined;
};

export type ExportDeps = { database: Database; clock: Clock; staleAfterDays: number };

export function createExportService(deps: ExportDeps) {
  const { database, clock } = deps;
  const options = (): ExportOptions => ({ now: clock.now(), staleAfterDays: deps.staleAfterDays });

  function presentHsds(entity: HsdsEntity, row: repository.ExportRow, exportOptions: ExportOptions) {
    switch (entity) {
      case 'organizations':
        return toHsdsOrganization(row);
      case 'services':
        return toHsdsService(row, exportOptions);
      case 'locations':
        return toHsdsLocation(row);
    }
  }

  /** One HSDS page (`page` from 1). */
  async function hsds(entity: HsdsEntity, page: number, perPage: number, search?: string) {
    const scope = scopeOfHsds(entity);
    const [total, rows] = await Promise.all([
      repository.countOrganizations(database.db, scope, search),
      repository.listOrganizations(database.db, { scope, offset: (page - 1) * perPage, limit: perPage, search }),
    ]);
    const exportOptions = options();
    return hsdsPage(
      rows.map((row) => presentHsds(entity, row, exportOptions)),
      total,
      page,
      perPage,
    );
  }

  /**
   * HSDS service and location ids are derived from the organisation's id (UUID v5), which SQL
   * cannot compute: the by-id reads look them up in a map of derived id → organisation id. An
   * organisation's id never changes, so an entry never goes stale (a disabled or removed
   * organisation is refused when its row is read); a miss rescans only the organisations
   * registered since the last scan, with a margin for transactions that committed late.
   */
  const derivedIds = new Map<string, string>();
  let scannedSince: Date | null = null;
  let scanning: Promise<void> | null = null;
  const lateCommitMarginMs = 10 * 60_000;

  async function scanDerivedIds(): Promise<void> {
    const rows = await repository.listOrganizationIdsSince(database.db, scannedSince);
    let latest = scannedSince;
    for (const row of rows) {
      derivedIds.set(hsdsServiceId(row.id), row.id);
      derivedIds.set(hsdsLocationId(row.id), row.id);
      if (!latest || row.createdAt > latest) latest = row.createdAt;
    }
    if (latest) scannedSince = new Date(latest.getTime() - lateCommitMarginMs);
  }

  async function organizationIdOfDerived(id: string): Promise<string | null> {
    const known = derivedIds.get(id);
    if (known) return known;
    // One scan at a time; callers arriving during it wait for it and look again.
    scanning ??= scanDerivedIds().finally(() => {
      scanning = null;
    });
    await scanning;
    return derivedIds.get(id) ?? null;
  }

  /** One HSDS record by id, in its full form (openapi.json /organizations/{id}, /services/{id}); null when unknown. */
  async function hsdsRead(entity: HsdsEntity, id: string): Promise<Record<string, unknown> | null> {
    if (!uuidPattern.test(id)) return null;
    const key = id.toLowerCase();
    const organizationId = entity === 'organizations' ? key : await organizationIdOfDerived(key);
    if (!organizationId) return null;
    if (entity !== 'organizations' && hsdsIdOf(entity, organizationId) !== key) return null;
    const row = await repository.findOrganization(database.db, organizationId, scopeOfHsds(entity));
    if (!row) return null;
    const exportOptions = options();
    const organization = toHsdsOrganization(row);
    const service = toHsdsService(row, exportOptions);
    const location = isLocated(row) ? toHsdsLocation(row) : null;
    switch (entity) {
      case 'organizations':
        return { ...organization, services: [service], locations: location ? [location] : [] };
      case 'services':
        return { ...service, organization };
      case 'locations':
        return toHsdsLocation(row);
    }
  }

  /**
   * A FHIR search of one type: a searchset Bundle. `_id` and `organization` narrow to those ids (the
   * three resources of an organisation share its id; ids that are not UUIDs match nothing), `name`
   * by the name or its reading; the self link keeps the parameters the search used.
   */
  async function fhirSearch(type: FhirType, input: FhirDirectorySearch) {
    const scope = scopeOfFhir(type);
    const idGroups = [...(input.ids ?? []), ...(input.organizationIds ?? [])];
    const ids = intersection(idGroups)?.map((id) => id.toLowerCase());
    const filter: repository.DirectoryFilter = {
      ids: ids?.filter((id) => uuidPattern.test(id)),
      names: input.names,
      nameOf: type === 'HealthcareService' ? 'service' : 'organization',
    };
    const [total, rows] = await Promise.all([
      repository.countOrganizations(database.db, scope, undefined, filter),
      repository.listOrganizations(database.db, { scope, offset: input.offset, limit: input.count, filter }),
    ]);
    const exportOptions = options();
    return searchsetBundle({
      resources: rows.map((row) => toFhirResource(type, row, exportOptions)),
      total,
      baseUrl: input.baseUrl,
      type,
      parameters: input.parameters ?? [],
      count: input.count,
      offset: input.offset,
    });
  }

  /** A FHIR read; null when there is no such (public, enabled) resource. */
  async function fhirRead(type: FhirType, id: string): Promise<Resource | null> {
    if (!uuidPattern.test(id)) return null;
    const row = await repository.findOrganization(database.db, id, scopeOfFhir(type));
    return row ? toFhirResource(type, row, options()) : null;
  }

  /** Every row of a scope, in batches (the national directory does not fit one query comfortably). */
  async function* allRows(scope: repository.ExportScope) {
    let after: { name: string; id: string } | undefined;
    for (;;) {
      const rows = await repository.listOrganizations(database.db, { scope, after, limit: fileBatchSize });
      yield rows;
      const last = rows[rows.length - 1];
      if (!last || rows.length < fileBatchSize) return;
      after = { name: last.name, id: last.id };
    }
  }

  /** Writes `prefix`, the items as JSON separated by commas, then `suffix`. Returns the count. */
  async function writeJsonList(file: string, prefix: string, suffix: string, batches: AsyncIterable<unknown[]>) {
    const handle = await open(file, 'w');
    let written = 0;
    try {
      await handle.write(prefix);
      for await (const items of batches) {
        // One write per batch: the national directory has tens of thousands of items.
        const text = items
          .map((item, index) => `${written + index > 0 ? ',\n' : '\n'}${JSON.stringify(item)}`)
          .join('');
        await handle.write(text);
        written += items.length;
      }
      await handle.write(`${written > 0 ? '\n' : ''}${suffix}`);
    } finally {
      await handle.close();
    }
    return written;
  }

  /** organizations.json, services.json, locations.json: JSON arrays of the HSDS objects. */
  async function writeHsdsFiles(directory: string): Promise<{ file: string; count: number }[]> {
    await writingTo(directory, () => makeDirectory(directory));
    const exportOptions = options();
    const results: { file: string; count: number }[] = [];
    for (const entity of hsdsEntities) {
      const file = path.join(directory, `${entity}.json`);
      const batches = (async function* () {
        for await (const rows of allRows(scopeOfHsds(entity)))
          yield rows.map((row) => presentHsds(entity, row, exportOptions));
      })();
      results.push({ file, count: await writingTo(file, () => writeJsonList(file, '[', ']\n', batches)) });
    }
    return results;
  }

  /** Organization.json, Location.json, HealthcareService.json: one collection Bundle each. */
  async function writeFhirFiles(directory: string, baseUrl: string): Promise<{ file: string; count: number }[]> {
    await writingTo(directory, () => makeDirectory(directory));
    const exportOptions = options();
    const results: { file: string; count: number }[] = [];
    for (const type of fhirTypes) {
      const file = path.join(directory, `${type}.json`);
      const { entry: _none, ...empty } = collectionBundle([], baseUrl, exportOptions.now);
      if ((await repository.countOrganizations(database.db, scopeOfFhir(type))) === 0) {
        // FHIR JSON has no empty arrays: a bundle without entries has no `entry`.
        await writingTo(file, () => writeFile(file, `${JSON.stringify(empty)}\n`));
        results.push({ file, count: 0 });
        continue;
      }
      const head = JSON.stringify(empty).slice(0, -1);
      const batches = (async function* () {
        for await (const rows of allRows(scopeOfFhir(type))) {
          yield rows.map(
            (row) =>
              collectionBundle([toFhirResource(type, row, exportOptions)], baseUrl, exportOptions.now).entry?.[0],
          );
        }
      })();
      results.push({
        file,
        count: await writingTo(file, () => writeJsonList(file, `${head},"entry":[`, ']}\n', batches)),
      });
    }
    return results;
  }

  return { hsds, hsdsRead, fhirSearch, fhirRead, writeHsdsFiles, writeFhirFiles };
}

export type ExportService = ReturnType<typeof createExportService>;
