/** Areas (wards, the city): read once and kept — they change only with a data update. */
import { asc } from 'drizzle-orm';
import { areas } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { loadRepresentativePoints, type RepresentativePoint } from './representative-point.js';

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
