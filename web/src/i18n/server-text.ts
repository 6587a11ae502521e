/**
 * Texts the server writes in Japanese (timeline, notifications, candidate and escalation reasons,
 * unassigned reasons, age bands), said in the user's language. In Japanese the server's text is
 * shown as it is. In English the text comes from the `server-text` namespace by the text's code,
 * filled with the values the server sent beside it (`params`, `details`); when the code has no
 * entry, or a value the entry needs is missing (older records), the server's Japanese text is
 * shown instead — never a raw key.
 */
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../format';

export const serverTextNamespace = 'server-text';

type ParamValue = string | number | boolean | null | readonly string[];
/** The values that accompany a server text (the server's domain/server-text.ts TextParams). */
export type TextParams = Readonly<Record<string, unknown>>;

/**
 * Parameters whose values are codes: where their labels are ([namespace, key prefix]). A code
 * without a label makes the text fall back to Japanese.
 */
const codeLabels: Record<string, readonly [string, string]> = {
  role: ['cases', 'codes.teamRole'],
  missingRoles: ['cases', 'codes.teamRole'],
  outcome: ['cases', 'codes.outcome'],
  wish: ['cases', 'codes.place'],
  declineReason: ['cases', 'codes.declineReason'],
  difficulty: ['cases', 'codes.difficulty'],
  procedure: ['translation', 'codes.procedure'],
  group: ['translation', 'codes.patientGroup'],
  availabilityStatus: ['translation', 'codes.availabilityStatus'],
  organizationKind: ['translation', 'codes.kind'],
  hospitalFunction: ['translation', 'codes.hospitalFunction'],
  calledAs: ['rotations', 'escalation.role'],
  shift: ['rotations', 'shift'],
  counterShift: ['rotations', 'shift'],
  fields: [serverTextNamespace, 'labels.caseField'],
  conferenceFields: [serverTextNamespace, 'labels.conferenceField'],
  wishMatch: [serverTextNamespace, 'labels.wishMatch'],
};

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const placeholderPattern = /\{\{\s*(\w+)\s*\}\}/g;

function isEnglish(i18n: I18n): boolean {
  return i18n.language === 'en';
}

