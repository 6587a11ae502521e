/** Areas (wards, the city): read once and kept — they change only with a data update. */
import { asc } from 'drizzle-orm';
import { areas } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

export type AreaRecord = typeof areas.$inferSelect & {
  centroid: { lat: number; lng: number } | null;
};

export function createAreaService(executor: DbExecutor) {
  let cached: Promise<AreaRecord[]> | null = null;
  async function load(): Promise<AreaRecord[]> {
    const rows = await executor.select().from(areas).orderBy(asc(areas.code));
    return rows.map((row) => ({
      ...row,
      centroid:
        row.centroidLat !== null && row.centroidLng !== null ? { lat: row.centroidLat, lng: row.centroidLng } : null,
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
