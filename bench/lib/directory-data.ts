/**
 * Data sets of benchmark W1 (directory search): the real points of Okayama City (the reference
 * data, data/okayama) and a national-scale set — the MHLW national files of visiting-nursing
 * stations and care-management offices (data/national, or ../shared/data/kaigo-derived) plus
 * synthetic clinics placed around real points up to 200,000 points. The real files carry no
 * capabilities or availability, so every organisation gets a synthetic but deterministic profile
 * (seeded by its key) drawn from the frequencies below.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { parseCsvObjects } from '../../src/domain/imports/csv.js';
import type { DirectoryEntry } from '../../src/domain/directory/search-index.js';
import {
  patientGroups,
  procedures,
  type AvailabilityStatus,
  type OrganizationKind,
  type PatientGroup,
  type Procedure,
} from '../../src/domain/codes.js';
import { projectRoot } from './renkei.js';

const dayMs = 24 * 60 * 60 * 1000;

/** mulberry32 seeded by an FNV-1a hash of a text: the same key always draws the same profile. */
export function randomFor(key: string) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  let state = hash >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
    chance: (probability: number) => next() < probability,
    /** Standard normal (Box–Muller). */
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

/** How often each capability is declared (independent draws). */
export const groupFrequency: Record<PatientGroup, number> = {
  elderly: 0.9,
  pediatric_medical_care: 0.05,
  cancer: 0.45,
  terminal_care: 0.4,
  intractable_disease: 0.2,
  dementia: 0.6,
  psychiatric: 0.15,
  disability: 0.25,
};
export const procedureFrequency: Record<Procedure, number> = {
  home_oxygen: 0.6,
  ventilator: 0.1,
  tracheostomy: 0.15,
  suction: 0.5,
  tube_feeding: 0.45,
  central_venous_nutrition: 0.12,
  opioid_pain_control: 0.3,
  urinary_catheter: 0.5,
  pressure_ulcer: 0.55,
  dialysis: 0.02,
  rehabilitation: 0.35,
  stoma: 0.3,
  insulin: 0.5,
};

export type Profile = {
  groups: PatientGroup[];
  procedures: Procedure[];
  isAvailable24h: boolean;
  coverageRadiusKm: number | null;
  coverageAreaCodes: string[];
  availabilityStatus: AvailabilityStatus | null;
  freeSlots: number | null;
  availabilityUpdatedAt: Date | null;
};

const cityWards = ['33101', '33102', '33103', '33104'];

/**
 * A synthetic profile: groups and procedures by the frequencies above, 24 h in 40 %, a coverage
 * radius of 5–25 km in half of the organisations (and, in Okayama City, one or two covered wards
 * in 10 %), availability accepting 45 % / limited 20 % / full 20 % / never declared 15 %, fresh
 * (0–10 days old) in 75 % of the declared and stale (20–60 days) in the rest — far from the
 * 14-day limit, so the runner and the server agree on freshness whatever the clock says.
 */
export function profileFor(key: string, areaCode: string | null, now: number): Profile {
  const random = randomFor(`w1:${key}`);
  const groups = patientGroups.filter((group) => random.chance(groupFrequency[group]));
  const list = procedures.filter((procedure) => random.chance(procedureFrequency[procedure]));
  const isAvailable24h = random.chance(0.4);
  const coverageRadiusKm = random.chance(0.5) ? random.between(5, 25) : null;
  const coverageAreaCodes =
    areaCode && cityWards.includes(areaCode) && random.chance(0.1)
      ? cityWards.filter((ward) => ward === areaCode || random.chance(0.3)).slice(0, 2)
      : [];
  const draw = random.next();
  const availabilityStatus: AvailabilityStatus | null =
    draw < 0.45 ? 'accepting' : draw < 0.65 ? 'limited' : draw < 0.85 ? 'full' : null;
  const ageDays = random.chance(0.75) ? random.next() * 10 : 20 + random.next() * 40;
  return {
    groups,
    procedures: list,
    isAvailable24h,
    coverageRadiusKm,
    coverageAreaCodes,
    availabilityStatus,
    freeSlots: availabilityStatus === null ? null : availabilityStatus === 'full' ? 0 : random.between(1, 5),
    availabilityUpdatedAt: availabilityStatus === null ? null : new Date(Math.round(now - ageDays * dayMs)),
  };
}

export type QueryPoint = { lat: number; lng: number };

/** 町丁目 points of the four wards (data/okayama/machiaza.json): where city patients live. */
export function cityQueryPoints(): (QueryPoint & { areaCode: string })[] {
  const towns = JSON.parse(readFileSync(path.join(projectRoot, 'data/okayama/machiaza.json'), 'utf8')) as {
    lgCode5: string;
    lat: number;
    lng: number;
  }[];
  return towns
    .filter((town) => cityWards.includes(town.lgCode5))
    .map(({ lat, lng, lgCode5 }) => ({ lat, lng, areaCode: lgCode5 }));
}

