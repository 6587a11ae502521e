/**
 * Swapping duties (当番の交代): a clinic asks to give away one of its duties (to one clinic or to
 * the whole group, optionally taking one of the other's duties in return); another member clinic
 * accepts; the group's administrator approves, and only then do the duties change hands. The
 * rules are checked when accepted and again when approved (422 with the broken rule); a duty that
 * changed hands meanwhile makes the request outdated (409). Everyone affected is notified.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { Tx } from '../../db/client.js';
import { errors } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/notifications.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { InvalidTransitionError } from '../../domain/cases/state-machine.js';
import { nextSwapStatus, type SwapEvent, type SwapStatus } from '../../domain/roster/roster-state.js';
import { swapViolations, type DutyChange } from '../../domain/roster/swap-rules.js';
import { canActForClinic, isGroupMember } from '../../domain/roster/rotation-policy.js';
import { shiftLabels, type ShiftKind } from '../../domain/roster/roster-types.js';
import * as repository from './rotation.repository.js';
import { loadRoster, type LoadedRoster } from './roster.service.js';
import { presentSwap } from './rotation.presenter.js';
import { problemOfRoster } from './roster-problem.js';
import type { CreateSwapRequest } from './rotation.schema.js';
import type { TextParams } from '../../domain/server-text.js';
import { japaneseDate } from '../../platform/time.js';

function transitionOrThrow(status: string, event: SwapEvent): SwapStatus {
  try {
    return nextSwapStatus(status as SwapStatus, event);
  } catch (error) {
    if (error instanceof InvalidTransitionError) throw errors.invalidTransition(error.message);
    throw error;
  }
}

/** 「2026年12月1日(火) 平日夜間」: the date as the other notices say it. */
const dutyLabel = (duty: repository.DutyRow) =>
  `${japaneseDate(duty.date)} ${shiftLabels[duty.shift as ShiftKind] ?? duty.shift}`;

/** The values of a swap notice (domain/server-text.ts): which step, the duty and the one given in exchange. */
function swapParams(
  step: string,
  duty: repository.DutyRow,
  counter: repository.DutyRow | null,
  extra: TextParams = {},
): TextParams {
  return {
    variant: counter ? `${step}_counter` : step,
    date: duty.date,
    shift: duty.shift,
    counterDate: counter?.date ?? null,
    counterShift: counter?.shift ?? null,
    ...extra,
  };
}

