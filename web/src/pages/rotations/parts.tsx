/**
 * Small pieces shared by the rotation pages: status and shift badges, dates the Japanese way, weekday and date
 * pickers for a clinic's declaration.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge';
import type { RosterStatus, ShiftKind, SwapStatus } from '../../api/rotations';

export const weekdays = [0, 1, 2, 3, 4, 5, 6] as const;

/** A form that opens below a list: brought into view with its heading focused, so that nobody misses it. */
export function useRevealOnOpen<Element extends HTMLElement>() {
  const ref = useRef<Element>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus();
  }, []);
  return ref;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function format(language: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const locale = language.startsWith('en') ? 'en-GB' : 'ja-JP';
  const cacheKey = `${locale}:${key}`;
  let found = dateFormats.get(cacheKey);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
    dateFormats.set(cacheKey, found);
  }
  return found;
}

const asUtc = (date: string) => new Date(`${date}T00:00:00Z`);

/** 6月1日(月) / Mon 1 Jun — a calendar date (YYYY-MM-DD), no time zone shift. */
export function shortDate(date: string, language: string): string {
  return format(language, { month: 'short', day: 'numeric', weekday: 'short' }, 'short').format(asUtc(date));
}

/** 2026年6月1日(月) / Mon, 1 Jun 2026 */
export function longDate(date: string, language: string): string {
  return format(language, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }, 'long').format(
    asUtc(date),
  );
}

/** A duty in words: 「2026年6月6日(土) 休日日中」 / "Sat, 6 June 2026 Holiday day". */
export function useDutyText() {
  const { t, i18n } = useTranslation('rotations');
  return (duty: { date: string; shift: ShiftKind }) =>
    `${longDate(duty.date, i18n.language)} ${t(`shift.${duty.shift}`)}`;
}

/** 2026年6月 / June 2026 */
export function monthLabel(month: string, language: string): string {
  return format(language, { year: 'numeric', month: 'long' }, 'month').format(asUtc(`${month}-01`));
}

/** 2026年6月1日(月)〜6月30日(火) */
export function periodLabel(from: string, to: string, language: string): string {
  // In English both ends in the app's date style: "Tue, 1 Dec 2026 – Thu, 31 Dec 2026".
  if (language.startsWith('en')) {
    const style = format(language, { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }, 'period');
    return `${style.format(asUtc(from))} – ${style.format(asUtc(to))}`;
  }
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const separator = language.startsWith('en') ? ' – ' : '〜';
  return `${longDate(from, language)}${separator}${sameYear ? shortDate(to, language) : longDate(to, language)}`;
}

export function RosterStatusBadge({ status }: { status: RosterStatus }) {
  const { t } = useTranslation('rotations');
  const tone = status === 'published' ? 'ok' : status === 'draft' ? 'warning' : 'neutral';
  return <Badge tone={tone}>{t(`rosterStatus.${status}`)}</Badge>;
}

export function SwapStatusBadge({ status }: { status: SwapStatus }) {
  const { t } = useTranslation('rotations');
  const tone = status === 'approved' ? 'ok' : status === 'requested' || status === 'accepted' ? 'warning' : 'neutral';
  return <Badge tone={tone}>{t(`swapStatus.${status}`)}</Badge>;
}

export function ShiftLabel({ shift }: { shift: ShiftKind }) {
  const { t } = useTranslation('rotations');
  return <span className={`shift-tag shift-${shift}`}>{t(`shift.${shift}`)}</span>;
}

/** A number for people: at most `digits` decimals, no trailing zeros. */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

type WeekdayProps = { legend: string; hint?: string; selected: readonly number[]; onChange: (days: number[]) => void };

export function WeekdayCheckboxes({ legend, hint, selected, onChange }: WeekdayProps) {
  const { t } = useTranslation('rotations');
  const toggle = (day: number, isChecked: boolean) =>
    onChange(weekdays.filter((entry) => (entry === day ? isChecked : selected.includes(entry))));
  return (
    <fieldset className="checkbox-group weekday-group">
      <legend>{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <div className="weekday-choices">
        {weekdays.map((day) => (
          <label key={day} className="choice">
            <input
              type="checkbox"
              checked={selected.includes(day)}
              onChange={(event) => toggle(day, event.target.checked)}
            />
            <span>{t(`weekday.${day}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

type DateListProps = { legend: string; hint?: string; dates: readonly string[]; onChange: (dates: string[]) => void };

/** A list of dates: pick one, add it; each added date can be removed again. */
export function DateListField({ legend, hint, dates, onChange }: DateListProps) {
  const { t, i18n } = useTranslation('rotations');
  const id = useId();
  const [value, setValue] = useState('');
  const add = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    onChange([...new Set([...dates, value])].sort());
    setValue('');
  };
  return (
    <fieldset className="date-list">
      <legend>{legend}</legend>
      {hint ? <p className="field-hint">{hint}</p> : null}
      <div className="inline-form">
        <div className="field field-short">
          <label htmlFor={`${id}-date`}>{t('declaration.dateToAdd')}</label>
          <input
            id={`${id}-date`}
            type="date"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
        </div>
        <button type="button" className="button button-secondary" onClick={add} disabled={value === ''}>
          {t('declaration.addDate')}
        </button>
      </div>
      {dates.length === 0 ? (
        <p className="muted small">{t('declaration.noDates')}</p>
      ) : (
        <ul className="chip-list">
          {dates.map((date) => (
            <li key={date}>
              <span>{longDate(date, i18n.language)}</span>
              <button
                type="button"
                className="chip-remove"
                onClick={() => onChange(dates.filter((entry) => entry !== date))}
                aria-label={t('declaration.removeDate', { date: longDate(date, i18n.language) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
