/**
 * 急変時の連絡順 (GET cases/:id/escalation?at=&condition=): whom to call, in which order, at a chosen moment (now
 * by default) — primary doctor, secondary doctor, the clinic on duty in the rotation, the backup hospitals, then
 * 119 — each with its phone, why it is there and how long to wait for an answer before calling the next. The order
 * is the clinical one whatever is on file: a contact without a phone number keeps its place, marked 「電話番号未登録」,
 * and the page asks for the number — the viewer's own organisation is sent to 自組織の情報 to enter it, another is
 * named with a link to its details — while the emergency card prints a line to write it in. A backup hospital whose
 * function and designation are the demo's invented values shows 「デモ値」.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useEscalation, type Condition, type Escalation, type EscalationStep } from '../../api/escalation';
import { formatDate, formatDateTime, formatTime } from '../../format';
import { ErrorAlert } from '../ErrorAlert';
import { fromJstLocalInput, toJstLocalInput } from './jst';
import { useServerText } from '../../i18n/server-text';
import { useWardName } from '../public/ward-names';
import { Badge, DemoValueBadge } from '../Badge';
import { reasonWithoutPhonePrefix } from './step-reason';
import { useCurrentUser } from '../../session';

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** What to do about a missing number: enter it (own organisation) or ask for it (another, with its details). */
function PhoneMissingPrompt({ organization }: { organization: { id: string; name: string } }) {
  const { t } = useTranslation('rotations');
  const me = useCurrentUser();
  if (me.organizationId === organization.id)
    return (
      <p className="escalation-phone-prompt small">
        {t('escalation.phoneMissingOwn')} <Link to="/my-organization">{t('escalation.phoneMissingOwnLink')}</Link>
      </p>
    );
  return (
    <p className="escalation-phone-prompt small">
      {t('escalation.phoneMissingOther', { name: organization.name })}{' '}
      <Link to={`/organizations/${organization.id}`}>
        {t('escalation.phoneMissingOtherLink', { name: organization.name })}
      </Link>
    </p>
  );
}

