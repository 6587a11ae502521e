/**
 * Doctor pairs (主治医・副主治医): the association (or an admin) saves standing pairs of clinics in
 * an area, ends them, and asks for suggestions (domain/matching/pair-suggestion.ts). Escalation
 * (issue 7) reads active pairs: a row means the secondary covers the primary's home patients;
 * treat it as mutual when looking for a partner (see `partnersOf`).
 *
 * A clinic "wants a partner" when it is a home-care clinic (its capability profile names at least
 * one patient group), is not declared full, has a location, and has no active pair.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { errors, type ErrorDetail } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/notifications.js';
import { toJstIso, toJstIsoOrNull } from '../../platform/time.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { distanceKm } from '../../domain/directory/geo.js';
import { patientGroups, type PatientGroup } from '../../domain/codes.js';
import { patientGroupLabels } from '../../domain/labels.js';
import { suggestPairs, type UnpairedReason } from '../../domain/matching/pair-suggestion.js';
import type { PairRuleCode } from '../../domain/server-text.js';
import type { MatchingSettings } from '../../domain/matching/matching-settings.js';
import { loadsOf } from '../matching/matching.repository.js';
import * as repository from './pair.repository.js';
import type { CreatePairRequest, ListPairsQuery, PairResponse } from './pair.schema.js';

const wantsPartnerRule: { code: PairRuleCode; text: string } = {
  code: 'wants_partner',
  text: '在宅患者を受け入れる診療所（対応できる患者の対象が1つ以上登録され、受入不可ではなく、所在地がある）のうち、有効なペアがないもの。ペアにするのは、対象が1つ以上共通し、指定した距離の範囲にある診療所どうし（共通する対象が多い組、次に近い組を優先）',
};

const unpairedMessages: Record<UnpairedReason, string> = {
  no_other_clinic: 'この地域に、ペアになれる在宅医療の診療所が他にありません',
  none_within_distance: '指定した距離の範囲に、ペアになれる診療所がありません',
  no_shared_group: '指定した距離の範囲の診療所は、どれも対象（高齢者・医療的ケア児など）が共通しません',
  partners_at_limit: '範囲内の診療所は、すべてペア数の上限に達しています',
  limit_zero: 'ペア数の上限が 0 です',
};

function isHomeCareClinic(row: repository.ClinicRow): boolean {
  return (
    row.kind === 'clinic' &&
    row.groups.length > 0 &&
    row.availabilityStatus !== 'full' &&
    row.lat !== null &&
    row.lng !== null
  );
}

/** A clinic of a pair, with how to reach it (the readers are its partner, the association, the Center, an admin). */
function presentClinic(clinic: repository.PairRow['primary']) {
  return {
    id: clinic.id,
    name: clinic.name,
    phone: clinic.phone,
    professionalPhone: clinic.professionalPhone,
    address: clinic.address,
  };
}

export function presentPair(row: repository.PairRow): PairResponse {
  const km =
    row.primary.lat !== null && row.primary.lng !== null && row.secondary.lat !== null && row.secondary.lng !== null
      ? Math.round(distanceKm(row.primary.lng, row.primary.lat, row.secondary.lng, row.secondary.lat) * 100) / 100
      : null;
  return {
    id: row.id,
    areaCode: row.areaCode,
    areaName: row.areaName,
    primary: presentClinic(row.primary),
    secondary: presentClinic(row.secondary),
    distanceKm: km,
    status: row.status === 'ended' ? 'ended' : 'active',
    source: row.source,
    createdAt: toJstIso(row.createdAt),
    endedAt: toJstIsoOrNull(row.endedAt),
  };
}

/** Active partners of a clinic (either side of a pair): for escalation and continuity. */
export async function partnersOf(
  executor: DbExecutor,
  organizationId: string,
): Promise<{ pairId: string; partnerId: string; isPrimary: boolean }[]> {
  const rows = await repository.listPairs(executor, { organizationId, status: 'active' });
  return rows.map((row) => ({
    pairId: row.id,
    partnerId: row.primary.id === organizationId ? row.secondary.id : row.primary.id,
    isPrimary: row.primary.id === organizationId,
  }));
}

