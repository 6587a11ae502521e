/**
 * A roster as a month calendar (GET rosters/:id/calendar?month=): weeks from Sunday, each day with its duties —
 * 平日夜間 after a working day, 休日日中 and 休日夜間 on a 休日 — and its holiday named (祝日・振替休日・国民の休日,
 * 年末年始) under the group's rules, all decided by the server in Asia/Tokyo. The signed-in clinic's own duties
 * stand out. On a phone the weeks become a list of days.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { shiftOrder, useRosterMonth, type CalendarDay, type Duty, type Roster } from '../../api/rotations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { monthsOf, todayInTokyo } from './calendar';
import { longDate, monthLabel, useDutyText, weekdays } from './parts';
import { holidayLabel } from './holiday-names';

type Props = {
  roster: Roster;
  ownOrganizationId: string | null;
  /** A draft the association reviews: each duty offers 「調整」 (hand it to another clinic). */
  onAdjust?: ((duty: Duty) => void) | undefined;
};

function holidayText(day: CalendarDay, t: TFunction): string | null {
  if (day.dayKind === 'year_end') return t('calendar.yearEnd');
  if (day.dayKind !== 'national_holiday' || !day.holidayName) return null;
  return holidayLabel(day.holidayName, t);
}

function DayCell({
  day,
  today,
  ownOrganizationId,
  onAdjust,
}: {
  day: CalendarDay;
  today: string;
  ownOrganizationId: string | null;
  onAdjust: Props['onAdjust'];
}) {
  const { t, i18n } = useTranslation('rotations');
  const dutyText = useDutyText();
  if (!day.isInMonth) return <td className="is-blank" aria-hidden="true" />;
  const duties = [...day.duties].sort((a, b) => shiftOrder[a.shift] - shiftOrder[b.shift]);
  const holiday = holidayText(day, t);
  const classes = [
    'calendar-day',
    day.dayKind === 'national_holiday' || day.dayKind === 'year_end' || day.dayKind === 'sunday'
      ? 'is-holiday'
      : day.dayKind === 'saturday'
        ? 'is-saturday'
        : '',
    day.isInPeriod ? '' : 'is-outside',
    day.date === today ? 'is-today' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <td className={classes}>
      <div className="day-head">
        <span className="day-number" aria-hidden="true">
          {Number(day.date.slice(8))}
          <span className="day-weekday">{t(`weekday.${day.weekday}`)}</span>
        </span>
        <span className="visually-hidden">{longDate(day.date, i18n.language)}</span>
        {holiday ? <span className="day-holiday">{holiday}</span> : null}
        {day.date === today ? <span className="day-today">{t('calendar.today')}</span> : null}
      </div>
      {!day.isInPeriod ? (
        <p className="day-outside small muted">{t('calendar.outside')}</p>
      ) : duties.length > 0 ? (
        <ul className="day-duties">
          {duties.map((duty) => {
            const isOwn = duty.organizationId === ownOrganizationId;
            return (
              <li key={duty.id} className={`duty duty-${duty.shift}${isOwn ? ' is-own' : ''}`}>
                <span className="duty-shift" aria-hidden="true">
                  {t(`shiftShort.${duty.shift}`)}
                </span>
                <span className="visually-hidden">{t(`shift.${duty.shift}`)}: </span>
                <span className="duty-clinic">{duty.organizationName}</span>
                {isOwn ? <span className="duty-own">{t('calendar.own')}</span> : null}
                {onAdjust ? (
                  <button
                    type="button"
                    className="duty-adjust"
                    onClick={() => onAdjust(duty)}
                    aria-label={t('adjust.buttonLabel', {
                      duty: dutyText(duty),
                      name: duty.organizationName,
                    })}
                  >
                    {t('adjust.button')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </td>
  );
}

export function RosterCalendar({ roster, ownOrganizationId, onAdjust }: Props) {
  const { t, i18n } = useTranslation('rotations');
  const months = monthsOf(roster.from, roster.to);
  const today = todayInTokyo();
  const [index, setIndex] = useState(() => Math.max(0, months.indexOf(today.slice(0, 7))));
  const month = months[Math.min(index, months.length - 1)] ?? roster.from.slice(0, 7);
  const calendar = useRosterMonth(roster.id, month);
  const weeks = calendar.data?.weeks ?? [];
  const captionId = `calendar-caption-${roster.id}`;

  return (
    <div className="roster-calendar-wrap">
      {months.length > 1 ? (
        <div className="calendar-nav">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setIndex(index - 1)}
            disabled={index === 0}
          >
            {t('calendar.previous')}
          </button>
          <select
            aria-label={t('calendar.chooseMonth')}
            value={month}
            onChange={(event) => setIndex(months.indexOf(event.target.value))}
          >
            {months.map((entry) => (
              <option key={entry} value={entry}>
                {monthLabel(entry, i18n.language)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setIndex(index + 1)}
            disabled={index >= months.length - 1}
          >
            {t('calendar.next')}
          </button>
        </div>
      ) : null}
      <ErrorAlert error={calendar.error} />
      {calendar.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {weeks.length > 0 ? (
        <table className="roster-calendar" aria-labelledby={captionId} aria-busy={calendar.isFetching}>
          <caption id={captionId}>{t('calendar.caption', { month: monthLabel(month, i18n.language) })}</caption>
          <thead>
            <tr>
              {weekdays.map((day) => (
                <th key={day} scope="col" className={day === 0 ? 'is-sunday' : day === 6 ? 'is-saturday' : undefined}>
                  {t(`weekday.${day}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]?.date}>
                {week.map((day) => (
                  <DayCell
                    key={day.date}
                    day={day}
                    today={today}
                    ownOrganizationId={ownOrganizationId}
                    onAdjust={onAdjust}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="calendar-legend small muted">
        {(['weeknight', 'holiday_day', 'holiday_night'] as const).map((shift) => (
          <span key={shift} className="legend-entry">
            <span className={`duty-shift duty-${shift}`} aria-hidden="true">
              {t(`shiftShort.${shift}`)}
            </span>
            {t(`shift.${shift}`)}
          </span>
        ))}
      </p>
    </div>
  );
}