export type NationalPoint = {
  key: string;
  kind: OrganizationKind;
  name: string;
  address: string;
  lat: number;
  lng: number;
};

export type NationalFiles = { directory: string; points: NationalPoint[] };

/**
 * The national MHLW files: data/national (a copy kept in the repository) or
 * ../shared/data/kaigo-derived when present; null when neither is there.
 */
export function readNationalFiles(): NationalFiles | null {
  const candidates = [
    path.join(projectRoot, 'data/national'),
    path.resolve(projectRoot, '../shared/data/kaigo-derived'),
  ];
  const files = [
    { file: 'houmon-kango-national.csv.gz', kind: 'visiting_nursing' as const },
    { file: 'kyotaku-kaigo-shien-national.csv.gz', kind: 'care_management' as const },
  ];
  const directory = candidates.find((candidate) => files.every(({ file }) => existsSync(path.join(candidate, file))));
  if (!directory) return null;
  const points: NationalPoint[] = [];
  for (const { file, kind } of files) {
    const text = gunzipSync(readFileSync(path.join(directory, file))).toString('utf8');
    for (const row of parseCsvObjects(text)) {
      const lat = Number(row.lat);
      const lng = Number(row.lng);
      if (!row.lat || !row.lng || !Number.isFinite(lat) || !Number.isFinite(lng)) continue;
      if (lat < 20 || lat > 46 || lng < 122 || lng > 154) continue;
      points.push({
        key: `${kind}:${row.jigyosho_no ?? points.length}`,
        kind,
        name: row.name ?? '',
        address: row.address ?? '',
        lat,
        lng,
      });
    }
  }
  return { directory, points };
}

/**
 * Synthetic clinics around real points: each at a random real point moved by a normal offset of
 * σ = 3 km, so their density follows where the care offices are (roughly, where people live).
 */
export function syntheticClinics(around: readonly NationalPoint[], count: number): NationalPoint[] {
  const random = randomFor('w1:synthetic-clinics');
  const result: NationalPoint[] = [];
  for (let index = 0; index < count; index += 1) {
    const origin = around[Math.floor(random.next() * around.length)]!;
    const lat = Math.min(45.9, Math.max(20.1, origin.lat + (random.normal() * 3) / 111));
    const cos = Math.cos((origin.lat * Math.PI) / 180);
    const lng = Math.min(153.9, Math.max(122.1, origin.lng + (random.normal() * 3) / (111.32 * cos)));
    result.push({
      key: `synthetic-clinic:${index}`,
      kind: 'clinic',
      name: `ベンチマーク用診療所 ${index}`,
      address: '',
      lat: Math.round(lat * 1e6) / 1e6,
      lng: Math.round(lng * 1e6) / 1e6,
    });
  }
  return result;
}

/** National query points: real points moved by σ = 2 km (deterministic). */
export function nationalQueryPoints(points: readonly NationalPoint[], count: number): QueryPoint[] {
  const random = randomFor('w1:national-queries');
  const result: QueryPoint[] = [];
  for (let index = 0; index < count; index += 1) {
    const origin = points[Math.floor(random.next() * points.length)]!;
    const cos = Math.cos((origin.lat * Math.PI) / 180);
    result.push({
      lat: Math.round((origin.lat + (random.normal() * 2) / 111) * 1e6) / 1e6,
      lng: Math.round((origin.lng + (random.normal() * 2) / (111.32 * cos)) * 1e6) / 1e6,
    });
  }
  return result;
}

async function inTransaction<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Gives every organisation already in the database (the reference data) its synthetic profile. */
export async function profileExistingOrganizations(databaseUrl: string, now: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'renkei-bench-runner' });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; key: string; area_code: string | null }>(
      'SELECT id, coalesce(source_key, id::text) AS key, area_code FROM organizations',
    );
    const profiles = rows.map((row) => ({ id: row.id, ...profileFor(row.key, row.area_code, now) }));
    await inTransaction(client, async () => {
      for (let start = 0; start < profiles.length; start += 2000) {
        const batch = profiles.slice(start, start + 2000);
        await client.query(
          `UPDATE organizations o SET
             groups = coalesce(string_to_array(nullif(u.groups, ''), ','), '{}'),
             procedures = coalesce(string_to_array(nullif(u.procedures, ''), ','), '{}'),
             is_available_24h = u.h24, coverage_radius_km = u.radius,
             coverage_area_codes = coalesce(string_to_array(nullif(u.areas, ''), ','), '{}'),
             availability_status = u.status, free_slots = u.slots, availability_updated_at = u.updated,
             is_disabled = false
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[], $5::float8[], $6::text[], $7::text[],
                       $8::int[], $9::timestamptz[])
             AS u(id, groups, procedures, h24, radius, areas, status, slots, updated)
           WHERE o.id = u.id`,
          [
            batch.map((profile) => profile.id),
            batch.map((profile) => profile.groups.join(',')),
            batch.map((profile) => profile.procedures.join(',')),
            batch.map((profile) => profile.isAvailable24h),
            batch.map((profile) => profile.coverageRadiusKm),
            batch.map((profile) => profile.coverageAreaCodes.join(',')),
            batch.map((profile) => profile.availabilityStatus),
            batch.map((profile) => profile.freeSlots),
            batch.map((profile) => profile.availabilityUpdatedAt),
          ],
        );
      }
    });
    return profiles.length;
  } finally {
    await client.end();
  }
}

