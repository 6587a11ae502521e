/**
 * 退院時カンファレンス (issue 5 item 9): schedule it (date and time in Japanese time, duration, place or online
 * link, participants from the team, the hospital, the Center and the welfare links), list, reschedule, cancel and
 * record the minutes afterwards (the button appears when the conference starts; the saved minutes show at once);
 * each conference offers 「カレンダーに追加 (.ics)」.
 */
import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import {
  caseKeys,
  useCaseConferences,
  useCaseWelfareLinks,
  useConferenceChange,
  useIdempotencyKey,
  useOrganizationsOfKind,
  useScheduleConference,
} from '../../api/cases';
import type { Conference, FullCase, Team, UpdateConferenceRequest } from '../../api/case-types';
import { conferenceDurationMinutes } from '../../api/case-codes';
import { formatDate, formatDateTime, formatTimeRange } from '../../format';
import { ErrorAlert } from '../ErrorAlert';
import { TextField } from '../TextField';
import { SelectField } from '../SelectField';
import { StatusMessage } from '../StatusMessage';
import { ConferenceStatusBadge } from './CaseBadges';
import { Disclosure } from './Disclosure';
import { TextAreaField } from './TextAreaField';
import { ConflictAlert, isConflict } from './ConflictAlert';
import { addDays, isoToTokyoParts, todayInTokyo, tokyoDateTimeToIso } from './dates';
import { isDayOff } from './business-days';

/** `unavailable`: shown but not selectable, with why (a welfare window that has not acknowledged its link yet). */
type Participant = { id: string; name: string; what: string; unavailable?: boolean };

/**
 * Who may take part: the case's hospital, its team, the Center (when the case was brought to it), the welfare windows
 * that acknowledged their link (with consent to share with welfare windows) — as the server checks. Other open links
 * are listed, not selectable, saying why.
 */
function useParticipantChoices(record: FullCase, team: Team): Participant[] {
  const { t } = useTranslation('cases');
  const welfare = useCaseWelfareLinks(record.id, record.permissions.canUseThread);
  const center = useOrganizationsOfKind('coordination_center', undefined, record.route === 'center');
  const choices: Participant[] = [
    { id: record.hospital.id, name: record.hospital.name, what: t('conference.whatHospital') },
  ];
  for (const member of team.members)
    choices.push({
      id: member.organization.id,
      name: member.organization.name,
      what: t(`codes.teamRole.${member.role}`),
    });
  if (record.route === 'center')
    for (const organization of center.data?.items ?? [])
      choices.push({ id: organization.id, name: organization.name, what: t('conference.whatCenter') });
  const hasWelfareConsent = (record.consent.scope ?? []).includes('welfare_record');
  for (const link of welfare.data?.items ?? [])
    if (link.status !== 'closed') {
      const why = !hasWelfareConsent
        ? t('conference.welfareNoConsent')
        : link.status === 'requested'
          ? t('conference.welfarePending')
          : null;
      choices.push({
        id: link.organization.id,
        name: link.organization.name,
        what: why ?? t('conference.whatWelfare'),
        ...(why ? { unavailable: true } : {}),
      });
    }
  // An organisation met twice (a team member also linked) keeps its selectable entry.
  const byId = new Map<string, Participant>();
  for (const choice of choices) {
    const known = byId.get(choice.id);
    if (!known || (known.unavailable && !choice.unavailable)) byId.set(choice.id, choice);
  }
  return [...byId.values()];
}

/** Longest delay setTimeout keeps (about 23 days); a later moment is waited for in steps. */
const longestTimerMs = 2_000_000_000;

/**
 * Whether the moment has come — turning true by itself when it comes, so that 「議事録を記録」 appears once the
 * conference has started, without reloading the page.
 */
function useHasPassed(iso: string): boolean {
  const at = new Date(iso).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const left = at - Date.now();
    if (left <= 0) {
      if (at > now) setNow(Date.now());
      return;
    }
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(left + 100, longestTimerMs));
    return () => window.clearTimeout(timer);
  }, [at, now]);
  return at <= now;
}

const durations = [30, 45, 60, 90, 120];

type FormValues = {
  date: string;
  time: string;
  durationMinutes: string;
  place: string;
  onlineUrl: string;
  participants: string[];
};