function resource(i18n: I18n, namespace: string, key: string): string | null {
  const value: unknown = i18n.getResource('en', namespace, key);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** One value as English words, or null when it cannot be said (the text then falls back). */
function formatValue(i18n: I18n, name: string, value: ParamValue | undefined): string | null {
  if (value === undefined || value === null || typeof value === 'boolean') return null;
  const labels = codeLabels[name];
  const one = (item: string | number): string | null => {
    if (labels) return typeof item === 'string' ? resource(i18n, labels[0], `${labels[1]}.${item}`) : null;
    if (typeof item === 'number') return String(item);
    if (datePattern.test(item)) return formatDate(item, 'en');
    if (name.endsWith('At') && instantPattern.test(item)) return formatDateTime(item, 'en');
    return item;
  };
  if (Array.isArray(value)) {
    const items = (value as readonly unknown[]).map((item) =>
      typeof item === 'string' || typeof item === 'number' ? one(item) : null,
    );
    return items.some((item) => item === null) ? null : items.join(', ');
  }
  return one(value as string | number);
}

/** Fills a template's {{placeholders}}; null when a value is missing. */
function fill(i18n: I18n, template: string, params: TextParams): string | null {
  let isComplete = true;
  const text = template.replace(placeholderPattern, (_match, name: string) => {
    const value = formatValue(i18n, name, params[name] as ParamValue | undefined);
    if (value === null) isComplete = false;
    return value ?? '';
  });
  return isComplete ? text : null;
}

/** The template of a key, in the form the `variant` parameter chooses (`key_variant`), else the plain one. */
function template(i18n: I18n, key: string, params: TextParams): string | null {
  const variant = params.variant;
  if (typeof variant === 'string' && variant !== '') {
    const specific = resource(i18n, serverTextNamespace, `${key}_${variant}`);
    if (specific) return specific;
  }
  return resource(i18n, serverTextNamespace, key);
}

/**
 * A server text in the current language: `key` in the server-text namespace filled with `params`;
 * `fallback` (the server's Japanese) in Japanese, for an unknown key or a missing value. When
 * `key` is a group and `params.parts` lists pieces, each is `key.<part>`, joined by commas.
 */
export function serverText(i18n: I18n, key: string, params: TextParams | null | undefined, fallback: string): string {
  if (!isEnglish(i18n) || !params) return fallback;
  const found = template(i18n, key, params);
  if (found !== null) return fill(i18n, found, params)?.trim() ?? fallback;
  const parts = params.parts;
  if (Array.isArray(parts)) {
    const pieces = (parts as readonly unknown[]).map((part) => {
      if (typeof part !== 'string') return null;
      const piece = resource(i18n, serverTextNamespace, `${key}.${part}`);
      return piece === null ? null : fill(i18n, piece, params);
    });
    return pieces.length === 0 || pieces.some((piece) => piece === null) ? fallback : pieces.join(', ');
  }
  return fallback;
}

/** A candidate's reason: `procedure:ventilator` → reasons.procedure with {procedure}. */
export function reasonText(
  i18n: I18n,
  reason: { code: string; message: string; params?: TextParams | null | undefined },
): string {
  const [code = ''] = reason.code.split(':');
  return serverText(i18n, `reasons.${code}`, reason.params, reason.message);
}

/** Why a contact is in (or was left out of) the emergency chain. */
export function escalationReasonText(
  i18n: I18n,
  entry: { reason: string; reasonCode?: string | undefined; reasonParams?: TextParams | null | undefined },
): string {
  if (!entry.reasonCode) return entry.reason;
  return serverText(i18n, `escalation.${entry.reasonCode}`, entry.reasonParams, entry.reason);
}

/** What the emergency chain lacks (a note under the calling order). */
export function escalationNoteText(
  i18n: I18n,
  note: { code: string; params?: TextParams | null | undefined; text: string },
): string {
  return serverText(i18n, `escalationNotes.${note.code}`, note.params ?? {}, note.text);
}

/** Why a case of a batch-assignment proposal has no organisation. */
export function unassignedReasonText(
  i18n: I18n,
  entry: { reason: string; reasonCode?: string | undefined; reasonParams?: TextParams | null | undefined },
): string {
  if (!entry.reasonCode) return entry.reason;
  return serverText(i18n, `unassigned.${entry.reasonCode}`, entry.reasonParams, entry.reason);
}

/** A notification's title and body (the body stays empty when the server wrote none). */
export function notificationText(
  i18n: I18n,
  notification: { kind: string; title: string; body: string; params?: TextParams | null | undefined },
): { title: string; body: string } {
  const base = `notifications.${notification.kind}`;
  return {
    title: serverText(i18n, `${base}.title`, notification.params, notification.title),
    body: notification.body === '' ? '' : serverText(i18n, `${base}.body`, notification.params, notification.body),
  };
}

/** One entry of a case's timeline. */
export function timelineText(
  i18n: I18n,
  event: { kind: string; summary: string; details?: TextParams | null | undefined },
): string {
  return serverText(i18n, `timeline.${event.kind}`, event.details, event.summary);
}

/** 「70代」→ "70s", 「0〜4歳」→ "age 0–4", 「100歳以上」→ "100 and over" (minimum-necessary.ts). */
export function ageBandText(i18n: I18n, band: string): string {
  if (!isEnglish(i18n)) return band;
  const decade = /^(\d+)代$/.exec(band);
  const range = /^(\d+)〜(\d+)歳$/.exec(band);
  const over = /^(\d+)歳以上$/.exec(band);
  const filled = decade
    ? fill(i18n, resource(i18n, serverTextNamespace, 'ageBand.decade') ?? '', { decade: Number(decade[1]) })
    : range
      ? fill(i18n, resource(i18n, serverTextNamespace, 'ageBand.range') ?? '', {
          from: Number(range[1]),
          to: Number(range[2]),
        })
      : over
        ? fill(i18n, resource(i18n, serverTextNamespace, 'ageBand.over') ?? '', { age: Number(over[1]) })
        : null;
  return filled || band;
}

/** The renderers bound to the current language (re-rendered when it changes). */
export function useServerText() {
  const { i18n } = useTranslation(serverTextNamespace);
  return {
    reason: (reason: Parameters<typeof reasonText>[1]) => reasonText(i18n, reason),
    escalationReason: (entry: Parameters<typeof escalationReasonText>[1]) => escalationReasonText(i18n, entry),
    escalationNote: (note: Parameters<typeof escalationNoteText>[1]) => escalationNoteText(i18n, note),
    unassignedReason: (entry: Parameters<typeof unassignedReasonText>[1]) => unassignedReasonText(i18n, entry),
    notification: (notification: Parameters<typeof notificationText>[1]) => notificationText(i18n, notification),
    timeline: (event: Parameters<typeof timelineText>[1]) => timelineText(i18n, event),
    ageBand: (band: string) => ageBandText(i18n, band),
  };
}
