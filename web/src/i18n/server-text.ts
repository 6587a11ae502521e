/**
 * Texts the server writes in Japanese (timeline, notifications, candidate and escalation reasons,
 * unassigned reasons, age bands, consultation subjects, pair suggestions, composed area names, data
 * sources), said in the user's language. In Japanese the server's text is
 * shown as it is. In English the text comes from the `server-text` namespace by the text's code,
 * filled with the values the server sent beside it (`params`, `details`); when the code has no
 * entry, or a value the entry needs is missing (older records), the server's Japanese text is
 * shown instead — never a raw key.
 */
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatMonth } from '../format';
import { cityNameIn, wardNameIn } from '../components/public/ward-names';

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
  previousOutcome: ['cases', 'codes.outcome'],
  wish: ['cases', 'codes.place'],
  declineReason: ['cases', 'codes.declineReason'],
  difficulty: ['cases', 'codes.difficulty'],
  procedure: ['translation', 'codes.procedure'],
  relatedProcedures: ['translation', 'codes.procedure'],
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

/**
 * A ward the server named in Japanese (「東区」 or 「岡山市東区」) in the current language ("Higashi Ward", "Higashi Ward,
 * Okayama City"), found by its Japanese name among the wards of public.json `wardNames` — the names 地域の分析 uses;
 * the city (「岡山市」) by cityNameIn. Any other name (an area the client does not know) is kept as the server wrote it.
 */
export function wardNameFromJapanese(i18n: I18n, name: string): string {
  const wards: unknown = i18n.getResource('ja', 'public', 'wardNames');
  if (typeof wards !== 'object' || wards === null) return name;
  for (const [code, ward] of Object.entries(wards as Record<string, { name?: unknown; fullName?: unknown }>)) {
    if (typeof ward.name !== 'string' || typeof ward.fullName !== 'string') continue;
    const named = { code, name: ward.name, fullName: ward.fullName };
    if (ward.name === name) return wardNameIn(i18n, named, 'name');
    if (ward.fullName === name) return wardNameIn(i18n, named, 'fullName');
  }
  return cityNameIn(i18n, name);
}

/** Parameters whose values are the Japanese name of an area: said by the ward's translated name. */
const areaNameParams: readonly string[] = ['areaName'];

/** One value as English words, or null when it cannot be said (the text then falls back). */
function formatValue(i18n: I18n, name: string, value: ParamValue | undefined): string | null {
  if (value === undefined || value === null || typeof value === 'boolean') return null;
  const labels = codeLabels[name];
  const one = (item: string | number): string | null => {
    if (labels) return typeof item === 'string' ? resource(i18n, labels[0], `${labels[1]}.${item}`) : null;
    if (typeof item === 'number') return String(item);
    if (areaNameParams.includes(name)) return wardNameFromJapanese(i18n, item);
    if (name === 'ageBand') return ageBandText(i18n, item);
    if (datePattern.test(item)) return formatDate(item, 'en');
    if (name === 'month' && /^\d{4}-\d{2}$/.test(item)) return formatMonth(item, 'en');
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

const englishPlurals = new Intl.PluralRules('en');

/**
 * The template of a key: in the form the `variant` parameter chooses (`key_variant`), else the plain one; each
 * in the plural form of the `count` parameter first (`key_one`, `key_variant_other`), as i18next names them.
 */
function template(i18n: I18n, key: string, params: TextParams): string | null {
  const variant = params.variant;
  // The number the words count: `count`, else a number of days the text says ("1 day ago").
  const count = typeof params.count === 'number' ? params.count : params.ageDays;
  const forms = typeof variant === 'string' && variant !== '' ? [`${key}_${variant}`, key] : [key];
  for (const form of forms) {
    const plural =
      typeof count === 'number' ? resource(i18n, serverTextNamespace, `${form}_${englishPlurals.select(count)}`) : null;
    const found = plural ?? resource(i18n, serverTextNamespace, form);
    if (found) return found;
  }
  return null;
}

/**
 * A server text in the current language: `key` in the server-text namespace filled with `params`;
 * `fallback` (the server's Japanese) in Japanese, for an unknown key or a missing value. When
 * `key` is a group and `params.parts` lists pieces, each is `key.<part>`, joined by commas.
 */
export function serverText(
  i18n: I18n,
  key: string,
  givenParams: TextParams | null | undefined,
  fallback: string,
): string {
  if (!isEnglish(i18n)) return fallback;
  // A text without values (e.g. a timeline entry that needs none) is said by its key alone.
  const params = givenParams ?? {};
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

/** A consultation's subject: the one the server wrote from its code and values; a typed one as it is. */
export function consultationSubjectText(
  i18n: I18n,
  consultation: {
    subject: string;
    subjectCode?: string | null | undefined;
    subjectParams?: TextParams | null | undefined;
  },
): string {
  if (!consultation.subjectCode) return consultation.subject;
  return serverText(
    i18n,
    `consultationSubjects.${consultation.subjectCode}`,
    consultation.subjectParams,
    consultation.subject,
  );
}

/** Why a clinic got no partner in the pair suggestions (its `reason` is the code). */
export function unpairedPairReasonText(
  i18n: I18n,
  entry: { reason: string; message: string; params?: TextParams | null | undefined },
): string {
  return serverText(i18n, `pairs.unpaired.${entry.reason}`, entry.params, entry.message);
}

/** The rule the pair suggestions follow. */
export function pairRuleText(i18n: I18n, suggestions: { rule: string; ruleCode?: string | null | undefined }): string {
  if (!suggestions.ruleCode) return suggestions.rule;
  return serverText(i18n, `pairs.rule.${suggestions.ruleCode}`, {}, suggestions.rule);
}

/**
 * An area's name the server composed (「岡山市全体」 → "Okayama City (whole city)"); a ward's name in the language shown
 * ("Kita Ward, Okayama City").
 */
export function areaNameText(
  i18n: I18n,
  area: { areaName: string; areaNameCode?: string | null | undefined; areaNameParams?: TextParams | null | undefined },
): string {
  if (!area.areaNameCode) return wardNameFromJapanese(i18n, area.areaName);
  const params = area.areaNameParams;
  const cityName = params?.name;
  const shownParams = typeof cityName === 'string' ? { ...params, name: cityNameIn(i18n, cityName) } : params;
  return serverText(i18n, `areaNames.${area.areaNameCode}`, shownParams, area.areaName);
}

const monthPattern = /^\d{4}-\d{2}$/;

const plainDateFormats = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }),
};

