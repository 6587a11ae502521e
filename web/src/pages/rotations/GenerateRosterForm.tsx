/**
 * Generate a roster (POST rotation-groups/:id/rosters) for a month, a quarter or a year: which shifts, and the days
 * particular clinics cannot take in this period only. The draft opens for review; an input no roster can satisfy
 * answers 422 and the page says which day cannot be covered and why (nothing is saved then).
 */
import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { apiErrorDetailText, apiErrorText } from '../../i18n/server-text';
import { shiftKinds, useGenerateRoster, type RotationGroup, type ShiftKind } from '../../api/rotations';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { addMonths, periodOf, todayInTokyo, type PeriodKind } from './calendar';
import { longDate, periodLabel } from './parts';

const periodKinds: PeriodKind[] = ['month', 'quarter', 'year'];

type Unavailable = { organizationId: string; date: string };

export function GenerateRosterForm({ group }: { group: RotationGroup }) {
  const { t, i18n } = useTranslation('rotations');
  const navigate = useNavigate();
  const generate = useGenerateRoster(group.id);
  const [kind, setKind] = useState<PeriodKind>('month');
  const [startMonth, setStartMonth] = useState(() => addMonths(todayInTokyo().slice(0, 7), 1));
  const [shifts, setShifts] = useState<ShiftKind[]>([...shiftKinds]);
  const [unavailability, setUnavailability] = useState<Unavailable[]>([]);
  const [clinic, setClinic] = useState('');
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const validMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(startMonth);
  const period = validMonth ? periodOf(kind, startMonth) : null;
  const nameOf = (id: string) => group.members.find((member) => member.organization.id === id)?.organization.name ?? id;

  const addUnavailable = () => {
    if (clinic === '' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    if (!unavailability.some((entry) => entry.organizationId === clinic && entry.date === date))
      setUnavailability(
        [...unavailability, { organizationId: clinic, date }].sort(
          (a, b) => a.date.localeCompare(b.date) || nameOf(a.organizationId).localeCompare(nameOf(b.organizationId)),
        ),
      );
    setDate('');
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!period) {
      setProblem(t('generate.monthInvalid'));
      return;
    }
    if (shifts.length === 0) {
      setProblem(t('generate.shiftsRequired'));
      return;
    }
    setProblem(null);
    generate.mutate(
      { from: period.from, to: period.to, shifts, unavailability },
      { onSuccess: (roster) => void navigate(`/rotations/rosters/${roster.id}`, { state: { generated: true } }) },
    );
  };

  const error = generate.error;
  const isInfeasible = isApiError(error) && error.status === 422;
  // The Japanese message already states the first reason: list the others (each names its day and why). In English
  // the top line is general, so every reason is listed.
  const otherReasons = !isInfeasible
    ? []
    : i18n.language === 'en'
      ? error.details
      : error.details.filter((detail) => !error.message.includes(detail.message));

  return (
    <section className="section card" aria-labelledby="generate-title">
      <h2 id="generate-title">{t('generate.title')}</h2>
      <p className="muted">{t('generate.lead')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('generate.period')}</legend>
          <div className="radio-row">
            {periodKinds.map((entry) => (
              <label key={entry} className="choice">
                <input type="radio" name="period-kind" checked={kind === entry} onChange={() => setKind(entry)} />
                <span>{t(`generate.kind.${entry}`)}</span>
              </label>
            ))}
          </div>
          <div className="field field-short">
            <label htmlFor="generate-start">{t('generate.startMonth')}</label>
            <input
              id="generate-start"
              type="month"
              value={startMonth}
              onChange={(event) => setStartMonth(event.target.value)}
              aria-describedby="generate-period"
            />
          </div>
          <p id="generate-period" className="field-hint">
            {period ? t('generate.periodIs', { period: periodLabel(period.from, period.to, i18n.language) }) : null}
          </p>
        </fieldset>
        <CheckboxGroup
          legend={t('generate.shifts')}
          options={shiftKinds.map((shift) => ({ value: shift, label: t(`shift.${shift}`) }))}
          selected={shifts}
          onChange={setShifts}
        />
        <fieldset>
          <legend>{t('generate.unavailability')}</legend>
          <p className="field-hint">{t('generate.unavailabilityHint')}</p>
          <div className="inline-form unavailability-row">
            <SelectField label={t('group.clinic')} value={clinic} onChange={(event) => setClinic(event.target.value)}>
              <option value="">{t('common.choose')}</option>
              {group.members.map((member) => (
                <option key={member.organization.id} value={member.organization.id}>
                  {member.organization.name}
                </option>
              ))}
            </SelectField>
            <div className="field field-short">
              <label htmlFor="generate-unavailable-date">{t('generate.date')}</label>
              <input
                id="generate-unavailable-date"
                type="date"
                value={date}
                min={period?.from}
                max={period?.to}
                onChange={(event) => setDate(event.target.value)}
              />
            </div>
            <button
              type="button"
              className="button button-secondary"
              onClick={addUnavailable}
              disabled={clinic === '' || date === ''}
            >
              {t('generate.addUnavailable')}
            </button>
          </div>
          {unavailability.length > 0 ? (
            <ul className="chip-list" aria-label={t('generate.unavailabilityList')}>
              {unavailability.map((entry) => (
                <li key={`${entry.organizationId}:${entry.date}`}>
                  <span>
                    {longDate(entry.date, i18n.language)} {nameOf(entry.organizationId)}
                  </span>
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={t('generate.removeUnavailable', {
                      name: nameOf(entry.organizationId),
                      date: longDate(entry.date, i18n.language),
                    })}
                    onClick={() => setUnavailability(unavailability.filter((other) => other !== entry))}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        <div className="alert-region" role="alert">
          {problem ? <p className="alert alert-error">{problem}</p> : null}
          {isInfeasible ? (
            <div className="alert alert-error infeasible">
              <p>
                <strong>{t('generate.infeasibleTitle')}</strong>
              </p>
              <p>{apiErrorText(i18n, error)}</p>
              {otherReasons.length > 0 ? (
                <ul>
                  {otherReasons.map((detail) => (
                    <li key={`${detail.path}:${detail.message}`}>{apiErrorDetailText(i18n, detail)}</li>
                  ))}
                </ul>
              ) : null}
              <p className="small">{t('generate.infeasibleHint')}</p>
            </div>
          ) : null}
        </div>
        {isInfeasible ? null : <ErrorAlert error={error} showDetails />}
        <div className="form-actions">
          <button type="submit" className="button" disabled={generate.isPending}>
            {generate.isPending ? t('generate.working') : t('generate.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
