/**
 * The area view for the city and the working group (地域ごとの需給): per area, the supply of home
 * care (organisations by kind and capability, declared free capacity and how stale it is) against
 * demand (open and recently discharged cases, per needed role, procedure and patient group) and
 * where discharges get stuck (open cases with a role still unfilled, past their planned date).
 * Counts of people are suppressed so that no small group shows or can be worked out; the read is
 * audited. Population comes from data/okayama/population.json: the city's people aged 65+ and 75+
 * (介護保険事業状況報告), the 2020 census total per ward (secondary source); what it lacks (a ward's
 * people by age) stays null and is said so, not estimated. Rates of suppressed counts are suppressed.
 */
import type { AppDeps, ActorContext } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit.js';
import { jstDate, toJstIso } from '../../platform/time.js';
import { addDays } from '../../domain/calendar/japanese-calendar.js';
import { teamRoles } from '../../domain/codes.js';
import * as repository from './area-analytics.repository.js';
import { areaTree } from './area-tree.js';
import { supplyByArea } from './area-supply.js';
import { demandByArea } from './area-demand.js';
import { populationByArea, ratesOf } from './area-population.js';
import type { AreaAnalyticsResponse } from './area-analytics.schema.js';
import { okayamaFiles, type PopulationRecord } from '../seed/okayama-files.js';

/** Counts of people below this are never shown (CONTRACT §3). */
export const suppressBelow = 10;

/** data/okayama/population.json, read once (null when the file is missing: no figures, said so). */
let populationFile: PopulationRecord | null | undefined;
function population(): PopulationRecord | null {
  if (populationFile === undefined) {
    try {
      populationFile = okayamaFiles.population();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      populationFile = null;
    }
  }
  return populationFile;
}

export function createAreaAnalyticsService(deps: AppDeps) {
  const { database, clock, config } = deps;

  async function areas(context: ActorContext, query: { recentDays: number }): Promise<AreaAnalyticsResponse> {
    const now = clock.now();
    const today = jstDate(now);
    return database.transaction(async (tx) => {
      const areaRows = await repository.listAreas(tx);
      const supplyRows = await repository.listSupply(tx);
      const demandRows = await repository.listDemand(tx, addDays(today, -query.recentDays));
      const tree = areaTree(areaRows);
      const areaCodes = areaRows.map((area) => area.code);
      const supply = supplyByArea(supplyRows, {
        tree,
        areaCodes,
        now,
        staleAfterDays: config.staleAvailabilityDays,
      });
      const demand = demandByArea(demandRows, { tree, areaCodes, today, now, threshold: suppressBelow });
      const people = populationByArea(population(), areaRows);
      const kinds = [...new Set(areaRows.map((area) => area.kind))];
      const hasDistricts = kinds.some((kind) => kind !== 'city' && kind !== 'ward');
      await writeAudit(tx, clock, context, {
        action: 'read',
        entity: 'analytics',
        details: { view: 'areas', recentDays: query.recentDays },
      });
      return {
        asOf: toJstIso(now),
        recentDays: query.recentDays,
        staleAfterDays: config.staleAvailabilityDays,
        suppression: {
          threshold: suppressBelow,
          appliesTo: 'people',
          note: `人数の集計は、${suppressBelow}人未満（1〜${suppressBelow - 1}人）の集団が表示されることも、表示された合計からの差し引きで分かることもないよう秘匿します（null、suppressed: true）。0人は誰も表さないため表示します。組織の数・空き枠は公開の名簿の情報のため秘匿しません。`,
        },
        population: people.summary,
        areaLevels: {
          kinds,
          hasDistricts,
          note: hasDistricts
            ? '市・区・小地域の順に、小地域の値は区に、区の値は市に含まれます。'
            : '地域は市と区です（日常生活圏域などの小地域のデータは登録されていません）。区の値は市に含まれます。',
        },
        unlocated: demand.unlocated,
        areas: areaRows.flatMap((area) => {
          const areaSupply = supply.get(area.code);
          const areaDemand = demand.areas.get(area.code);
          const areaPopulation = people.areas.get(area.code);
          if (!areaSupply || !areaDemand || !areaPopulation) return [];
          return [
            {
              areaCode: area.code,
              areaName: area.name,
              fullName: area.fullName,
              kind: area.kind,
              parentCode: area.parentCode,
              supply: {
                organizationsByKind: areaSupply.organizationsByKind,
                capabilities: areaSupply.capabilities,
                capacity: areaSupply.capacity,
                capacityByKind: areaSupply.capacityByKind,
              },
              demand: {
                openCases: areaDemand.openCases,
                recentlyDischarged: areaDemand.recentlyDischarged,
                procedures: areaDemand.procedures,
                groups: areaDemand.groups,
                population: areaPopulation,
                rates: ratesOf(areaDemand, areaPopulation),
              },
              stuck: areaDemand.stuck,
              roles: Object.fromEntries(
                teamRoles.map((role) => [
                  role,
                  {
                    supply: areaSupply.roles[role],
                    demand: { open: areaDemand.roles[role].open, recent: areaDemand.roles[role].recent },
                    unfilled: areaDemand.roles[role].unfilled,
                  },
                ]),
              ) as AreaAnalyticsResponse['areas'][number]['roles'],
            },
          ];
        }),
      };
    });
  }

  return { areas };
}

export type AreaAnalyticsService = ReturnType<typeof createAreaAnalyticsService>;