function StepItem({ step }: { step: EscalationStep }) {
  const { t, i18n } = useTranslation('rotations');
  const serverText = useServerText();
  const is119 = step.role === 'emergency_119';
  const phoneMissing = step.phoneMissing ?? !step.phone;
  return (
    <li className={`escalation-step escalation-${step.role}${phoneMissing && !is119 ? ' escalation-no-phone' : ''}`}>
      <span className="escalation-order" aria-hidden="true">
        {step.order}
      </span>
      <div className="escalation-body">
        <p className="escalation-head">
          <span className="visually-hidden">{t('escalation.orderLabel', { order: step.order })}</span>
          <strong className="escalation-role">{t(`escalation.role.${step.role}`)}</strong>
          {step.organization ? <span className="escalation-name">{step.organization.name}</span> : null}
          {step.hospitalFunction ? (
            <span className="badge badge-neutral">{t(`codes.hospitalFunction.${step.hospitalFunction}`)}</span>
          ) : null}
          {step.isDemoProfile ? <DemoValueBadge /> : null}
          {phoneMissing ? (
            <Badge tone="warning" title={t('escalation.phoneMissingTitle')}>
              {t('escalation.phoneMissing')}
            </Badge>
          ) : null}
        </p>
        {step.phone ? (
          <p className="escalation-phone">
            <a href={telHref(step.phone)}>{is119 ? t('escalation.call119') : step.phone}</a>
          </p>
        ) : step.organization ? (
          // The badge says the number is missing; the line says what to do about it.
          <PhoneMissingPrompt organization={step.organization} />
        ) : (
          <p className="escalation-phone muted">{t('escalation.noPhone')}</p>
        )}
        {step.duty ? (
          <p className="small">
            {t('escalation.duty', {
              group: step.duty.groupName,
              date: formatDate(step.duty.startsAt, i18n.language),
              shift: t(`shift.${step.duty.shift}`),
              from: formatTime(step.duty.startsAt),
              to: formatTime(step.duty.endsAt),
            })}{' '}
            <Link to={`/rotations/rosters/${step.duty.rosterId}`}>{t('escalation.openRoster')}</Link>
          </p>
        ) : null}
        <p className="escalation-reason small">
          {serverText.escalationReason({ ...step, reason: reasonWithoutPhonePrefix(step.reason) })}
        </p>
        {step.waitMinutes !== null ? (
          <p className="escalation-wait small">
            {phoneMissing && !is119
              ? t('escalation.phoneMissingNext', { count: step.waitMinutes })
              : step.waitMinutes > 0
                ? t('escalation.wait', { count: step.waitMinutes })
                : t('escalation.waitNone')}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** Above the steps when numbers are missing: the order is kept, and the numbers are to be entered or written in. */
function PhoneMissingSummary({ steps }: { steps: EscalationStep[] }) {
  const { t } = useTranslation('rotations');
  const me = useCurrentUser();
  const missing = steps.filter((step) => step.organization && (step.phoneMissing ?? !step.phone));
  if (missing.length === 0) return null;
  const own = missing.find((step) => step.organization?.id === me.organizationId)?.organization;
  return (
    <div className="alert alert-warning escalation-phone-summary">
      <p>{t('escalation.phoneMissingSummary', { count: missing.length })}</p>
      {own ? (
        <p>
          {t('escalation.phoneMissingSummaryOwn', { name: own.name })}{' '}
          <Link to="/my-organization">{t('escalation.phoneMissingOwnLink')}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function EscalationChain({ escalation }: { escalation: Escalation }) {
  const { t, i18n } = useTranslation('rotations');
  const serverText = useServerText();
  const wardName = useWardName();
  const dayText =
    escalation.holidayName ??
    (escalation.dayKind === 'working_day'
      ? t('escalation.day.working_day')
      : t(`escalation.day.${escalation.dayKind}`));
  // A missing number is said by its step's badge and the summary above the steps, not once more per contact here.
  const allNotes = escalation.noteDetails ?? escalation.notes.map((text) => ({ code: '', params: {}, text }));
  const notes = allNotes.filter((note) => note.code !== 'no_phone' && note.code !== 'home_death_wish');
  // The patient's wish to die at home changes what to call first: said above the steps, not among the notes.
  const homeDeathWish = allNotes.find((note) => note.code === 'home_death_wish');
  return (
    <>
      <p className="escalation-moment">
        {t('escalation.momentIs', {
          at: formatDateTime(escalation.at, i18n.language),
          day: dayText,
          area:
            escalation.areaName === null
              ? t('escalation.areaUnknown')
              : escalation.areaCode
                ? wardName({ code: escalation.areaCode, name: escalation.areaName, fullName: escalation.areaName })
                : escalation.areaName,
        })}
      </p>
      {homeDeathWish ? (
        <p className="alert alert-warning escalation-wish">{serverText.escalationNote(homeDeathWish)}</p>
      ) : null}
      <PhoneMissingSummary steps={escalation.steps} />
      <ol className="escalation-steps" aria-label={t('escalation.stepsLabel')}>
        {escalation.steps.map((step) => (
          <StepItem key={`${step.order}-${step.role}`} step={step} />
        ))}
      </ol>
      {notes.length > 0 || escalation.skipped.length > 0 ? (
        <div className="alert alert-info escalation-notes">
          <ul>
            {escalation.skipped.map((entry) => (
              <li key={`skipped-${entry.organization.id}`}>
                {t('escalation.skipped', { name: entry.organization.name, reason: serverText.escalationReason(entry) })}
              </li>
            ))}
            {notes.map((note) => (
              <li key={note.text}>{serverText.escalationNote(note)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

export function EscalationPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation('rotations');
  const [moment, setMoment] = useState<'now' | 'chosen'>('now');
  const [chosen, setChosen] = useState(() => toJstLocalInput(new Date()));
  const [condition, setCondition] = useState<Condition>('acute');
  const at = moment === 'chosen' ? (fromJstLocalInput(chosen) ?? undefined) : undefined;
  const escalation = useEscalation(caseId, at, condition);

  return (
    <div className="escalation-panel">
      <form className="escalation-controls" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>{t('escalation.when')}</legend>
          <label className="choice">
            <input type="radio" name="escalation-moment" checked={moment === 'now'} onChange={() => setMoment('now')} />
            <span>{t('escalation.now')}</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name="escalation-moment"
              checked={moment === 'chosen'}
              onChange={() => setMoment('chosen')}
            />
            <span>{t('escalation.chosen')}</span>
          </label>
          {moment === 'chosen' ? (
            <div className="field field-short">
              <label htmlFor="escalation-at">{t('escalation.at')}</label>
              <input
                id="escalation-at"
                type="datetime-local"
                value={chosen}
                onChange={(event) => setChosen(event.target.value)}
              />
            </div>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>{t('escalation.condition')}</legend>
          <label className="choice">
            <input
              type="radio"
              name="escalation-condition"
              checked={condition === 'acute'}
              onChange={() => setCondition('acute')}
            />
            <span>{t('escalation.acute')}</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name="escalation-condition"
              checked={condition === 'non_acute'}
              onChange={() => setCondition('non_acute')}
            />
            <span>{t('escalation.nonAcute')}</span>
          </label>
        </fieldset>
      </form>
      <ErrorAlert error={escalation.error} />
      <div role="status" className="status-region">
        {escalation.isPending ? <p>{t('common.loading')}</p> : null}
      </div>
      {escalation.data ? <EscalationChain escalation={escalation.data} /> : null}
    </div>
  );
}
