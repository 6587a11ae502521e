/**
 * Keeps this server instance's in-memory directory index in step with the database. Before each
 * search it reads the directory revision (one indexed query); if another instance (or this one)
 * changed organisations since, it applies those rows — in place when it can, by a rebuild when an
 * organisation appeared, moved or was disabled. No instance ever serves a stale index.
 */
import type { Database } from '../../db/client.js';
import { DirectoryIndex, type DirectoryEntry } from '../../domain/directory/search-index.js';
import type {
  AvailabilityStatus,
  HomeCareSupportClinicType,
  OrganizationKind,
  PatientGroup,
  Procedure,
} from '../../domain/codes.js';
import * as repository from './directory-index.repository.js';
import { toJstIsoOrNull } from '../../platform/time.js';

function toEntry(row: repository.IndexRow): DirectoryEntry | null {
  if (row.isDisabled || row.lat === null || row.lng === null) return null;
  return {
    id: row.id,
    lat: row.lat,
    lng: row.lng,
    kind: row.kind as OrganizationKind,
    areaCode: row.areaCode,
    groups: row.groups as PatientGroup[],
    procedures: row.procedures as Procedure[],
    isAvailable24h: row.isAvailable24h,
    coverageRadiusKm: row.coverageRadiusKm,
    coverageAreaCodes: row.coverageAreaCodes,
    availabilityStatus: row.availabilityStatus as AvailabilityStatus | null,
    availabilityUpdatedAt: row.availabilityUpdatedAt?.getTime() ?? null,
    homeCareSupportClinic: row.homeCareSupportClinic as HomeCareSupportClinicType | null,
    isHomeVisitOnly: row.isHomeVisitOnly,
  };
}

/** What a search shows of an organisation besides the index fields, its update time already formatted. */
export type ShownRow = repository.IndexRow & { availabilityUpdatedAtJst: string | null };

function shown(row: repository.IndexRow): ShownRow {
  return { ...row, availabilityUpdatedAtJst: toJstIsoOrNull(row.availabilityUpdatedAt) };
}

export function createDirectoryIndexService(database: Database) {
  let index: DirectoryIndex | null = null;
  let entries = new Map<string, DirectoryEntry>();
  /** What search results show besides the index fields (name, address, …), by id. */
  let rows = new Map<string, ShownRow>();
  let knownRevision = -1;
  let running: Promise<DirectoryIndex> | null = null;
  let queued: Promise<DirectoryIndex> | null = null;

  /**
   * Callers arriving during a sync wait for the next one, so none misses an earlier commit.
   * Inside a transaction the index is returned as last synced (the request synced it before
   * opening its transaction; PGlite cannot run a second query while one is open).
   */
  function current(): Promise<DirectoryIndex> {
    if (database.isInsideTransaction()) {
      if (!index)
        return Promise.reject(
          new Error('directory index used inside a transaction before it was built: call warm() at start-up'),
        );
      return Promise.resolve(index);
    }
    if (!running) {
      running = sync().finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return current();
      });
    return queued;
  }

  async function rebuild(): Promise<void> {
    const revision = await repository.currentRevision(database.db);
    const loaded = await repository.loadAll(database.db);
    entries = new Map();
    rows = new Map();
    for (const row of loaded) {
      const entry = toEntry(row);
      if (!entry) continue;
      entries.set(entry.id, entry);
      rows.set(entry.id, shown(row));
    }
    index = new DirectoryIndex([...entries.values()]);
    // Rows committed after `revision` was read are caught by the next sync (revision > known).
    knownRevision = revision;
  }

  async function sync(): Promise<DirectoryIndex> {
    const revision = await repository.currentRevision(database.db);
    if (index && revision === knownRevision) return index;
    if (!index) {
      await rebuild();
      return index as unknown as DirectoryIndex;
    }
    const changed = await repository.loadChangedSince(database.db, knownRevision);
    let needsRebuild = false;
    for (const row of changed) {
      const entry = toEntry(row);
      const wasIndexed = index.has(row.id);
      if (entry === null) {
        if (wasIndexed) needsRebuild = true;
        entries.delete(row.id);
        rows.delete(row.id);
        continue;
      }
      entries.set(entry.id, entry);
      rows.set(entry.id, shown(row));
      if (!index.update(entry)) needsRebuild = true;
    }
    if (needsRebuild) index = new DirectoryIndex([...entries.values()]);
    knownRevision = changed.reduce((highest, row) => Math.max(highest, row.revision), knownRevision);
    return index;
  }

  return {
    /** The index, current with every change committed before this call. */
    current,
    /** Builds the index (start-up), so searches and transactions never wait for the first build. */
    warm: async () => {
      await current();
    },
    entry(id: string): DirectoryEntry | undefined {
      return entries.get(id);
    },
    row(id: string): ShownRow | undefined {
      return rows.get(id);
    },
  };
}

export type DirectoryIndexService = ReturnType<typeof createDirectoryIndexService>;