export function createPairService(deps: AppDeps, settings: MatchingSettings) {
  const { database, clock } = deps;

  /** Association admins act on their member clinics only; admins on every clinic. */
  function memberScope(context: ActorContext): string | null {
    return context.actor.role === 'association_admin' ? context.actor.organizationId : null;
  }

  async function validate(
    tx: Tx,
    context: ActorContext,
    input: CreatePairRequest,
    path: string,
  ): Promise<ErrorDetail[]> {
    const problems: ErrorDetail[] = [];
    if (!(await repository.areaExists(tx, input.areaCode)))
      problems.push({ path: `${path}areaCode`, message: `地域コード ${input.areaCode} は登録されていません。` });
    const found = await repository.organizationsByIds(tx, [input.primaryOrganizationId, input.secondaryOrganizationId]);
    const scope = memberScope(context);
    for (const [field, id] of [
      ['primaryOrganizationId', input.primaryOrganizationId],
      ['secondaryOrganizationId', input.secondaryOrganizationId],
    ] as const) {
      const clinic = found.find((row) => row.id === id);
      if (!clinic || clinic.isDisabled) problems.push({ path: `${path}${field}`, message: '診療所が見つかりません。' });
      else if (clinic.kind !== 'clinic')
        problems.push({ path: `${path}${field}`, message: `${clinic.name}は診療所ではありません。` });
      else if (scope !== null && clinic.associationId !== scope)
        problems.push({ path: `${path}${field}`, message: `${clinic.name}は医師会の会員ではありません。` });
    }
    // The pair serves an area: at least one of its clinics must be in it (or in a part of it).
    const clinics = found.filter(
      (row) => row.id === input.primaryOrganizationId || row.id === input.secondaryOrganizationId,
    );
    const located = clinics.filter((row) => row.areaCode !== null);
    if (located.length === 2) {
      const tree = await repository.areaTree(tx);
      const nameOf = (code: string | null) => (code ? (tree.get(code)?.name ?? code) : '不明');
      const isWithin = (code: string | null): boolean => {
        for (let current = code, steps = 0; current && steps < 10; current = tree.get(current)?.parentCode ?? null) {
          if (current === input.areaCode) return true;
          steps += 1;
        }
        return false;
      };
      if (tree.has(input.areaCode) && !located.some((row) => isWithin(row.areaCode)))
        problems.push({
          path: `${path}areaCode`,
          message: `どちらの診療所も${nameOf(input.areaCode)}にはありません（${located.map((row) => `${row.name}: ${nameOf(row.areaCode)}`).join('、')}）。診療所のある地域を指定してください。`,
        });
    }
    if (input.primaryOrganizationId === input.secondaryOrganizationId)
      problems.push({
        path: `${path}secondaryOrganizationId`,
        message: '主治医と副主治医には別の診療所を指定してください。',
      });
    else if (await repository.activePairBetween(tx, input.primaryOrganizationId, input.secondaryOrganizationId))
      problems.push({
        path: `${path}secondaryOrganizationId`,
        message: 'この2つの診療所のペアは既に登録されています。',
      });
    return problems;
  }

  async function insert(tx: Tx, context: ActorContext, input: CreatePairRequest, source: string): Promise<string> {
    const id = randomUUID();
    await repository.insertPair(tx, {
      id,
      areaCode: input.areaCode,
      primaryOrganizationId: input.primaryOrganizationId,
      secondaryOrganizationId: input.secondaryOrganizationId,
      status: 'active',
      source,
      createdByUserId: context.actor.userId,
      createdAt: clock.now(),
    });
    const pair = await repository.findPair(tx, id);
    for (const [recipient, partner, side, partnerRole] of [
      [input.primaryOrganizationId, pair?.secondary.name ?? '', '副主治医', 'secondary_doctor'],
      [input.secondaryOrganizationId, pair?.primary.name ?? '', '主治医', 'primary_doctor'],
    ] as const) {
      await notify(tx, clock, {
        recipientOrganizationId: recipient,
        kind: 'doctor_pair_created',
        title: '主治医・副主治医のペアが登録されました',
        body: `${partner}（${side}）とのペアです。`,
        params: { partnerName: partner, role: partnerRole },
        // The clinic's own pairs: partner, since when, how to reach it (web: /my-organization/pairs).
        link: '/my-organization/pairs',
        entity: 'doctor_pair',
        entityId: id,
      });
    }
    await writeAudit(tx, clock, context, {
      action: 'create',
      entity: 'doctor_pair',
      entityId: id,
      ownerOrganizationId: context.actor.organizationId,
      details: { ...input, source },
    });
    return id;
  }

  async function create(context: ActorContext, input: CreatePairRequest, tx: Tx) {
    const problems = await validate(tx, context, input, '');
    if (problems.length > 0) throw errors.validation(problems, 'このペアは登録できません。');
    const id = await insert(tx, context, input, 'manual');
    const row = await repository.findPair(tx, id);
    if (!row) throw new Error('pair vanished after insert');
    return presentPair(row);
  }

  /** Saves reviewed suggestions: all or nothing. */
  async function createMany(context: ActorContext, input: { pairs: CreatePairRequest[] }, tx: Tx) {
    const problems: ErrorDetail[] = [];
    const seen = new Set<string>();
    for (const [index, pair] of input.pairs.entries()) {
      problems.push(...(await validate(tx, context, pair, `pairs.${index}.`)));
      const key = [pair.primaryOrganizationId, pair.secondaryOrganizationId].sort().join(':');
      if (seen.has(key)) problems.push({ path: `pairs.${index}`, message: '同じ診療所の組み合わせが重複しています。' });
      seen.add(key);
    }
    if (problems.length > 0)
      throw errors.validation(problems, '登録できないペアが含まれています（何も登録していません）。');
    const ids: string[] = [];
    for (const pair of input.pairs) ids.push(await insert(tx, context, pair, 'suggestion'));
    const items: PairResponse[] = [];
    for (const id of ids) {
      const row = await repository.findPair(tx, id);
      if (row) items.push(presentPair(row));
    }
    return { items };
  }

  async function end(context: ActorContext, id: string) {
    return database.transaction(async (tx) => {
      const row = await repository.findPair(tx, id, { forUpdate: true });
      if (!row) throw errors.notFound('指定されたペアが見つかりません。');
      const scope = memberScope(context);
      if (scope !== null) {
        const clinics = await repository.organizationsByIds(tx, [row.primary.id, row.secondary.id]);
        if (!clinics.some((clinic) => clinic.associationId === scope))
          throw errors.notFound('指定されたペアが見つかりません。');
      }
      if (row.status !== 'active') throw errors.invalidTransition('このペアは既に解消されています。');
      await repository.endPair(tx, id, clock.now());
      await writeAudit(tx, clock, context, {
        action: 'end',
        entity: 'doctor_pair',
        entityId: id,
        ownerOrganizationId: context.actor.organizationId,
      });
      const updated = await repository.findPair(tx, id);
      if (!updated) throw new Error('pair vanished after update');
      return presentPair(updated);
    });
  }

  /**
   * Which pairs a caller may read (authorised by role and organisation): an admin and the Center every pair (the
   * Center forms teams across the city and proposes the pair partner as secondary doctor); an association the pairs
   * of its member clinics (as it may end only those); anyone else only the pairs its own organisation is part of —
   * a clinic its own pairs, a hospital or the city none. Null: nothing to read (no organisation).
   */
  function readScope(context: ActorContext): { involving?: string; memberOf?: string } | null {
    const { role, organizationId } = context.actor;
    if (role === 'admin' || role === 'center_coordinator') return {};
    if (!organizationId) return null;
    return role === 'association_admin' ? { memberOf: organizationId } : { involving: organizationId };
  }

  /** One page of the pairs the caller may read, by area and the primary clinic's name (CONTRACT §2 lists). */
  async function list(context: ActorContext, query: ListPairsQuery) {
    const scope = readScope(context);
    if (!scope) return { items: [], nextCursor: null };
    const cursor = decodeCursor(query.cursor, 'textPair');
    const rows = await repository.listPairsPage(database.db, {
      ...scope,
      status: query.status,
      limit: query.limit + 1,
      ...(cursor ? { after: { areaCode: cursor.key[0], primaryName: cursor.key[1], id: cursor.id } } : {}),
      ...(query.areaCode ? { areaCode: query.areaCode } : {}),
      ...(query.organizationId ? { organizationId: query.organizationId } : {}),
    });
    const page = pageOf(rows, query.limit, (row) => ({ key: [row.areaCode, row.primary.name], id: row.id }));
    return { items: page.items.map(presentPair), nextCursor: page.nextCursor };
  }

  async function suggestions(
    context: ActorContext,
    query: { areaCode: string; maxDistanceKm?: number | undefined; maxPairsPerClinic?: number | undefined },
  ) {
    const maxDistanceKm = query.maxDistanceKm ?? settings.pairs.defaultMaxDistanceKm;
    const maxPairsPerClinic = query.maxPairsPerClinic ?? settings.pairs.defaultMaxPairsPerClinic;
    return database.transaction(async (tx) => {
      if (!(await repository.areaExists(tx, query.areaCode)))
        throw errors.validation([{ path: 'areaCode', message: `地域コード ${query.areaCode} は登録されていません。` }]);
      const clinics = (await repository.clinicsOfArea(tx, query.areaCode, memberScope(context))).filter(
        isHomeCareClinic,
      );
      const ids = clinics.map((clinic) => clinic.id);
      const pairCounts = await repository.activePairCounts(tx, ids);
      const loads = await loadsOf(tx, ids);
      const result = suggestPairs(
        clinics.map((clinic) => ({
          id: clinic.id,
          lat: clinic.lat ?? 0,
          lng: clinic.lng ?? 0,
          currentLoad: loads.get(clinic.id) ?? 0,
          activePairCount: pairCounts.get(clinic.id) ?? 0,
          wantsPartner: (pairCounts.get(clinic.id) ?? 0) === 0,
          groups: clinic.groups,
        })),
        { maxDistanceKm, maxPairsPerClinic },
      );
      const byId = new Map(clinics.map((clinic) => [clinic.id, clinic]));
      const describe = (id: string) => {
        const clinic = byId.get(id);
        return {
          id,
          name: clinic?.name ?? '',
          address: clinic?.address ?? '',
          currentLoad: loads.get(id) ?? 0,
          declaredCapacity: clinic?.declaredCapacity ?? null,
        };
      };
      await writeAudit(tx, clock, context, {
        action: 'suggest',
        entity: 'doctor_pair',
        details: { areaCode: query.areaCode, maxDistanceKm, maxPairsPerClinic, pairs: result.pairs.length },
      });
      return {
        areaCode: query.areaCode,
        maxDistanceKm,
        maxPairsPerClinic,
        wantingCount: clinics.filter((clinic) => (pairCounts.get(clinic.id) ?? 0) === 0).length,
        activePairCount: (await repository.listPairs(tx, { areaCode: query.areaCode, status: 'active' })).length,
        pairs: result.pairs.map((pair) => {
          const sharedGroups = pair.sharedGroups.filter((group): group is PatientGroup =>
            (patientGroups as readonly string[]).includes(group),
          );
          return {
            primary: describe(pair.primaryId),
            secondary: describe(pair.secondaryId),
            distanceKm: pair.distanceKm,
            isSecondPartner: pair.isSecondPartner,
            sharedGroups,
            reason: `共通する対象: ${sharedGroups.map((group) => patientGroupLabels[group]).join('・')}（${sharedGroups.length}つ）、距離 ${pair.distanceKm.toFixed(1)} km`,
          };
        }),
        unpaired: result.unpaired.map((entry) => ({
          organization: describe(entry.id),
          reason: entry.reason,
          message: unpairedMessages[entry.reason],
          params: { maxDistanceKm, maxPairsPerClinic, nearestKm: entry.nearestKm },
          nearestKm: entry.nearestKm,
        })),
        rule: wantsPartnerRule.text,
        ruleCode: wantsPartnerRule.code,
      };
    });
  }

  return { list, create, createMany, end, suggestions };
}

export type PairService = ReturnType<typeof createPairService>;
