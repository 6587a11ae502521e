/** The shapes every import format maps its rows to, and the problems it reports. */
import type { OrganizationKind, PatientGroup, Procedure } from '../codes.js';
import type { KaigoService } from './kaigo-services.js';

export const importFormats = ['mhlw-kaigo', 'mhlw-iryo', 'med-inst-codes', 'renkei-csv'] as const;
export type ImportFormat = (typeof importFormats)[number];

export function isImportFormat(value: string): value is ImportFormat {
  return (importFormats as readonly string[]).includes(value);
}

/** A rejected row (or a warning about one), by its physical line in the file (the header is line 1). */
export type RowProblem = { line: number; reason: string };

/**
 * How a record treats an organisation already in the directory:
 * - `institution`: a 保険医療機関 (医療機関コード list) — owns its identity fields;
 * - `office`: a 介護 office — owns its identity fields, but only adds its number and services to a
 *   medical institution it belongs to (みなし指定: 事業所番号 = 医療機関コード);
 * - `facility`: a 医療情報ネット facility — owns what it created, only fills gaps of an institution
 *   found by name and address;
 * - `member`: a row of the Renkei template — owns its identity fields.
 */
export type RecordRole = 'institution' | 'office' | 'facility' | 'member';

/** Capability columns of the Renkei template; null = not given. */
export type ImportedCapabilities = {
  groups: PatientGroup[] | null;
  procedures: Procedure[] | null;
  available24h: boolean | null;
  coverageRadiusKm: number | null;
};

/**
 * What a file says about one organisation. `null` means "the file does not say": the value stored
 * in the directory is kept (an empty cell never erases data).
 */
export type ImportedOrganization = {
  /** Line of the (first) row this record comes from. */
  line: number;
  role: RecordRole;
  /** The key stored when the organisation is created (med:…, kaigo:…, iryo:… or the template's). */
  sourceKey: string;
  kind: OrganizationKind;
  name: string;
  nameKana: string | null;
  medicalInstitutionCode: string | null;
  careOfficeNumber: string | null;
  postalCode: string | null;
  address: string | null;
  /** An area of the directory (the four wards of 岡山市), never another code. */
  areaCode: string | null;
  location: { lat: number; lng: number } | null;
  phone: string | null;
  fax: string | null;
  url: string | null;
  corporationName: string | null;
  corporationNumber: string | null;
  kaigoServices: KaigoService[];
  capacity: number | null;
  source: string;
  capabilities: ImportedCapabilities | null;
};

export type MappingContext = {
  /** The file's name (its 介護 service code may be in it: jigyosho_130.csv). */
  fileName: string;
  /** Codes of the areas table: only these may become an organisation's area. */
  knownAreaCodes: ReadonlySet<string>;
  /**
   * Centroids of the known areas: a point given by a public file far from the area its codes name
   * is an upstream geocoding error (dropped with a warning; the address is located instead).
   */
  areaCentroids?: ReadonlyMap<string, { lat: number; lng: number }>;
  /** Ward of a postal code (offline postal data), when the address alone does not tell. */
  areaOfPostalCode?: (postalCode: string) => string | null;
};

export type MappingResult = {
  format: ImportFormat;
  /** Which layout of the format the header matched (e.g. the derived 訪問看護 file). */
  variant: string;
  variantLabel: string;
  /** Data rows read (blank lines not counted). */
  dataRows: number;
  records: ImportedOrganization[];
  rejected: RowProblem[];
  warnings: RowProblem[];
  /** Rows folded into another row's record (an office's other services, identical duplicates). */
  mergedRows: number;
};

/** The file is not in the format asked for (or not CSV): nothing can be imported from it. */
export class ImportFormatError extends Error {}

/** Lines of a data row: the raw fields and where they start. */
export type DataRow = { fields: string[]; line: number };

/** Reads a row's fields by header name (the index is built once per file). */
export function fieldReader(header: readonly string[]): (row: DataRow, name: string) => string {
  const index = new Map(header.map((name, position) => [name, position]));
  return (row, name) => {
    const position = index.get(name);
    return position === undefined ? '' : (row.fields[position] ?? '');
  };
}
