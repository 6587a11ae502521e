/** Areas (wards, the city): read once and kept — they change only with a data update. */
import { asc } from 'drizzle-orm';
import { areas } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { errors } from '../../platform/errors.js';
import { loadRepresentativePoints, type RepresentativePoint } from './representative-point.js';

/** 400 `unknown_area` naming the registered areas: an area code no area has (a filter that would match nothing). */
export function unknownAreaError(code: string, areas: readonly { code: string; fullName: string }[]) {
  return errors.badRequest(
    'unknown_area',
    `地域コード ${code} は登録されていません（${areas.map((area) => `${area.code} ${area.fullName}`).join('、')}）。`,
  );
}

/**
 * Refuses an area filter naming no registered area (400 unknown_area), as the resource search does: a list filtered
 * by a mistyped code answered an empty page, as if the area had nothing. Without any area registered there is
 * nothing to check against.
 */
export async function assertKnownAreaCode(
  areas: (() => Promise<readonly { code: string; fullName: string }[]>) | undefined,
  code: string | undefined,
): Promise<void> {
  if (code === undefined || areas === undefined) return;
  const known = await areas();
  if (known.length > 0 && !known.some((area) => area.code === code)) throw unknownAreaError(code, known);
}

export type AreaRecord = typeof areas.$inferSelect & {
  /** The geometric centroid of the area's boundary (as stored). */
  centroid: { lat: number; lng: number } | null;
  /** Where a search in the area starts: a 町丁目 point where people live (representative-point.ts). */
  representativePoint: RepresentativePoint | null;
};

export function createAreaService(executor: DbExecutor) {
  let cached: Promise<AreaRecord[]> | null = null;
  async function load(): Promise<AreaRecord[]> {
    const rows = await executor.select().from(areas).orderBy(asc(areas.code));
    const representativePoints = loadRepresentativePoints();
    return rows.map((row) => ({
      ...row,
      centroid:
        row.centroidLat !== null && row.centroidLng !== null ? { lat: row.centroidLat, lng: row.centroidLng } : null,
      representativePoint: representativePoints.get(row.code) ?? null,
    }));
  }
  return {
    list(): Promise<AreaRecord[]> {
      cached ??= load().catch((error: unknown) => {
        cached = null;
        throw error;
      });
      return cached;
    },
  };
}

export type AreaService = ReturnType<typeof createAreaService>;