/** Inserts national points as organisations with their synthetic profiles (source 'bench'). */
export async function insertNationalOrganizations(
  databaseUrl: string,
  points: readonly NationalPoint[],
  now: number,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'renkei-bench-runner' });
  await client.connect();
  try {
    await inTransaction(client, async () => {
      for (let start = 0; start < points.length; start += 5000) {
        const batch = points.slice(start, start + 5000).map((point) => ({
          point,
          profile: profileFor(point.key, null, now),
        }));
        await client.query(
          `INSERT INTO organizations (id, source_key, kind, name, search_text, address, lat, lng, geocode_precision,
             groups, procedures, is_available_24h, coverage_radius_km, availability_status, free_slots,
             availability_updated_at, source)
           SELECT u.id, u.key, u.kind, u.name, u.name, u.address, u.lat, u.lng, 'source',
             coalesce(string_to_array(nullif(u.groups, ''), ','), '{}'), coalesce(string_to_array(nullif(u.procedures, ''), ','), '{}'),
             u.h24, u.radius, u.status, u.slots, u.updated, 'bench'
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[],
                       $8::text[], $9::text[], $10::boolean[], $11::float8[], $12::text[], $13::int[],
                       $14::timestamptz[])
             AS u(id, key, kind, name, address, lat, lng, groups, procedures, h24, radius, status, slots, updated)`,
          [
            batch.map(() => randomUUID()),
            batch.map(({ point }) => `bench:${point.key}`),
            batch.map(({ point }) => point.kind),
            batch.map(({ point }) => point.name),
            batch.map(({ point }) => point.address),
            batch.map(({ point }) => point.lat),
            batch.map(({ point }) => point.lng),
            batch.map(({ profile }) => profile.groups.join(',')),
            batch.map(({ profile }) => profile.procedures.join(',')),
            batch.map(({ profile }) => profile.isAvailable24h),
            batch.map(({ profile }) => profile.coverageRadiusKm),
            batch.map(({ profile }) => profile.availabilityStatus),
            batch.map(({ profile }) => profile.freeSlots),
            batch.map(({ profile }) => profile.availabilityUpdatedAt),
          ],
        );
      }
    });
    await client.query('ANALYZE organizations');
  } finally {
    await client.end();
  }
}

/** What the server's index holds (directory-index.repository loadAll), as index entries. */
export async function readDirectoryEntries(databaseUrl: string): Promise<DirectoryEntry[]> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'renkei-bench-runner' });
  await client.connect();
  try {
    const { rows } = await client.query<{
      id: string;
      lat: number;
      lng: number;
      kind: OrganizationKind;
      area_code: string | null;
      groups: PatientGroup[];
      procedures: Procedure[];
      is_available_24h: boolean;
      coverage_radius_km: number | null;
      coverage_area_codes: string[];
      availability_status: AvailabilityStatus | null;
      availability_updated_at: Date | null;
    }>(
      `SELECT id, lat, lng, kind, area_code, groups, procedures, is_available_24h, coverage_radius_km,
              coverage_area_codes, availability_status, availability_updated_at
       FROM organizations WHERE NOT is_disabled AND lat IS NOT NULL AND lng IS NOT NULL`,
    );
    return rows.map((row) => ({
      id: row.id,
      lat: row.lat,
      lng: row.lng,
      kind: row.kind,
      areaCode: row.area_code,
      groups: row.groups,
      procedures: row.procedures,
      isAvailable24h: row.is_available_24h,
      coverageRadiusKm: row.coverage_radius_km,
      coverageAreaCodes: row.coverage_area_codes,
      availabilityStatus: row.availability_status,
      availabilityUpdatedAt: row.availability_updated_at?.getTime() ?? null,
    }));
  } finally {
    await client.end();
  }
}

/** Index entries straight from points and their profiles, without a database (unit checks, quick looks). */
export function entriesFromPoints(points: readonly NationalPoint[], now: number): DirectoryEntry[] {
  return points.map((point, index) => {
    const profile = profileFor(point.key, null, now);
    return {
      id: `p${String(index).padStart(7, '0')}`,
      lat: point.lat,
      lng: point.lng,
      kind: point.kind,
      areaCode: null,
      groups: profile.groups,
      procedures: profile.procedures,
      isAvailable24h: profile.isAvailable24h,
      coverageRadiusKm: profile.coverageRadiusKm,
      coverageAreaCodes: profile.coverageAreaCodes,
      availabilityStatus: profile.availabilityStatus,
      availabilityUpdatedAt: profile.availabilityUpdatedAt?.getTime() ?? null,
    };
  });
}
