/**
 * The reliance view (属人的な負担の見える化): per area of the patients' homes, how concentrated the
 * home patients of one role are on few organisations (top-1 and top-3 shares, HHI), which
 * organisations are above their declared capacity, and the monthly trend. Groups of fewer than
 * the threshold (10) are suppressed entirely — their count and any share or index from them; a ward with no patient
 * shows 0; beside the city's total, wards are hidden as 地域の分析 hides them (no small group by subtraction).
 *
 * Who counts: a team membership is active from `since` until `ended_at`, or until the care ended
 * with the case (cancelled: the case's last update; outcome other than "home": the outcome date).
 */
import type { AppDeps, ActorContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { toJstIso } from '../../platform/time.js';
import type { TeamRole } from '../../domain/codes.js';
import { jstInstant } from '../../domain/calendar/japanese-calendar.js';
import type { MatchingSettings } from '../../domain/matching/matching-settings.js';
import {
  areaConcentrations,
  countsAt,
  monthEnds,
  suppressedConcentration,
  type Membership,
} from '../../domain/matching/reliance.js';
import * as repository from './reliance.repository.js';

const cityCode = '33100';
const cityName = '岡山市';

function endOf(row: repository.MembershipRow): Date | null {
  if (row.endedAt) return row.endedAt;
  if (row.caseStatus === 'cancelled') return row.caseUpdatedAt;
  if (row.caseStatus === 'closed' && row.outcome !== 'home' && row.outcomeOn) return jstInstant(row.outcomeOn, '00:00');
  return null;
}

export function createRelianceService(deps: AppDeps, settings: MatchingSettings) {
  const { database, clock } = deps;
  const threshold = settings.reliance.suppressBelow;

  async function reliance(context: ActorContext, query: { role: TeamRole; areaCode?: string | undefined }) {
    return database.transaction(async (tx) => {
      const wards = await repository.wards(tx, query.areaCode ? [query.areaCode] : undefined);
      if (query.areaCode && wards.length === 0)
        throw errors.validation([
          { path: 'areaCode', message: `地域コード ${query.areaCode} の区は登録されていません。` },
        ]);
      const rows = await repository.memberships(tx, query.role, query.areaCode ?? null);
      const memberships: Membership[] = rows.map((row) => ({
        organizationId: row.organizationId,
        areaCode: row.areaCode,
        since: row.since,
        until: endOf(row),
      }));
      const now = clock.now();
      // Every ward is listed, whatever it holds (0 shows as 0), so that no row's presence says anything; beside the
      // city's total the wards are suppressed as 地域の分析 does (domain/analytics/small-groups.ts).
      const summarise = (at: Date) => {
        const byArea = countsAt(memberships, at);
        const figures = areaConcentrations(
          byArea,
          wards.map((ward) => ward.code),
          { suppressBelow: threshold, withTotal: !query.areaCode },
        );
        const areas = wards.map((ward) => ({
          areaCode: ward.code,
          areaName: ward.name,
          areaNameCode: null,
          areaNameParams: null,
          ...(figures.wards.get(ward.code) ?? suppressedConcentration()),
        }));
        return figures.total === null
          ? areas
          : [
              ...areas,
              {
                areaCode: cityCode,
                areaName: `${cityName}全体`,
                // The web says the whole city in the reader's language from the code and the city's name.
                areaNameCode: 'city_whole' as const,
                areaNameParams: { name: cityName },
                ...figures.total,
              },
            ];
      };
      const over = await repository.overCapacity(tx, query.areaCode ?? null);
      const wardName = new Map(wards.map((ward) => [ward.code, ward.name]));
      await writeAudit(tx, clock, context, {
        action: 'read',
        entity: 'analytics',
        details: { view: 'reliance', role: query.role, areaCode: query.areaCode ?? null },
      });
      return {
        role: query.role,
        areaCode: query.areaCode ?? null,
        asOf: toJstIso(now),
        suppressBelow: threshold,
        suppressionNote: `${threshold}人未満の集計は表示しません（人数・割合・HHI とも）。市全体から差し引くと${threshold}人未満が分かってしまう区も表示しません。0人は表示します。割合や HHI から${threshold}人未満の人数が分かってしまうとき（最大の事業所以外が合わせて数人など）は、その割合・HHI も表示しません。申告上限を超えている事業所は、在宅患者が${threshold}人以上のときだけ示します。`,
        hhiNote: 'HHI は各事業所の患者シェアの二乗和（0〜10,000）。1,500 未満は分散、2,500 超は集中とされます。',
        areas: summarise(now),
        // Only organisations with at least `threshold` patients: the presence of a row with a hidden load would say that
        // it has between its declared capacity and 9.
        overCapacity: over
          .filter((row) => row.load >= threshold)
          .map((row) => ({
            organizationId: row.id,
            name: row.name,
            kind: row.kind,
            areaCode: row.areaCode,
            areaName: row.areaCode ? (wardName.get(row.areaCode) ?? null) : null,
            declaredCapacity: row.declaredCapacity,
            load: row.load,
            utilisation: Math.round((row.load / row.declaredCapacity) * 100) / 100,
          })),
        trend: monthEnds(now, settings.reliance.trendMonths).map(({ month, at }) => ({ month, areas: summarise(at) })),
      };
    });
  }

  return { reliance };
}

export type RelianceService = ReturnType<typeof createRelianceService>;