function ConferenceForm({
  initial,
  choices,
  submitLabel,
  isPending,
  error,
  onSubmit,
}: {
  initial: FormValues;
  choices: Participant[];
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (values: FormValues) => void;
}) {
  const { t } = useTranslation('cases');
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Partial<Record<'when' | 'place' | 'participants' | 'url', string>>>({});
  const set = <Key extends keyof FormValues>(key: Key, value: FormValues[Key]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found: typeof problems = {};
    if (!values.date || !values.time || new Date(tokyoDateTimeToIso(values.date, values.time)).getTime() <= Date.now())
      found.when = t('conference.whenFuture');
    if (!values.place.trim() && !values.onlineUrl.trim()) found.place = t('conference.placeRequired');
    if (values.onlineUrl.trim() && !/^https:\/\/\S+$/.test(values.onlineUrl.trim()))
      found.url = t('conference.urlInvalid');
    if (values.participants.length === 0) found.participants = t('conference.participantsRequired');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    onSubmit(values);
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <div className="form-grid">
        <TextField
          label={t('conference.date')}
          type="date"
          required
          min={todayInTokyo()}
          value={values.date}
          onChange={(event) => set('date', event.target.value)}
          error={problems.when}
        />
        <TextField
          label={t('conference.time')}
          hint={t('conference.timeHint')}
          type="time"
          required
          value={values.time}
          onChange={(event) => set('time', event.target.value)}
        />
        <SelectField
          label={t('conference.duration')}
          value={values.durationMinutes}
          onChange={(event) => set('durationMinutes', event.target.value)}
        >
          {[...new Set([...durations, Number(initial.durationMinutes)])]
            .filter((minutes) => minutes >= conferenceDurationMinutes.min && minutes <= conferenceDurationMinutes.max)
            .sort((a, b) => a - b)
            .map((minutes) => (
              <option key={minutes} value={String(minutes)}>
                {t('conference.minutes', { count: minutes })}
              </option>
            ))}
        </SelectField>
      </div>
      {conferenceTimeWarnings(values.date, values.time).map((warning) => (
        // Warnings only: a conference on a Saturday or in the evening may well be agreed with the family.
        <p key={warning} className="alert alert-warning small">
          {t(`conference.timeWarning.${warning}`)}
        </p>
      ))}
      <div className="form-grid">
        <TextField
          label={t('conference.place')}
          hint={t('conference.placeHint')}
          value={values.place}
          onChange={(event) => set('place', event.target.value)}
          error={problems.place}
        />
        <TextField
          label={t('conference.onlineUrl')}
          hint={t('conference.onlineUrlHint')}
          type="url"
          value={values.onlineUrl}
          onChange={(event) => set('onlineUrl', event.target.value)}
          error={problems.url}
        />
      </div>
      <fieldset className="checkbox-group">
        <legend>{t('conference.participants')}</legend>
        <div className="checkbox-grid">
          {choices.map((choice) => (
            <label key={choice.id} className="choice">
              <input
                type="checkbox"
                disabled={choice.unavailable === true && !values.participants.includes(choice.id)}
                checked={values.participants.includes(choice.id)}
                onChange={(event) =>
                  set(
                    'participants',
                    event.target.checked
                      ? [...values.participants, choice.id]
                      : values.participants.filter((id) => id !== choice.id),
                  )
                }
              />
              <span>
                {choice.name} <span className="muted small">{t('common.inParentheses', { text: choice.what })}</span>
              </span>
            </label>
          ))}
        </div>
        {problems.participants ? <p className="field-error">{problems.participants}</p> : null}
      </fieldset>
      {isConflict(error) ? null : <ErrorAlert error={error} showDetails />}
      <button type="submit" className="button" disabled={isPending}>
        {submitLabel}
      </button>
    </form>
  );
}

/** A conference on a day off (土日・祝日・年末年始) or outside 8:00–20:00 (Tokyo): most likely a slip of date or hour. */
function conferenceTimeWarnings(date: string, time: string): ('dayOff' | 'outsideHours')[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
  const warnings: ('dayOff' | 'outsideHours')[] = [];
  if (isDayOff(date)) warnings.push('dayOff');
  if (/^\d{2}:\d{2}$/.test(time) && (time < '08:00' || time >= '20:00')) warnings.push('outsideHours');
  return warnings;
}

function bodyOf(values: FormValues) {
  return {
    startsAt: tokyoDateTimeToIso(values.date, values.time),
    durationMinutes: Number(values.durationMinutes),
    participantOrganizationIds: values.participants,
  };
}

