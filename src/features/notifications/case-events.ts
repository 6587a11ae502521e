/**
 * Live case events: "something on this case changed" for the people whose page shows it. Unlike
 * notifications they are not stored and need nobody's action; they only tell open case pages to
 * fetch again, and name the case and what changed — never patient data. Announced with NOTIFY in
 * the caller's transaction, so every server instance hears them exactly when the change commits
 * (and never when it rolls back); GET /api/v1/events hands them on as `case_updated`.
 */
import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/client.js';

export const caseEventChannel = 'renkei_case_events';

/** What changed on the case page: its thread, its conferences, its team, its timeline. */
export const caseEventParts = ['messages', 'conferences', 'team', 'timeline'] as const;
export type CaseEventPart = (typeof caseEventParts)[number];

/** What travels on the channel: who may hear it (organisations) and what the stream passes on. */
export type CaseEventSignal = { caseId: string; what: CaseEventPart; organizationIds: string[] };

/** What a stream receives (the organisations stay on the server). */
export type CaseUpdatedEvent = { type: 'case_updated'; caseId: string; what: CaseEventPart };

/** NOTIFY payloads are limited to 8000 bytes: a long list of organisations goes in several signals. */
const organizationsPerSignal = 100;

/**
 * Announces a change of the case to the organisations that may see it (the caller passes the
 * case's circle, e.g. CaseMessageService.threadOrganizations). Call inside the change's transaction.
 */
export async function publishCaseEvent(
  executor: DbExecutor,
  event: { caseId: string; what: CaseEventPart; organizationIds: readonly string[] },
): Promise<void> {
  const organizationIds = [...new Set(event.organizationIds)];
  for (let index = 0; index < organizationIds.length; index += organizationsPerSignal) {
    const signal: CaseEventSignal = {
      caseId: event.caseId,
      what: event.what,
      organizationIds: organizationIds.slice(index, index + organizationsPerSignal),
    };
    await executor.execute(sql`select pg_notify(${caseEventChannel}, ${JSON.stringify(signal)})`);
  }
}

/** A payload heard on the channel, or null when it is not a case event. */
export function parseCaseEventSignal(payload: string): CaseEventSignal | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { caseId, what, organizationIds } = value as Record<string, unknown>;
  if (typeof caseId !== 'string' || !caseEventParts.includes(what as CaseEventPart)) return null;
  if (!Array.isArray(organizationIds) || !organizationIds.every((id) => typeof id === 'string')) return null;
  return { caseId, what: what as CaseEventPart, organizationIds };
}
