/**
 * Live case events: the signed-in shell's one stream (GET /api/v1/events, useNotificationStream) hands each
 * `case_updated` event — a case and what changed on it, no patient data — to the case pages open in this tab
 * (useLiveCase), which fetch that part again. When the stream comes back after a drop (events may have been missed
 * meanwhile), `resumed` has the open case pages fetch everything again.
 */

/** What changed on a case: its thread, conferences, team or timeline (another value: anything). */
export type CaseUpdatedEvent = { type: 'case_updated'; caseId: string; what: string };

/** The stream came back after a drop. */
export type StreamResumedEvent = { type: 'resumed' };

type Listener = (event: CaseUpdatedEvent | StreamResumedEvent) => void;

const listeners = new Set<Listener>();

export function isCaseUpdatedEvent(value: unknown): value is CaseUpdatedEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { type, caseId, what } = value as Record<string, unknown>;
  return type === 'case_updated' && typeof caseId === 'string' && typeof what === 'string';
}

/** Called by the stream for every `case_updated` event, and with `resumed` when it reconnected. */
export function publishCaseUpdated(event: CaseUpdatedEvent | StreamResumedEvent): void {
  for (const listener of listeners) listener(event);
}

/** Listens to the case events of this tab; returns the function that stops listening. */
export function subscribeCaseUpdated(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