export function createSwapService(deps: AppDeps) {
  const { database, clock } = deps;

  async function present(tx: Tx, swaps: repository.SwapRow[], rosterId: string) {
    const duties = new Map((await repository.dutiesOf(tx, [rosterId])).map((duty) => [duty.id, duty]));
    const names = await repository.organizationNames(
      tx,
      swaps.flatMap((swap) => [swap.requestingOrganizationId, swap.acceptingOrganizationId ?? '']).filter(Boolean),
    );
    return swaps.map((swap) => presentSwap(swap, duties, names));
  }

  /** One swap as the API answers it. */
  async function presentOne(tx: Tx, swap: repository.SwapRow, rosterId: string) {
    const [presented] = await present(tx, [swap], rosterId);
    if (!presented) throw errors.notFound();
    return presented;
  }

  async function publishedRoster(tx: Tx, context: ActorContext, rosterId: string, forUpdate = false) {
    const loaded = await loadRoster(tx, context, rosterId, { forUpdate });
    if (loaded.roster.status !== 'published')
      throw errors.invalidTransition('交代は公開済みの輪番表でのみ依頼できます。');
    return loaded;
  }

  async function dutyOf(tx: Tx, loaded: LoadedRoster, dutyId: string, path: string) {
    const duty = await repository.findDuty(tx, dutyId);
    if (duty?.rosterId !== loaded.roster.id)
      throw errors.validation([{ path, message: 'この輪番表の当番ではありません。' }]);
    return duty;
  }

  /** Throws 422 when handing `duty` to `to` (and `counter` back) would break a rule. */
  async function checkRules(tx: Tx, loaded: LoadedRoster, changes: DutyChange[]) {
    const problem = await problemOfRoster(tx, loaded.roster);
    const duties = (await repository.dutiesOf(tx, [loaded.roster.id])).map((duty) => ({
      date: duty.date,
      shift: duty.shift as ShiftKind,
      organizationId: duty.organizationId,
    }));
    const violations = swapViolations(problem, duties, changes);
    if (violations.length > 0)
      throw errors.unprocessable(
        'swap_breaks_rules',
        `この交代は輪番の規則に反します: ${violations[0]?.message ?? ''}`,
        violations.map((violation) => ({
          path: `${violation.date}${violation.shift ? `/${violation.shift}` : ''}`,
          message: violation.message,
          code: `rule_${violation.rule}`,
          params: violation.params,
        })),
      );
  }

  function changesOf(duty: repository.DutyRow, counter: repository.DutyRow | null, receiver: string): DutyChange[] {
    const changes: DutyChange[] = [{ date: duty.date, shift: duty.shift as ShiftKind, toOrganizationId: receiver }];
    if (counter)
      changes.push({ date: counter.date, shift: counter.shift as ShiftKind, toOrganizationId: duty.organizationId });
    return changes;
  }

  async function notifyAll(
    tx: Tx,
    organizationIds: (string | null)[],
    message: { title: string; body: string; params: TextParams; rosterId: string; swapId: string },
  ) {
    for (const organizationId of new Set(organizationIds.filter((id): id is string => Boolean(id)))) {
      await notify(tx, clock, {
        recipientOrganizationId: organizationId,
        kind: 'duty_swap',
        title: message.title,
        body: message.body,
        params: message.params,
        // At the request itself, where 引き受ける / 承認する are (the roster page scrolls to it).
        link: `/rotations/rosters/${message.rosterId}#swap-${message.swapId}`,
        entity: 'duty_swap',
        entityId: message.swapId,
      });
    }
  }

  async function list(
    context: ActorContext,
    rosterId: string,
    query: { limit: number; cursor?: string | undefined; status?: string | undefined },
  ) {
    return database.transaction(async (tx) => {
      await loadRoster(tx, context, rosterId);
      const cursor = decodeCursor(query.cursor, 'timestamp');
      const rows = await repository.swapsOf(tx, rosterId, {
        status: query.status,
        limit: query.limit,
        after: cursor ? { createdAt: new Date(cursor.key), id: cursor.id } : undefined,
      });
      const page = pageOf(rows, query.limit, (row) => ({ key: row.createdAt.toISOString(), id: row.id }));
      return { items: await present(tx, page.items, rosterId), nextCursor: page.nextCursor };
    });
  }

  async function request(context: ActorContext, rosterId: string, input: CreateSwapRequest, tx: Tx) {
    const loaded = await publishedRoster(tx, context, rosterId, true);
    const duty = await dutyOf(tx, loaded, input.dutyId, 'dutyId');
    if (!canActForClinic(context.actor, loaded.group.facts, duty.organizationId))
      throw errors.forbidden('自院の当番についてのみ交代を依頼できます。');
    const counter = input.counterDutyId ? await dutyOf(tx, loaded, input.counterDutyId, 'counterDutyId') : null;
    const target = input.targetOrganizationId ?? counter?.organizationId ?? null;
    if (target && !loaded.group.facts.memberOrganizationIds.includes(target))
      throw errors.badRequest('organization_not_in_group', '交代を頼む診療所がグループに参加していません。');
    if (target === duty.organizationId)
      throw errors.validation([{ path: 'targetOrganizationId', message: '自院には交代を頼めません。' }]);
    if (counter && counter.organizationId !== target)
      throw errors.validation([
        { path: 'counterDutyId', message: '代わりの当番は交代を頼む診療所の当番を指定してください。' },
      ]);
    if ((await repository.openSwapsForDuties(tx, [duty.id, ...(counter ? [counter.id] : [])])).length > 0)
      throw errors.conflict('swap_pending', 'この当番には処理中の交代依頼があります。');
    if (target) await checkRules(tx, loaded, changesOf(duty, counter, target));
    const id = randomUUID();
    const now = clock.now();
    await repository.insertSwap(tx, {
      id,
      rosterId,
      dutyId: duty.id,
      requestingOrganizationId: duty.organizationId,
      counterDutyId: counter?.id ?? null,
      acceptingOrganizationId: target,
      status: 'requested',
      note: input.note ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, clock, context, {
      action: 'create',
      entity: 'duty_swap',
      entityId: id,
      ownerOrganizationId: duty.organizationId,
      details: { rosterId, dutyId: duty.id, target },
    });
    const recipients = target
      ? [target]
      : loaded.group.facts.memberOrganizationIds.filter((member) => member !== duty.organizationId);
    await notifyAll(tx, recipients, {
      title: `当番の交代依頼: ${dutyLabel(duty)}`,
      body: `${duty.organizationName}から ${dutyLabel(duty)} の交代を依頼されました${counter ? `（代わりに ${dutyLabel(counter)} を引き受け）` : ''}。${input.note ?? ''}`,
      params: swapParams('request', duty, counter ?? null, {
        organizationName: duty.organizationName,
        note: input.note ?? '',
      }),
      rosterId,
      swapId: id,
    });
    // The association approves every swap once a clinic accepts it (and may reject it before): it hears of the
    // request now, worded for the one who reviews it rather than the one asked.
    const associationId = loaded.group.group.associationId;
    if (associationId && !recipients.includes(associationId)) {
      const targetName = target ? ((await repository.organizationNames(tx, [target])).get(target) ?? null) : null;
      const asked = targetName ? `${targetName}に` : 'グループの全診療所に';
      await notifyAll(tx, [associationId], {
        title: `当番の交代が依頼されました: ${dutyLabel(duty)}`,
        body: `${duty.organizationName}が${asked} ${dutyLabel(duty)} の交代を依頼しました。${targetName ? '引き受けられたら' : 'いずれかの診療所が引き受けたら'}承認してください（不要な依頼はその前に却下できます）。${input.note ?? ''}`,
        params: swapParams(targetName ? 'request_review' : 'request_review_group', duty, null, {
          organizationName: duty.organizationName,
          targetOrganizationName: targetName,
          note: input.note ?? '',
        }),
        rosterId,
        swapId: id,
      });
    }
    const swap = await repository.findSwap(tx, rosterId, id);
    if (!swap) throw errors.notFound();
    return presentOne(tx, swap, rosterId);
  }

  async function act(
    context: ActorContext,
    rosterId: string,
    swapId: string,
    event: SwapEvent,
    options: { counterDutyId?: string | undefined; reason?: string | undefined } = {},
  ) {
    return database.transaction(async (tx) => {
      const loaded = await publishedRoster(tx, context, rosterId, event === 'approve');
      const swap = await repository.findSwap(tx, rosterId, swapId, { forUpdate: true });
      if (!swap) throw errors.notFound('指定された交代依頼が見つかりません。');
      const status = transitionOrThrow(swap.status, event);
      const duty = await dutyOf(tx, loaded, swap.dutyId, 'dutyId');
      const { actor } = context;
      const values: Partial<repository.SwapRow> = { status, updatedAt: clock.now(), version: swap.version + 1 };
      let message: { title: string; body: string; params: TextParams; to: (string | null)[] };
      switch (event) {
        case 'accept': {
          const acceptor = actor.organizationId;
          if (!isGroupMember(actor, loaded.group.facts) || !acceptor || acceptor === swap.requestingOrganizationId)
            throw errors.forbidden('グループの他の診療所だけが交代を引き受けられます。');
          if (swap.acceptingOrganizationId && swap.acceptingOrganizationId !== acceptor)
            throw errors.forbidden('この交代依頼は別の診療所あてです。');
          const counterId = swap.counterDutyId ?? options.counterDutyId ?? null;
          const counter = counterId ? await dutyOf(tx, loaded, counterId, 'counterDutyId') : null;
          if (counter && counter.organizationId !== acceptor)
            throw errors.validation([
              { path: 'counterDutyId', message: '代わりに渡す当番は自院の当番を指定してください。' },
            ]);
          if (counter && !swap.counterDutyId && (await repository.openSwapsForDuties(tx, [counter.id])).length > 0)
            throw errors.conflict('swap_pending', '代わりに渡す当番には処理中の交代依頼があります。');
          await checkRules(tx, loaded, changesOf(duty, counter, acceptor));
          values.acceptingOrganizationId = acceptor;
          values.counterDutyId = counter?.id ?? null;
          message = {
            title: `交代が承諾されました: ${dutyLabel(duty)}`,
            body: `${dutyLabel(duty)} の交代を承諾しました。医師会の承認をお待ちください。`,
            params: swapParams('accept', duty, null),
            to: [swap.requestingOrganizationId, loaded.group.group.associationId],
          };
          break;
        }
        case 'decline':
          if (
            !swap.acceptingOrganizationId ||
            actor.organizationId !== swap.acceptingOrganizationId ||
            !isGroupMember(actor, loaded.group.facts)
          )
            throw errors.forbidden('依頼された診療所だけが辞退できます。');
          message = {
            title: `交代が辞退されました: ${dutyLabel(duty)}`,
            body: options.reason ?? '',
            params: swapParams('decline', duty, null, { note: options.reason ?? '' }),
            to: [swap.requestingOrganizationId],
          };
          break;
        case 'withdraw':
          if (!canActForClinic(actor, loaded.group.facts, swap.requestingOrganizationId))
            throw errors.forbidden('依頼した診療所だけが取り下げられます。');
          message = {
            title: `交代依頼が取り下げられました: ${dutyLabel(duty)}`,
            body: '',
            params: swapParams('withdraw', duty, null),
            to: [swap.acceptingOrganizationId],
          };
          break;
        case 'reject':
        case 'approve': {
          if (!loaded.group.canManage) throw errors.forbidden('交代の承認は輪番グループの管理者が行います。');
          const counter = swap.counterDutyId ? await dutyOf(tx, loaded, swap.counterDutyId, 'counterDutyId') : null;
          if (event === 'approve') {
            if (
              duty.organizationId !== swap.requestingOrganizationId ||
              (counter && counter.organizationId !== swap.acceptingOrganizationId)
            )
              throw errors.conflict('swap_outdated', '依頼後に当番の担当が変わったため、この交代は承認できません。');
            const receiver = swap.acceptingOrganizationId ?? '';
            await checkRules(tx, loaded, changesOf(duty, counter, receiver));
            await repository.setDutyOrganization(tx, duty.id, receiver);
            if (counter) await repository.setDutyOrganization(tx, counter.id, swap.requestingOrganizationId);
            await repository.updateRoster(tx, rosterId, { version: loaded.roster.version + 1 });
          }
          message = {
            title: `当番の交代が${event === 'approve' ? '承認' : '却下'}されました: ${dutyLabel(duty)}`,
            body:
              event === 'approve'
                ? `${dutyLabel(duty)} の担当が変わりました${counter ? `（${dutyLabel(counter)} も交代）` : ''}。カレンダー（.ics）を取り込み直してください。`
                : (options.reason ?? ''),
            params: swapParams(event, duty, event === 'approve' ? counter : null, { note: options.reason ?? '' }),
            to: [swap.requestingOrganizationId, swap.acceptingOrganizationId],
          };
          break;
        }
      }
      await repository.updateSwap(tx, swapId, values);
      await writeAudit(tx, clock, context, {
        action: event,
        entity: 'duty_swap',
        entityId: swapId,
        ownerOrganizationId: swap.requestingOrganizationId,
        details: { rosterId, dutyId: swap.dutyId, ...(options.reason ? { reason: options.reason } : {}) },
      });
      await notifyAll(tx, message.to, {
        title: message.title,
        body: message.body,
        params: message.params,
        rosterId,
        swapId,
      });
      const updated = await repository.findSwap(tx, rosterId, swapId);
      if (!updated) throw errors.notFound();
      return presentOne(tx, updated, rosterId);
    });
  }

  return { list, request, act };
}

export type SwapService = ReturnType<typeof createSwapService>;
