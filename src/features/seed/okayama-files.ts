/** Reads the derived Okayama data set committed under data/okayama/ (built by scripts/build-okayama-data.ts). */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../platform/paths.js';

export type AreaRecord = {
  code: string;
  code6: string | null;
  name: string;
  fullName: string;
  kind: string;
  parentCode: string | null;
  centroid: { lat: number; lng: number } | null;
  boundary: unknown;
};

export type OrganizationRecord = {
  sourceKey: string;
  kind: string;
  name: string;
  nameKana: string | null;
  codes: { medicalInstitutionCode?: string; careOfficeNumber?: string };
  postalCode: string | null;
  address: string;
  areaCode: string;
  lat: number | null;
  lng: number | null;
  geocodePrecision: string | null;
  phone: string | null;
  fax: string | null;
  corporationName: string | null;
  corporationNumber: string | null;
  url: string | null;
  kaigoServices: { code: string; name: string }[];
  capacity: number | null;
  source: string;
};

export type DemoOrganizationRecord = {
  sourceKey: string;
  kind: string;
  name: string;
  nameKana: string | null;
  address: string;
  areaCode: string;
  lat: number | null;
  lng: number | null;
  phone: string | null;
  demo: true;
  note: string;
};

/** data/okayama/population.json: who lives in each area, where the data has it (scripts/lib/population.ts). */
export type PopulationSourceRecord = {
  id: string;
  attribution: string;
  license: string;
  asOf: string;
  /** primary-table (read in the official table) | secondary (quoted by a third party, not verified). */
  confidence: string;
  via: string;
  note: string;
};

export type AreaPopulationRecord = {
  code: string;
  name: string;
  kind: string;
  total: number | null;
  aged65plus: number | null;
  aged75plus: number | null;
  aged65to74: number | null;
  aged75to84: number | null;
  aged85plus: number | null;
  careCertified: number | null;
  residenceExceptions: number | null;
  /** The source id of each figure that is not null. */
  sourceOf: Record<string, string>;
};

export type PopulationRecord = { sources: PopulationSourceRecord[]; areas: AreaPopulationRecord[] };

function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(projectPath(relativePath), 'utf8'));
}

export const okayamaFiles = {
  areas: () => readJson('data/okayama/areas.json') as AreaRecord[],
  organizations: () => readJson('data/okayama/organizations.json') as OrganizationRecord[],
  demoOrganizations: () => readJson('data/okayama/demo-organizations.json') as DemoOrganizationRecord[],
  population: () => readJson('data/okayama/population.json') as PopulationRecord,
};