/** The date of a data set without the weekday: 2021-01-01 → 2021年1月1日 / "1 Jan 2021"; anything else as given. */
export function plainDate(date: string, language: 'ja' | 'en'): string {
  const match = datePattern.exec(date) ? date.split('-').map(Number) : null;
  if (!match) return date;
  const value = new Date(Date.UTC(match[0] ?? 0, (match[1] ?? 1) - 1, match[2] ?? 1));
  return Number.isNaN(value.getTime()) ? date : plainDateFormats[language].format(value);
}

export type DataSourceText = {
  attribution: string;
  license: string | null;
  asOf: string | null;
  /** How the data reached us and how sure it is (the data page only). */
  note: string | null;
  /** In English, who published the data and its title, for "Source: <publisher>, “<title>”"; null in Japanese. */
  named: { publisher: string; title: string } | null;
};

/**
 * A data source's texts in the current language. Its 出典 line stays as the licence words it (Japanese) unless the
 * source is Renkei's own (利用者が登録した情報, デモ用…), said by the source's id; the licence, the note, and in English
 * the publisher and the title likewise by id; a date (2025-08, 2021-01-01) is written the way of the language, without
 * the weekday.
 */
export function dataSourceText(
  i18n: I18n,
  source: { id: string; attribution: string; license: string | null; asOf: string | null; note?: string | null },
): DataSourceText {
  const byId = (field: string, text: string | null): string | null => {
    if (text === null || !isEnglish(i18n)) return text;
    return resource(i18n, serverTextNamespace, `dataSources.${source.id}.${field}`) ?? text;
  };
  const asOf = source.asOf;
  const language = isEnglish(i18n) ? 'en' : 'ja';
  const publisher = isEnglish(i18n) ? resource(i18n, serverTextNamespace, `dataSources.${source.id}.publisher`) : null;
  const title = isEnglish(i18n) ? resource(i18n, serverTextNamespace, `dataSources.${source.id}.title`) : null;
  return {
    attribution: byId('attribution', source.attribution) ?? source.attribution,
    license: byId('license', source.license),
    asOf:
      asOf === null
        ? null
        : monthPattern.test(asOf)
          ? formatMonth(asOf, language)
          : datePattern.test(asOf)
            ? plainDate(asOf, language)
            : byId('asOf', asOf),
    note: byId('note', source.note ?? null),
    named: publisher && title ? { publisher, title } : null,
  };
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
    consultationSubject: (consultation: Parameters<typeof consultationSubjectText>[1]) =>
      consultationSubjectText(i18n, consultation),
    unpairedPairReason: (entry: Parameters<typeof unpairedPairReasonText>[1]) => unpairedPairReasonText(i18n, entry),
    pairRule: (suggestions: Parameters<typeof pairRuleText>[1]) => pairRuleText(i18n, suggestions),
    areaName: (area: Parameters<typeof areaNameText>[1]) => areaNameText(i18n, area),
    /** A ward (or the city) the server named in Japanese, in the language shown. */
    wardName: (name: string) => wardNameFromJapanese(i18n, name),
    dataSource: (source: Parameters<typeof dataSourceText>[1]) => dataSourceText(i18n, source),
    apiError: (error: Parameters<typeof apiErrorText>[1]) => apiErrorText(i18n, error),
    apiErrorDetail: (detail: Parameters<typeof apiErrorDetailText>[1]) => apiErrorDetailText(i18n, detail),
  };
}

/**
 * The top line of an API error: in English by its most specific code (`errors.<reason ?? code>`, a
 * general sentence for the code — the server's Japanese message may name more, e.g. the record's new
 * version).
 */
export function apiErrorText(
  i18n: I18n,
  error: { code: string; reason?: string | undefined; message: string },
): string {
  return serverText(i18n, `errors.${error.reason ?? error.code}`, {}, error.message);
}

/** One detail of an API error (e.g. why a roster cannot be made): by its code where it has one. */
export function apiErrorDetailText(
  i18n: I18n,
  detail: { path?: string; message: string; code?: string | undefined; params?: TextParams | null | undefined },
): string {
  if (!detail.code) return detail.message;
  return serverText(i18n, `errorDetails.${detail.code}`, detail.params ?? {}, detail.message);
}