function ConferenceItem({
  conference,
  record,
  choices,
}: {
  conference: Conference;
  record: FullCase;
  choices: Participant[];
}) {
  const { t, i18n } = useTranslation('cases');
  const change = useConferenceChange(record.id);
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState(conference.minutes ?? '');
  const [done, setDone] = useState<string | null>(null);
  const { canManage } = conference.permissions;
  const isCaseActive = record.status === 'planning' || record.status === 'coordinating';
  const hasStarted = useHasPassed(conference.startsAt);
  const parts = isoToTokyoParts(conference.startsAt);
  const allChoices = [
    ...choices,
    ...conference.participants
      .filter((participant) => !choices.some((choice) => choice.id === participant.organizationId))
      .map((participant) => ({
        id: participant.organizationId,
        name: participant.name,
        what: t(`codes.kind.${participant.kind}`),
      })),
  ];
  const conflict = isConflict(change.error) ? change.error : null;
  // Every change and the cancellation raise the calendar's SEQUENCE: the changes are the others.
  const changeCount = conference.status === 'cancelled' ? conference.sequence - 1 : conference.sequence;

  return (
    <li className="conference" id={`conference-${conference.id}`}>
      <h3 className="conference-title">
        {formatDate(conference.startsAt, i18n.language)}{' '}
        {formatTimeRange(conference.startsAt, conference.endsAt, t, i18n.language)}{' '}
        <ConferenceStatusBadge status={conference.status} startsAt={conference.startsAt} endsAt={conference.endsAt} />
      </h3>
      <dl className="facts facts-compact">
        <div>
          <dt>{t('conference.duration')}</dt>
          <dd>{t('conference.minutes', { count: conference.durationMinutes })}</dd>
        </div>
        {conference.place ? (
          <div>
            <dt>{t('conference.place')}</dt>
            <dd>{conference.place}</dd>
          </div>
        ) : null}
        {conference.onlineUrl ? (
          <div>
            <dt>{t('conference.onlineUrl')}</dt>
            <dd>
              <a href={conference.onlineUrl} target="_blank" rel="noreferrer">
                {conference.onlineUrl}
              </a>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('conference.participants')}</dt>
          <dd>{conference.participants.map((participant) => participant.name).join('、')}</dd>
        </div>
        {conference.status === 'cancelled' ? (
          <div>
            <dt>{t('conference.cancellation')}</dt>
            <dd>{t('conference.cancelledAt', { date: formatDateTime(conference.updatedAt, i18n.language) })}</dd>
          </div>
        ) : null}
        {changeCount > 0 ? (
          <div>
            <dt>{t('conference.changes')}</dt>
            <dd>{t('conference.changedTimes', { count: changeCount })}</dd>
          </div>
        ) : null}
        {conference.minutes ? (
          <div>
            <dt>{t('conference.minutesTitle')}</dt>
            <dd>
              <span className="pre-wrap block">{conference.minutes}</span>
              {conference.minutesRecordedAt ? (
                <span className="small muted block">
                  {t('conference.minutesBy', {
                    name: conference.minutesRecordedByName ?? t('conference.someone'),
                    at: formatDateTime(conference.minutesRecordedAt, i18n.language),
                  })}
                </span>
              ) : null}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="action-bar">
        {conference.status !== 'cancelled' ? (
          <a className="button button-secondary" href={conference.calendarUrl} download>
            {t('conference.ics')}
          </a>
        ) : null}
        {canManage && isCaseActive && conference.status === 'scheduled' ? (
          <Disclosure label={t('conference.reschedule')}>
            {(close) => (
              <ConferenceForm
                initial={{
                  date: parts.date,
                  time: parts.time,
                  durationMinutes: String(conference.durationMinutes),
                  place: conference.place ?? '',
                  onlineUrl: conference.onlineUrl ?? '',
                  participants: conference.participants.map((participant) => participant.organizationId),
                }}
                choices={allChoices}
                submitLabel={t('conference.rescheduleSubmit')}
                isPending={change.isPending}
                error={change.error}
                onSubmit={(values) => {
                  const body: UpdateConferenceRequest = {
                    ...bodyOf(values),
                    place: values.place.trim() || null,
                    onlineUrl: values.onlineUrl.trim() || null,
                  };
                  change.mutate(
                    { action: 'update', id: conference.id, version: conference.version, body },
                    {
                      onSuccess: () => {
                        setDone(t('conference.rescheduled'));
                        close();
                      },
                    },
                  );
                }}
              />
            )}
          </Disclosure>
        ) : null}
        {canManage && isCaseActive && conference.status === 'scheduled' ? (
          <Disclosure label={t('conference.cancel')} tone="danger">
            {() => (
              <form
                className="action-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  change.mutate(
                    { action: 'cancel', id: conference.id, version: conference.version, reason: reason.trim() },
                    { onSuccess: () => setDone(t('conference.cancelled')) },
                  );
                }}
              >
                <TextAreaField
                  label={t('conference.cancelReason')}
                  rows={2}
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                />
                <ErrorAlert error={conflict ? null : change.error} showDetails />
                <button type="submit" className="button button-danger" disabled={change.isPending}>
                  {t('conference.cancelSubmit')}
                </button>
              </form>
            )}
          </Disclosure>
        ) : null}
        {canManage && conference.status !== 'cancelled' ? (
          hasStarted ? (
            <Disclosure label={conference.minutes ? t('conference.editMinutes') : t('conference.recordMinutes')}>
              {(close) => (
                <form
                  className="action-form"
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (!minutes.trim()) return;
                    change.mutate(
                      { action: 'minutes', id: conference.id, version: conference.version, minutes: minutes.trim() },
                      {
                        onSuccess: () => {
                          setDone(t('conference.minutesSaved'));
                          close();
                        },
                      },
                    );
                  }}
                >
                  <TextAreaField
                    label={t('conference.minutesTitle')}
                    rows={6}
                    required
                    value={minutes}
                    onChange={(event) => setMinutes(event.target.value)}
                  />
                  <ErrorAlert error={conflict ? null : change.error} showDetails />
                  <button type="submit" className="button" disabled={change.isPending || !minutes.trim()}>
                    {t('conference.saveMinutes')}
                  </button>
                </form>
              )}
            </Disclosure>
          ) : (
            <p className="small muted">{t('conference.minutesLater')}</p>
          )
        ) : null}
      </div>
      <div className="alert-region" role="alert">
        {conflict ? (
          <ConflictAlert
            error={conflict}
            onReload={() => {
              change.reset();
              void client.invalidateQueries({ queryKey: caseKeys.conferences(record.id) });
            }}
            isReloading={false}
            text={t('conference.conflictText')}
          />
        ) : null}
      </div>
      <StatusMessage message={done} />
    </li>
  );
}

