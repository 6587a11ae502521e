/**
 * A rule a roster change would break (the server's roster-rules.ts violation, as an API error detail
 * `rule_<rule>` with its `params`), said in the reader's language: rotations.json `violation.<rule>`, the dates
 * and the month the reader's way. The server's Japanese when the values do not suffice.
 */
import type { TFunction } from 'i18next';
import { longDate, monthLabel } from './parts';

export type Detail = {
  path: string;
  message: string;
  code?: string | undefined;
  params?: Readonly<Record<string, unknown>> | null;
};

/** The values each rule's sentence needs (the server's roster-rules.ts `params`). */
const needs: Record<string, readonly string[]> = {
  coverage: ['date', 'shift', 'count'],
  coverage_not_a_slot: ['date', 'shift'],
  member: ['date', 'shift'],
  unavailable_shift: ['date', 'shift', 'name'],
  unavailable_weekday: ['date', 'shift', 'name', 'weekday'],
  unavailable_date: ['date', 'shift', 'name'],
  spacing: ['name', 'previousDate', 'date', 'minDays'],
  monthly_cap: ['name', 'month', 'count', 'maxPerMonth'],
};

/** A broken rule in the reader's language, from its code and values; the server's Japanese when they do not suffice. */
export function violationText(t: TFunction, language: string, detail: Detail): string {
  const rule = detail.code?.startsWith('rule_') ? detail.code.slice('rule_'.length) : null;
  const params = detail.params ?? {};
  if (!rule) return detail.message;
  const variant = rule === 'unavailable' ? params.reason : params.variant;
  const key = typeof variant === 'string' && `${rule}_${variant}` in needs ? `${rule}_${variant}` : rule;
  const required = needs[key];
  if (!required || required.some((name) => params[name] === undefined || params[name] === null)) return detail.message;
  const text = (name: string) => {
    const value = params[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  return t(`rotations:violation.${key}`, {
    name: text('name'),
    count: Number(params.count ?? 0),
    minDays: text('minDays'),
    maxPerMonth: text('maxPerMonth'),
    date: params.date ? longDate(text('date'), language) : '',
    previousDate: params.previousDate ? longDate(text('previousDate'), language) : '',
    month: params.month ? monthLabel(text('month'), language) : '',
    shift: params.shift ? t(`shift.${text('shift')}`) : '',
    weekday: params.weekday !== undefined ? t(`weekday.${text('weekday')}`) : '',
  });
}
