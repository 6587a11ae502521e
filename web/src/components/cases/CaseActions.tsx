/**
 * What may be done with a case, by permission (the server decides; the buttons only hide what would fail):
 * 編集, 直接調整する / センターに相談する, 転院, 退院, 転帰の記録, 中止. Every change sends If-Match; a 412 shows the
 * server's message (who changed what) and keeps the form open with the user's input.
 */
import { useId, useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import {
  caseKeys,
  useCancelCase,
  useCaseConferences,
  useCaseTeam,
  useDischargeCase,
  useRecordOutcome,
  useRouteCase,
  useTransferCase,
} from '../../api/cases';
import {
  isOpenReferral,
  outcomes,
  requestableDifficultyReasons,
  type Outcome,
  type RequestableDifficultyReason,
} from '../../api/case-codes';
import type { Conference, FullCase } from '../../api/case-types';
import type { ApiError } from '../../api/client';
import { useOrganizations } from '../../api/queries';
import { ErrorAlert } from '../ErrorAlert';
import { StatusMessage } from '../StatusMessage';
import { Badge } from '../Badge';
import { TextField } from '../TextField';
import { SelectField } from '../SelectField';
import { CheckboxGroup } from '../CheckboxGroup';
import { TextAreaField } from './TextAreaField';
import { ConflictAlert, isConflict } from './ConflictAlert';
import { earliestDischargeDate, todayInTokyo } from './dates';
import { formatDate, formatDateTime } from '../../format';

/**
 * The discharge conferences that ending the case now would cancel: the server cancels every one that has not started
 * yet and notifies its participants (conference.service.ts cancelNotStartedOfCase), so the form says so first.
 */
function useConferencesToCancel(caseId: string) {
  const conferences = useCaseConferences(caseId, true);
  const now = Date.now();
  const upcoming = (conferences.data?.items ?? []).filter(
    (conference) => conference.status === 'scheduled' && new Date(conference.startsAt).getTime() > now,
  );
  return { upcoming, isPending: conferences.isPending };
}

function ConferencesToCancel({ upcoming, note }: { upcoming: Conference[]; note?: string }) {
  const { t, i18n } = useTranslation('cases');
  if (upcoming.length === 0) return null;
  return (
    <div className="alert alert-warning small conferences-to-cancel">
      {upcoming.map((conference) => (
        <p key={conference.id}>
          <strong>
            {t('actions.conferenceWillBeCancelled', { when: formatDateTime(conference.startsAt, i18n.language) })}
          </strong>
        </p>
      ))}
      {note ? <p>{note}</p> : null}
    </div>
  );
}

/** The error of an action: a conflict with its reload button, or the server's message with field details. */
function ActionError({ error, caseId }: { error: ApiError | null; caseId: string }) {
  const client = useQueryClient();
  const [isReloading, setReloading] = useState(false);
  if (!error) return <div className="alert-region" role="alert" />;
  if (isConflict(error)) {
    const reload = async () => {
      setReloading(true);
      await client.invalidateQueries({ queryKey: caseKeys.scope(caseId) });
      setReloading(false);
    };
    return (
      <div className="alert-region" role="alert">
        <ConflictAlert error={error} onReload={() => void reload()} isReloading={isReloading} />
      </div>
    );
  }
  return <ErrorAlert error={error} showDetails />;
}

function RouteCenterForm({ record, onDone }: { record: FullCase; onDone: () => void }) {
  const { t } = useTranslation('cases');
  const route = useRouteCase(record.id);
  const [difficulty, setDifficulty] = useState<RequestableDifficultyReason[]>([]);
  const [note, setNote] = useState('');
  const [isMissing, setMissing] = useState(false);
  const hasConsent = record.consent.scope?.includes('center') ?? false;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setMissing(difficulty.length === 0);
    if (difficulty.length === 0) return;
    route.mutate(
      { version: record.version, body: { route: 'center', difficulty, note: note.trim() } },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <p className="small">{t('actions.centerLead')}</p>
      {!hasConsent ? <p className="alert alert-warning small">{t('actions.centerNoConsent')}</p> : null}
      <CheckboxGroup
        legend={t('actions.difficulty')}
        options={requestableDifficultyReasons.map((reason) => ({
          value: reason,
          label: t(`codes.difficulty.${reason}`),
        }))}
        selected={difficulty}
        onChange={setDifficulty}
      />
      {isMissing ? <p className="field-error">{t('actions.difficultyRequired')}</p> : null}
      <TextAreaField
        label={t('actions.centerNote')}
        hint={t('actions.centerNoteHint')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <ActionError error={route.error} caseId={record.id} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={route.isPending}>
          {t('actions.centerSubmit')}
        </button>
      </div>
    </form>
  );
}

function TransferForm({ record, onDone }: { record: FullCase; onDone: () => void }) {
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  const transfer = useTransferCase(record.id);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [hospitalId, setHospitalId] = useState('');
  const [note, setNote] = useState('');
  const [isMissing, setMissing] = useState(false);
  // The transfer cannot be undone (this hospital only reads the case afterwards): asked once more before it is made.
  const [isConfirming, setConfirming] = useState(false);
  const hospitals = useOrganizations({ kind: 'hospital', q: query || undefined, limit: 30 }, { enabled: query !== '' });
  const items = (hospitals.data?.pages[0]?.items ?? []).filter((hospital) => hospital.id !== record.hospital.id);
  const chosen = items.find((hospital) => hospital.id === hospitalId);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setMissing(hospitalId === '');
    if (!hospitalId) return;
    if (!isConfirming) {
      setConfirming(true);
      return;
    }
    transfer.mutate(
      {
        version: record.version,
        body: { hospitalOrganizationId: hospitalId, ...(note.trim() ? { note: note.trim() } : {}) },
      },
      {
        onSuccess: () => {
          onDone();
          // The actions leave the page with the case (the sending hospital only reads it now): the page says so.
          void navigate(`/cases/${record.id}`, {
            replace: true,
            state: { transferredTo: chosen?.name ?? '' },
          });
        },
      },
    );
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <p className="small">{t('actions.transferLead')}</p>
      <div className="inline-form">
        <TextField
          label={t('actions.transferSearch')}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              setQuery(text.trim());
            }
          }}
        />
        <button type="button" className="button button-secondary" onClick={() => setQuery(text.trim())}>
          {t('common.search')}
        </button>
      </div>
      {query !== '' && hospitals.isSuccess ? (
        items.length === 0 ? (
          <p className="muted" role="status">
            {t('actions.transferNone')}
          </p>
        ) : (
          <fieldset>
            <legend>{t('actions.transferTarget')}</legend>
            <ul className="picker-results">
              {items.map((hospital) => (
                <li key={hospital.id}>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`transfer-${record.id}`}
                      checked={hospitalId === hospital.id}
                      onChange={() => {
                        setHospitalId(hospital.id);
                        setConfirming(false);
                      }}
                    />
                    <span>
                      {hospital.name}{' '}
                      {hospital.hospitalFunction ? (
                        <Badge>{t(`codes.hospitalFunction.${hospital.hospitalFunction}`, { ns: 'translation' })}</Badge>
                      ) : null}{' '}
                      <span className="muted small">{hospital.address}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )
      ) : null}
      {isMissing ? <p className="field-error">{t('actions.transferRequired')}</p> : null}
      <TextAreaField
        label={t('actions.transferNote')}
        rows={2}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      {isConfirming && chosen ? (
        <p className="alert alert-warning small transfer-confirm" role="status">
          {t('actions.transferConfirm', { name: chosen.name })}
        </p>
      ) : null}
      <ActionError error={transfer.error} caseId={record.id} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={transfer.isPending}>
          {isConfirming ? t('actions.transferConfirmSubmit') : t('actions.transferSubmit')}
        </button>
        {isConfirming ? (
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
            {t('actions.transferBack')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function DischargeForm({ record, onDone }: { record: FullCase; onDone: () => void }) {
  const { t, i18n } = useTranslation('cases');
  const discharge = useDischargeCase(record.id);
  const team = useCaseTeam(record.id);
  const conferences = useConferencesToCancel(record.id);
  const [date, setDate] = useState(todayInTokyo());
  const [isOpenConfirmed, setOpenConfirmed] = useState(false);
  const [isOpenMissing, setOpenMissing] = useState(false);
  // The needed roles nobody fills yet, as the server counts them (福祉窓口 is filled by an acknowledged welfare link,
  // not a member): the hospital may still discharge (it decides), but says so knowingly.
  const openRoles = team.data ? team.data.openRoles.map((open) => open.role) : [];
  const needsConfirmation = openRoles.length > 0;
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setOpenMissing(needsConfirmation && !isOpenConfirmed);
    if (needsConfirmation && !isOpenConfirmed) return;
    discharge.mutate({ version: record.version, body: { dischargedOn: date } }, { onSuccess: onDone });
  };
  const isFuture = date > todayInTokyo();
  // The server refuses a discharge before the admission (or, without one, the registration) too: said here at
  // once, as for a future date.
  const earliest = earliestDischargeDate(record);
  const isTooEarly = date !== '' && date < earliest.date;
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <p className="small">{t('actions.dischargeLead')}</p>
      {needsConfirmation ? (
        <div className="alert alert-warning small discharge-open-roles">
          <p>
            <strong>{t('actions.dischargeOpenRoles', { count: openRoles.length })}</strong>
          </p>
          <ul className="plain-list">
            {openRoles.map((role) => (
              <li key={role}>{t(`codes.teamRole.${role}`)}</li>
            ))}
          </ul>
          {record.route === 'direct' ? <p>{t('actions.dischargeOpenRolesCenter')}</p> : null}
          <label className="choice">
            <input
              type="checkbox"
              checked={isOpenConfirmed}
              onChange={(event) => setOpenConfirmed(event.target.checked)}
            />
            <span>{t('actions.dischargeOpenRolesConfirm')}</span>
          </label>
          {isOpenMissing && !isOpenConfirmed ? (
            <p className="field-error">{t('actions.dischargeOpenRolesRequired')}</p>
          ) : null}
        </div>
      ) : null}
      <ConferencesToCancel upcoming={conferences.upcoming} note={t('actions.dischargeConferenceNote')} />
      <TextField
        label={t('actions.dischargedOn')}
        type="date"
        required
        min={earliest.date}
        max={todayInTokyo()}
        value={date}
        onChange={(event) => setDate(event.target.value)}
        error={
          isFuture
            ? t('actions.dischargeFuture')
            : isTooEarly
              ? t(
                  earliest.basis === 'admission'
                    ? 'actions.dischargeBeforeAdmission'
                    : 'actions.dischargeBeforeRegistration',
                  { date: formatDate(earliest.date, i18n.language) },
                )
              : discharge.error?.detailFor('dischargedOn')
        }
      />
      <ActionError error={discharge.error} caseId={record.id} />
      <div className="form-actions">
        <button
          type="submit"
          className="button"
          disabled={discharge.isPending || isFuture || isTooEarly || !date || team.isPending || conferences.isPending}
        >
          {t('actions.dischargeSubmit')}
        </button>
      </div>
    </form>
  );
}

/**
 * What recording the outcome ends (case.service.ts recordOutcome: the case's end withdraws the referrals still
 * waiting, closes the open welfare links and the Center's consultation), said before the user records it.
 */
function OutcomeEnds({ record }: { record: FullCase }) {
  const { t } = useTranslation('cases');
  const team = useCaseTeam(record.id);
  const waiting = (team.data?.referrals ?? []).filter((referral) => isOpenReferral(referral.status));
  const welfare = team.data?.welfareLinks ?? [];
  const isConsultationOpen = record.consultation != null && record.consultation.status !== 'closed';
  if (waiting.length === 0 && welfare.length === 0 && !isConsultationOpen) return null;
  const separator = t('common.listSeparator');
  return (
    <div className="alert alert-warning small outcome-ends">
      <p>
        <strong>{t('actions.outcomeEnds')}</strong>
      </p>
      <ul>
        {waiting.length > 0 ? (
          <li>
            {t('actions.outcomeEndsReferrals', {
              count: waiting.length,
              names: waiting
                .map((referral) =>
                  t('actions.outcomeEndsReferral', {
                    name: referral.organizationName,
                    role: t(`codes.teamRole.${referral.role}`),
                  }),
                )
                .join(separator),
            })}
          </li>
        ) : null}
        {welfare.length > 0 ? (
          <li>
            {t('actions.outcomeEndsWelfareLinks', {
              count: welfare.length,
              names: welfare.map((link) => link.organizationName).join(separator),
            })}
          </li>
        ) : null}
        {isConsultationOpen ? <li>{t('actions.outcomeEndsConsultation')}</li> : null}
      </ul>
    </div>
  );
}

const isDeath = (outcome: Outcome | '' | null) => outcome === 'died_home' || outcome === 'died_hospital';

function OutcomeForm({ record, onDone }: { record: FullCase; onDone: () => void }) {
  const { t, i18n } = useTranslation('cases');
  const save = useRecordOutcome(record.id);
  const [outcome, setOutcome] = useState<Outcome | ''>(record.outcome ?? '');
  const [on, setOn] = useState(record.outcomeOn ?? todayInTokyo());
  const [note, setNote] = useState('');
  const [isMissing, setMissing] = useState(false);
  const [isEarlyConfirmed, setEarlyConfirmed] = useState(false);
  const [isEarlyMissing, setEarlyMissing] = useState(false);
  // Before the follow-up day (30 days after discharge by default) the outcome is an early one: allowed, confirmed.
  const followUpOn = record.outcomeFollowUpOn;
  const isEarly = followUpOn !== null && on !== '' && on < followUpOn;
  // Undoing a recorded death: only the hospital, with the reason in the note (the server says so too).
  const undoesDeath = isDeath(record.outcome) && outcome !== '' && !isDeath(outcome);
  const [isReasonMissing, setReasonMissing] = useState(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setMissing(outcome === '');
    setEarlyMissing(isEarly && !isEarlyConfirmed);
    setReasonMissing(undoesDeath && !note.trim());
    if (!outcome || (isEarly && !isEarlyConfirmed) || (undoesDeath && !note.trim())) return;
    save.mutate(
      { version: record.version, body: { outcome, on, ...(note.trim() ? { note: note.trim() } : {}) } },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <p className="small">{t('actions.outcomeLead')}</p>
      <OutcomeEnds record={record} />
      <div className="form-grid">
        <SelectField
          label={t('actions.outcome')}
          required
          value={outcome}
          onChange={(event) => setOutcome(event.target.value as Outcome | '')}
          error={isMissing ? t('actions.outcomeRequired') : undefined}
        >
          <option value="">{t('common.choose')}</option>
          {outcomes.map((code) => (
            <option key={code} value={code}>
              {t(`codes.outcome.${code}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('actions.outcomeOn')}
          type="date"
          required
          max={todayInTokyo()}
          value={on}
          onChange={(event) => setOn(event.target.value)}
          error={save.error?.detailFor('on')}
        />
      </div>
      {isEarly && followUpOn ? (
        <div className="alert alert-warning small early-outcome">
          <p>{t('actions.outcomeEarly', { date: formatDate(followUpOn, i18n.language) })}</p>
          <label className="choice">
            <input
              type="checkbox"
              checked={isEarlyConfirmed}
              onChange={(event) => setEarlyConfirmed(event.target.checked)}
            />
            <span>{t('actions.outcomeEarlyConfirm')}</span>
          </label>
          {isEarlyMissing && !isEarlyConfirmed ? (
            <p className="field-error">{t('actions.outcomeEarlyRequired')}</p>
          ) : null}
        </div>
      ) : null}
      {undoesDeath ? (
        <p className="alert alert-warning small">
          {record.permissions.canEdit ? t('actions.outcomeUndoDeath') : t('actions.outcomeUndoDeathHospitalOnly')}
        </p>
      ) : null}
      <TextAreaField
        label={t('actions.outcomeNote')}
        rows={2}
        value={note}
        required={undoesDeath}
        onChange={(event) => setNote(event.target.value)}
        error={
          isReasonMissing && undoesDeath && !note.trim()
            ? t('actions.outcomeUndoDeathReason')
            : save.error?.detailFor('note')
        }
      />
      <ActionError error={save.error} caseId={record.id} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {t('actions.outcomeSubmit')}
        </button>
      </div>
    </form>
  );
}

function CancelForm({ record, onDone }: { record: FullCase; onDone: () => void }) {
  const { t } = useTranslation('cases');
  const cancel = useCancelCase(record.id);
  const conferences = useConferencesToCancel(record.id);
  const [reason, setReason] = useState('');
  const [isMissing, setMissing] = useState(false);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setMissing(!reason.trim());
    if (!reason.trim()) return;
    cancel.mutate({ version: record.version, body: { reason: reason.trim() } }, { onSuccess: onDone });
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <p className="small">{t('actions.cancelLead')}</p>
      <ConferencesToCancel upcoming={conferences.upcoming} />
      <TextAreaField
        label={t('actions.cancelReason')}
        required
        rows={2}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={isMissing ? t('actions.cancelReasonRequired') : undefined}
      />
      <ActionError error={cancel.error} caseId={record.id} />
      <div className="form-actions">
        <button type="submit" className="button button-danger" disabled={cancel.isPending}>
          {t('actions.cancelSubmit')}
        </button>
      </div>
    </form>
  );
}

type ActionKey = 'center' | 'transfer' | 'discharge' | 'outcome' | 'cancel';

/**
 * A button that opens one action's form in the panel under the whole bar (aria-expanded, aria-controls): the bar
 * never reflows around an open form, so no other button — 中止 least of all — lands beside or under its submit button.
 */
function ActionToggle({
  action,
  open,
  setOpen,
  panelId,
  label,
  tone = 'secondary',
}: {
  action: ActionKey;
  open: ActionKey | null;
  setOpen: (action: ActionKey | null) => void;
  panelId: string;
  label: string;
  tone?: 'primary' | 'secondary' | 'danger';
}) {
  const isOpen = open === action;
  return (
    <button
      type="button"
      className={
        tone === 'danger' ? 'button button-danger' : tone === 'secondary' ? 'button button-secondary' : 'button'
      }
      aria-expanded={isOpen}
      aria-controls={isOpen ? panelId : undefined}
      onClick={() => setOpen(isOpen ? null : action)}
    >
      {label}
    </button>
  );
}

export function CaseActions({ record }: { record: FullCase }) {
  const { t } = useTranslation('cases');
  const direct = useRouteCase(record.id);
  const panelId = useId();
  // One form at a time, shown below every button.
  const [open, setOpen] = useState<ActionKey | null>(null);
  // What was just done (the badges of the header change too, but that is easy to miss).
  const [done, setDone] = useState<string | null>(null);
  const { canEdit, canCoordinate } = record.permissions;
  const isActive = record.status === 'planning' || record.status === 'coordinating';
  // The hospital, the Center, and the team members who follow the patient at home (they learn the outcome first).
  const canRecordOutcome =
    record.permissions.canRecordOutcome && (record.status === 'discharged' || record.status === 'closed');
  // The Center coordinates a case it took on, but the hospital records its discharge (and then its outcome): said
  // where the hospital's buttons would be, so that the Center does not look for them.
  if (!canEdit && canCoordinate && isActive)
    return <p className="small muted case-actions-note">{t('actions.hospitalRecordsDischarge')}</p>;
  if (!(canEdit && isActive) && !canRecordOutcome) return null;
  const close = () => setOpen(null);
  const toggle = { open, setOpen, panelId };
  // The actions offered now (a form whose action is no longer offered, e.g. after a reload, is not shown).
  const offered: Record<ActionKey, boolean> = {
    center: canEdit && isActive && record.route !== 'center',
    transfer: canEdit && isActive,
    discharge: canEdit && isActive,
    outcome: canRecordOutcome,
    cancel: canEdit && isActive,
  };

  return (
    <section className="case-actions card" aria-labelledby="case-actions-title">
      <h2 id="case-actions-title">{t('actions.title')}</h2>
      {canEdit && record.status === 'planning' ? <p className="small">{t('actions.chooseRoute')}</p> : null}
      <div className="action-bar">
        {canEdit && isActive ? (
          <Link to={`/cases/${record.id}/edit`} className="button button-secondary">
            {t('actions.edit')}
          </Link>
        ) : null}
        {canEdit && record.status === 'planning' ? (
          <button
            type="button"
            className="button"
            disabled={direct.isPending}
            onClick={() => {
              setDone(null);
              direct.mutate(
                { version: record.version, body: { route: 'direct' } },
                { onSuccess: () => setDone(t('actions.directDone')) },
              );
            }}
          >
            {t('actions.direct')}
          </button>
        ) : null}
        {offered.center ? (
          <ActionToggle
            action="center"
            label={t('actions.center')}
            tone={record.status === 'planning' ? 'primary' : 'secondary'}
            {...toggle}
          />
        ) : null}
        {offered.transfer ? <ActionToggle action="transfer" label={t('actions.transfer')} {...toggle} /> : null}
        {offered.discharge ? <ActionToggle action="discharge" label={t('actions.discharge')} {...toggle} /> : null}
        {offered.outcome ? (
          <ActionToggle action="outcome" label={t('actions.recordOutcome')} tone="primary" {...toggle} />
        ) : null}
        {offered.cancel ? (
          // The destructive action stands apart, at the end of the bar.
          <div className="action-bar-danger">
            <ActionToggle action="cancel" label={t('actions.cancel')} tone="danger" {...toggle} />
          </div>
        ) : null}
      </div>
      {open && offered[open] ? (
        <div id={panelId} className="action-panel">
          {open === 'center' ? (
            <RouteCenterForm
              record={record}
              onDone={() => {
                close();
                setDone(t('actions.centerDone'));
              }}
            />
          ) : open === 'transfer' ? (
            <TransferForm record={record} onDone={close} />
          ) : open === 'discharge' ? (
            <DischargeForm record={record} onDone={close} />
          ) : open === 'outcome' ? (
            <OutcomeForm record={record} onDone={close} />
          ) : (
            <CancelForm record={record} onDone={close} />
          )}
        </div>
      ) : null}
      <ActionError error={direct.error} caseId={record.id} />
      <StatusMessage message={done} />
    </section>
  );
}