export function ConferencesSection({ record, team }: { record: FullCase; team: Team }) {
  const { t } = useTranslation('cases');
  const conferences = useCaseConferences(record.id, true);
  const schedule = useScheduleConference(record.id);
  const idempotency = useIdempotencyKey();
  const choices = useParticipantChoices(record, team);
  const [done, setDone] = useState<string | null>(null);
  const isActive = record.status === 'planning' || record.status === 'coordinating';
  const items = conferences.data?.items ?? [];
  return (
    <>
      <ErrorAlert error={conferences.error} />
      {conferences.isSuccess && items.length === 0 ? <p className="muted">{t('conference.none')}</p> : null}
      {items.length > 0 ? (
        <ul className="conferences">
          {items.map((conference) => (
            <ConferenceItem key={conference.id} conference={conference} record={record} choices={choices} />
          ))}
        </ul>
      ) : null}
      {record.permissions.canCoordinate && isActive ? (
        <Disclosure label={t('conference.schedule')} tone={items.length === 0 ? 'primary' : 'secondary'}>
          {(close) => (
            <ConferenceForm
              initial={{
                date: addDays(todayInTokyo(), 3),
                time: '14:00',
                durationMinutes: '60',
                place: '',
                onlineUrl: '',
                participants: choices.filter((choice) => !choice.unavailable).map((choice) => choice.id),
              }}
              choices={choices}
              submitLabel={t('conference.scheduleSubmit')}
              isPending={schedule.isPending}
              error={schedule.error}
              onSubmit={(values) => {
                const body = {
                  ...bodyOf(values),
                  ...(values.place.trim() ? { place: values.place.trim() } : {}),
                  ...(values.onlineUrl.trim() ? { onlineUrl: values.onlineUrl.trim() } : {}),
                };
                schedule.mutate(
                  { body, key: idempotency.keyFor(body) },
                  {
                    onSuccess: () => {
                      idempotency.reset();
                      setDone(t('conference.scheduled'));
                      close();
                    },
                  },
                );
              }}
            />
          )}
        </Disclosure>
      ) : null}
      <StatusMessage message={done} />
    </>
  );
}
