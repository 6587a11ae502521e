/**
 * The rules of a rotation group as form fields: spacing between two duties of one clinic, the monthly cap, the
 * burden weight of each shift (holiday nights weigh most) and which days count as 休日 (national holidays,
 * 年末年始). Checked here only for what a person can fix at once; the server checks everything again.
 */
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { shiftKinds, type RosterSettings, type ShiftKind } from '../../api/rotations';
import { TextField } from '../../components/TextField';

export type RulesDraft = {
  minDaysBetweenDuties: string;
  maxDutiesPerMonth: string;
  weights: Record<ShiftKind, string>;
  includeNationalHolidays: boolean;
  yearEndEnabled: boolean;
  yearEndFrom: string;
  yearEndTo: string;
};

export const defaultRules: RulesDraft = {
  minDaysBetweenDuties: '3',
  maxDutiesPerMonth: '6',
  weights: { weeknight: '1', holiday_day: '1.5', holiday_night: '2' },
  includeNationalHolidays: true,
  yearEndEnabled: true,
  yearEndFrom: '12-29',
  yearEndTo: '01-03',
};

export function rulesDraftOf(settings: RosterSettings): RulesDraft {
  return {
    minDaysBetweenDuties: String(settings.minDaysBetweenDuties),
    maxDutiesPerMonth: String(settings.maxDutiesPerMonth),
    weights: {
      weeknight: String(settings.shiftWeights.weeknight),
      holiday_day: String(settings.shiftWeights.holiday_day),
      holiday_night: String(settings.shiftWeights.holiday_night),
    },
    includeNationalHolidays: settings.includeNationalHolidays,
    yearEndEnabled: settings.yearEnd.isEnabled,
    yearEndFrom: settings.yearEnd.fromMonthDay,
    yearEndTo: settings.yearEnd.toMonthDay,
  };
}

type Settings = Omit<RosterSettings, 'times'>;

/** The request's `settings`, or the field problems (keyed by field name) a person should fix first. */
export function rulesRequest(
  draft: RulesDraft,
): { ok: true; value: Settings } | { ok: false; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const integer = (value: string, min: number, max: number, field: string, message: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) problems[field] = message;
    return parsed;
  };
  const minDays = integer(draft.minDaysBetweenDuties, 0, 31, 'minDaysBetweenDuties', 'rules.minDaysInvalid');
  const maxDuties = integer(draft.maxDutiesPerMonth, 1, 31, 'maxDutiesPerMonth', 'rules.maxDutiesInvalid');
  const weights = {} as Record<ShiftKind, number>;
  for (const shift of shiftKinds) {
    const parsed = Number(draft.weights[shift]);
    if (!Number.isFinite(parsed) || parsed < 0.1 || parsed > 10) problems[`weight.${shift}`] = 'rules.weightInvalid';
    weights[shift] = parsed;
  }
  if (!problems['weight.holiday_night'] && weights.holiday_night < Math.max(weights.weeknight, weights.holiday_day))
    problems['weight.holiday_night'] = 'rules.nightHeaviest';
  const monthDay = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
  if (draft.yearEndEnabled && !monthDay.test(draft.yearEndFrom)) problems.yearEndFrom = 'rules.monthDayInvalid';
  if (draft.yearEndEnabled && !monthDay.test(draft.yearEndTo)) problems.yearEndTo = 'rules.monthDayInvalid';
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      minDaysBetweenDuties: minDays,
      maxDutiesPerMonth: maxDuties,
      shiftWeights: weights,
      includeNationalHolidays: draft.includeNationalHolidays,
      yearEnd: { isEnabled: draft.yearEndEnabled, fromMonthDay: draft.yearEndFrom, toMonthDay: draft.yearEndTo },
    },
  };
}

type Props = {
  draft: RulesDraft;
  onChange: (draft: RulesDraft) => void;
  /** Field problems from rulesRequest (translation keys) or the page's own checks (sentences). */
  problems: Record<string, string>;
  serverError: ApiError | null;
};

export function RulesFields({ draft, onChange, problems, serverError }: Props) {
  const { t } = useTranslation('rotations');
  const error = (field: string, path: string) => {
    const own = problems[field];
    if (own) return own.startsWith('rules.') ? t(own) : own;
    return serverError?.detailFor(path);
  };
  const set = <Key extends keyof RulesDraft>(key: Key, value: RulesDraft[Key]) => onChange({ ...draft, [key]: value });
  return (
    <fieldset className="rules-fields">
      <legend>{t('rules.title')}</legend>
      <p className="field-hint">{t('rules.lead')}</p>
      <div className="form-grid">
        <TextField
          label={t('rules.minDaysBetweenDuties')}
          hint={t('rules.minDaysHint')}
          type="number"
          inputMode="numeric"
          min={0}
          max={31}
          className="field-short"
          value={draft.minDaysBetweenDuties}
          onChange={(event) => set('minDaysBetweenDuties', event.target.value)}
          error={error('minDaysBetweenDuties', 'settings.minDaysBetweenDuties')}
        />
        <TextField
          label={t('rules.maxDutiesPerMonth')}
          hint={t('rules.maxDutiesHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={31}
          className="field-short"
          value={draft.maxDutiesPerMonth}
          onChange={(event) => set('maxDutiesPerMonth', event.target.value)}
          error={error('maxDutiesPerMonth', 'settings.maxDutiesPerMonth')}
        />
      </div>
      <fieldset className="nested">
        <legend>{t('rules.weights')}</legend>
        <p className="field-hint">{t('rules.weightsHint')}</p>
        <div className="form-grid">
          {shiftKinds.map((shift) => (
            <TextField
              key={shift}
              label={t(`shift.${shift}`)}
              type="number"
              inputMode="decimal"
              step={0.1}
              min={0.1}
              max={10}
              className="field-short"
              value={draft.weights[shift]}
              onChange={(event) => set('weights', { ...draft.weights, [shift]: event.target.value })}
              error={error(`weight.${shift}`, `settings.shiftWeights.${shift}`)}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="nested choice-stack">
        <legend>{t('rules.holidays')}</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={draft.includeNationalHolidays}
            onChange={(event) => set('includeNationalHolidays', event.target.checked)}
          />
          <span>{t('rules.includeNationalHolidays')}</span>
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={draft.yearEndEnabled}
            onChange={(event) => set('yearEndEnabled', event.target.checked)}
          />
          <span>{t('rules.yearEnd')}</span>
        </label>
        {draft.yearEndEnabled ? (
          <div className="form-grid">
            <TextField
              label={t('rules.yearEndFrom')}
              hint={t('rules.monthDayHint')}
              className="field-short"
              value={draft.yearEndFrom}
              onChange={(event) => set('yearEndFrom', event.target.value)}
              error={error('yearEndFrom', 'settings.yearEnd.fromMonthDay')}
            />
            <TextField
              label={t('rules.yearEndTo')}
              hint={t('rules.yearEndToHint')}
              className="field-short"
              value={draft.yearEndTo}
              onChange={(event) => set('yearEndTo', event.target.value)}
              error={error('yearEndTo', 'settings.yearEnd.toMonthDay')}
            />
          </div>
        ) : null}
      </fieldset>
    </fieldset>
  );
}
