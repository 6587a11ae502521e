/**
 * Capabilities the official open data itself states, never invented: an office registered for
 * 介護サービス 140 (訪問リハビリテーション) visits patients at home for rehabilitation, whatever
 * kind of organisation runs it (a clinic, a hospital, a 介護老人保健施設).
 */
import type { Procedure } from '../codes.js';

/** 介護サービスの種類 140: 訪問リハビリテーション. */
export const visitingRehabServiceCode = '140';

/** The procedures the official kaigo services of an organisation imply. */
export function officialProcedures(services: readonly { code: string }[]): Procedure[] {
  return services.some((service) => service.code === visitingRehabServiceCode) ? ['rehabilitation'] : [];
}

/** `procedures` with what the official services imply added (order kept, no duplicates). */
export function withOfficialProcedures<P extends string>(
  procedures: readonly P[],
  services: readonly { code: string }[],
): (P | Procedure)[] {
  const added = officialProcedures(services).filter(
    (procedure) => !(procedures as readonly string[]).includes(procedure),
  );
  return [...procedures, ...added];
}
