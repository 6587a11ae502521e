/**
 * 急変の記録 (POST/GET cases/:id/acute-events): one call-out — when it happened, who was called in which order (the
 * calling order at that moment is offered as the rows to fill in), who answered after how many minutes, whether
 * the backup hospital admitted. A recorded event also appears on the case's timeline.
 */
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acuteCallOutcomes,
  useAcuteEvents,
  useEscalation,
  useRecordAcuteEvent,
  type AcuteCallInput,
  type AcuteCallOutcome,
  type AcuteEvent,
  type EscalationStep,
} from '../../api/escalation';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../ErrorAlert';
import { StatusMessage } from '../StatusMessage';
import { SelectField } from '../SelectField';
import { TextAreaField } from '../cases/TextAreaField';
import { fromJstLocalInput, toJstLocalInput } from './jst';

type CallDraft = { isCalled: boolean; answered: boolean; minutes: string; outcome: AcuteCallOutcome | '' };

const stepKey = (step: EscalationStep) => `${step.role}:${step.organization?.id ?? '119'}`;
const emptyCall: CallDraft = { isCalled: false, answered: false, minutes: '', outcome: '' };

function AcuteEventForm({ caseId, onDone }: { caseId: string; onDone: (message: string | null) => void }) {
  const { t } = useTranslation('rotations');
  const record = useRecordAcuteEvent(caseId);
  const [occurredAt, setOccurredAt] = useState(() => toJstLocalInput(new Date()));
  const occurredIso = fromJstLocalInput(occurredAt);
  const chain = useEscalation(caseId, occurredIso ?? undefined, 'acute');
  const steps = chain.data?.steps ?? [];
  const [calls, setCalls] = useState<Record<string, CallDraft>>({});
  const [admitted, setAdmitted] = useState(false);
  const [hospitalId, setHospitalId] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const hospitals = steps.filter((step) => step.role === 'backup_hospital' && step.organization);
  const callOf = (step: EscalationStep) => calls[stepKey(step)] ?? emptyCall;
  const setCall = (step: EscalationStep, change: Partial<CallDraft>) =>
    setCalls((current) => ({ ...current, [stepKey(step)]: { ...(current[stepKey(step)] ?? emptyCall), ...change } }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!occurredIso) {
      setProblem(t('acute.occurredAtInvalid'));
      return;
    }
    const made: AcuteCallInput[] = [];
    for (const step of steps) {
      const call = callOf(step);
      if (!call.isCalled) continue;
      const minutes = call.minutes.trim() === '' ? undefined : Number(call.minutes);
      if (call.answered && minutes !== undefined && (!Number.isFinite(minutes) || minutes < 0 || minutes > 1440)) {
        setProblem(t('acute.minutesInvalid', { role: t(`escalation.role.${step.role}`) }));
        return;
      }
      made.push({
        order: made.length + 1,
        role: step.role,
        ...(step.organization ? { organizationId: step.organization.id } : {}),
        answered: call.answered,
        ...(call.answered && minutes !== undefined ? { answeredAfterMinutes: minutes } : {}),
        ...(call.outcome ? { outcome: call.outcome } : {}),
      });
    }
    if (made.length === 0) {
      setProblem(t('acute.callsRequired'));
      return;
    }
    setProblem(null);
    record.mutate(
      {
        occurredAt: occurredIso,
        calls: made,
        admitted,
        ...(admitted && hospitalId ? { admittedHospitalId: hospitalId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: () => onDone(t('acute.recorded')) },
    );
  };

  const serverError = isApiError(record.error) ? record.error : null;

  return (
    <form onSubmit={submit} noValidate className="card acute-form" aria-labelledby="acute-form-title">
      <h3 id="acute-form-title" ref={heading} tabIndex={-1}>
        {t('acute.formTitle')}
      </h3>
      <div className="field field-short">
        <label htmlFor="acute-occurred">{t('acute.occurredAt')}</label>
        <input
          id="acute-occurred"
          type="datetime-local"
          value={occurredAt}
          onChange={(event) => setOccurredAt(event.target.value)}
          aria-invalid={serverError?.detailFor('occurredAt') ? true : undefined}
        />
        {serverError?.detailFor('occurredAt') ? (
          <p className="field-error">{serverError.detailFor('occurredAt')}</p>
        ) : null}
      </div>
      <fieldset>
        <legend>{t('acute.calls')}</legend>
        <p className="field-hint">{t('acute.callsHint')}</p>
        <ErrorAlert error={chain.error} />
        {chain.isPending ? <p>{t('common.loading')}</p> : null}
        <ol className="acute-calls">
          {steps.map((step) => {
            const call = callOf(step);
            const label = `${t(`escalation.role.${step.role}`)}${step.organization ? ` ${step.organization.name}` : ''}`;
            return (
              <li key={stepKey(step)} className={call.isCalled ? 'is-called' : undefined}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={call.isCalled}
                    onChange={(event) => setCall(step, { isCalled: event.target.checked })}
                  />
                  <span>
                    {t('acute.called', { who: label })}
                    {step.phone ? <span className="muted small"> {step.phone}</span> : null}
                  </span>
                </label>
                {call.isCalled ? (
                  <div className="acute-call-details">
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={call.answered}
                        onChange={(event) => setCall(step, { answered: event.target.checked })}
                      />
                      <span>{t('acute.answered')}</span>
                    </label>
                    {call.answered ? (
                      <div className="field field-short">
                        <label htmlFor={`acute-minutes-${stepKey(step)}`}>
                          {t('acute.minutes', { who: t(`escalation.role.${step.role}`) })}
                        </label>
                        <input
                          id={`acute-minutes-${stepKey(step)}`}
                          type="number"
                          inputMode="numeric"
                          min={0}
                          max={1440}
                          value={call.minutes}
                          onChange={(event) => setCall(step, { minutes: event.target.value })}
                        />
                      </div>
                    ) : null}
                    <SelectField
                      label={t('acute.outcome', { who: t(`escalation.role.${step.role}`) })}
                      value={call.outcome}
                      onChange={(event) =>
                        setCall(step, {
                          outcome: acuteCallOutcomes.find((code) => code === event.target.value) ?? '',
                        })
                      }
                    >
                      <option value="">{t('common.notSet')}</option>
                      {acuteCallOutcomes.map((code) => (
                        <option key={code} value={code}>
                          {t(`acute.outcomeCode.${code}`)}
                        </option>
                      ))}
                    </SelectField>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      </fieldset>
      <fieldset>
        <legend>{t('acute.admission')}</legend>
        <label className="choice">
          <input type="checkbox" checked={admitted} onChange={(event) => setAdmitted(event.target.checked)} />
          <span>{t('acute.admitted')}</span>
        </label>
        {admitted ? (
          <SelectField
            label={t('acute.hospital')}
            value={hospitalId}
            onChange={(event) => setHospitalId(event.target.value)}
            error={serverError?.detailFor('admittedHospitalId')}
          >
            <option value="">{t('common.notSet')}</option>
            {hospitals.map((step) => (
              <option key={step.organization?.id} value={step.organization?.id}>
                {step.organization?.name}
              </option>
            ))}
          </SelectField>
        ) : null}
      </fieldset>
      <TextAreaField
        label={t('acute.note')}
        value={note}
        rows={3}
        maxLength={2000}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="alert-region" role="alert">
        {problem ? <p className="alert alert-error">{problem}</p> : null}
      </div>
      <ErrorAlert error={record.error} showDetails />
      <div className="form-actions">
        <button type="submit" className="button" disabled={record.isPending || steps.length === 0}>
          {record.isPending ? t('common.saving') : t('acute.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function AcuteEventItem({ event }: { event: AcuteEvent }) {
  const { t, i18n } = useTranslation('rotations');
  return (
    <li className="acute-event">
      <p className="acute-event-head">
        <strong>{formatDateTime(event.occurredAt, i18n.language)}</strong>{' '}
        {event.admitted ? (
          <span className="badge badge-warning">
            {t('acute.admittedTo', { name: event.admittedHospital?.name ?? t('acute.hospitalUnknown') })}
          </span>
        ) : (
          <span className="badge badge-neutral">{t('acute.notAdmitted')}</span>
        )}{' '}
        {event.reached119 ? <span className="badge badge-danger">{t('acute.reached119')}</span> : null}
      </p>
      <ol className="acute-event-calls small">
        {event.calls.map((call) => (
          <li key={call.order}>
            {t(`escalation.role.${call.role}`)}
            {call.organization ? t('common.inParentheses', { text: call.organization.name }) : ''}:{' '}
            {call.answered
              ? call.answeredAfterMinutes === null
                ? t('acute.answeredPlain')
                : t('acute.answeredAfter', { count: call.answeredAfterMinutes })
              : t('acute.noAnswer')}
            {call.outcome && !(call.outcome === 'no_answer' && !call.answered)
              ? `・${t(`acute.outcomeCode.${call.outcome}`)}`
              : ''}
          </li>
        ))}
      </ol>
      {event.note ? <p className="small acute-note">{event.note}</p> : null}
    </li>
  );
}

export function AcuteEvents({ caseId }: { caseId: string }) {
  const { t } = useTranslation('rotations');
  const events = useAcuteEvents(caseId);
  const [isRecording, setRecording] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const items = events.data?.items ?? [];
  return (
    <div className="acute-events">
      <StatusMessage message={message} />
      <ErrorAlert error={events.error} />
      {events.isSuccess && items.length === 0 ? <p className="muted">{t('acute.none')}</p> : null}
      {items.length > 0 ? (
        <ul className="acute-event-list" aria-label={t('acute.listLabel')}>
          {items.map((event) => (
            <AcuteEventItem key={event.id} event={event} />
          ))}
        </ul>
      ) : null}
      {isRecording ? (
        <AcuteEventForm
          caseId={caseId}
          onDone={(text) => {
            setRecording(false);
            setMessage(text);
          }}
        />
      ) : (
        <p className="form-actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setMessage(null);
              setRecording(true);
            }}
          >
            {t('acute.record')}
          </button>
        </p>
      )}
    </div>
  );
}
