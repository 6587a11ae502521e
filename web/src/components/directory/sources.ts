/** The 出典 to show beside public data: the sources of config.sources, without our own (manual entries, demo). */
import type { DataSource } from '../../api/types';

const ownSources = new Set(['manual', 'demo']);

export function publicDataSources(sources: readonly DataSource[]): DataSource[] {
  return sources.filter((source) => !ownSources.has(source.id));
}

/** The boundaries' 出典 (国土数値情報), for the map. */
export function boundarySources(sources: readonly DataSource[]): DataSource[] {
  return sources.filter((source) => source.id === 'geo-boundaries');
}
