/**
 * 候補を探す for one open role: only organisations that can serve this patient, ranked, each with a score bar and
 * its reasons as chips (「距離 2.1 km」「人工呼吸器対応」「受入可（3日前更新）」「要確認」). Several are chosen and one
 * request goes to all of them at once, with a deadline in business days or a date and time, and a message.
 */
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router-dom';
import { Trans, useTranslation } from 'react-i18next';
import { useCandidates, useIdempotencyKey, useSendReferrals } from '../../api/cases';
import type { Candidate, SendReferralsRequest, Team } from '../../api/case-types';
import { isOpenReferral, type CaseRoute, type TeamRole } from '../../api/case-codes';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../ErrorAlert';
import { StatusMessage } from '../StatusMessage';
import { SelectField } from '../SelectField';
import { TextField } from '../TextField';
import { Badge } from '../Badge';
import { TextAreaField } from './TextAreaField';
import { useServerText } from '../../i18n/server-text';
import { useCurrentUser } from '../../session';
import { usePublicConfig } from '../../api/queries';
import { todayInTokyo, tokyoDateTimeToIso } from './dates';
import { addBusinessDays } from './business-days';
import { deadlineWarnings } from './deadline-warnings';
import { formatDate } from '../../format';
import { emptyCandidatesMessageKey, isWithCenter as isCenterAdviceOutOfPlace, nearMissesOf } from './candidate-empty';
import { NearMissList } from './NearMissList';
import { resourceSearchHref } from './team-direct';
import {
  formatCandidateKm,
  needsAvailabilityCheck,
  placeStarts,
  reasonTone,
  travelBurdenFactor,
  type CandidatePlace,
} from './candidate-reasons';

function CandidateRow({
  candidate,
  rank,
  isSelected,
  onToggle,
  note,
  placeStart,
  staleDays,
}: {
  candidate: Candidate;
  rank: number;
  isSelected: boolean;
  onToggle: (isChecked: boolean) => void;
  note: { text: string; isPending: boolean } | null;
  /** The part of the order that begins here (said above the candidate), or null. */
  placeStart: CandidatePlace | null;
  staleDays: number;
}) {
  const { t } = useTranslation('cases');
  const serverText = useServerText();
  const percent = Math.round(candidate.score * 100);
  const id = `candidate-${candidate.organization.id}`;
  return (
    <li className={isSelected ? 'candidate is-selected' : 'candidate'}>
      {placeStart ? (
        // cases.css lays a candidate out in two columns (checkbox, body): the note spans both.
        <p className="alert alert-info small" style={{ gridColumn: '1 / -1', margin: 0 }}>
          {t(`candidates.placeStart.${placeStart}`, { days: staleDays })}
        </p>
      ) : null}
      <div className="candidate-check">
        <input
          id={id}
          type="checkbox"
          checked={isSelected}
          disabled={note?.isPending ?? false}
          onChange={(event) => onToggle(event.target.checked)}
        />
      </div>
      <div className="candidate-body">
        <label htmlFor={id} className="candidate-name">
          <span className="candidate-rank">{rank}.</span> {candidate.organization.name}
        </label>{' '}
        {note ? <Badge tone="warning">{note.text}</Badge> : null}{' '}
        {needsAvailabilityCheck(candidate) ? <Badge tone="warning">{t('candidates.staleBadge')}</Badge> : null}
        <p className="muted small candidate-address">
          {candidate.organization.address}
          {candidate.organization.phone ? ` ・ ${candidate.organization.phone}` : ''}{' '}
          <Link to={`/organizations/${candidate.organization.id}`}>{t('candidates.profile')}</Link>
        </p>
        <div className="score">
          <span className="score-label small">{t('candidates.score')}</span>
          <span className="score-bar" aria-hidden="true">
            <span className="score-fill" style={{ width: `${percent}%` }} />
          </span>
          <span className="small">{t('candidates.scoreValue', { value: percent, count: percent })}</span>
        </div>
        <ul className="reason-chips" aria-label={t('candidates.reasons')}>
          {candidate.reasons.map((reason) => (
            <li key={reason.code} className={`reason-chip reason-${reasonTone(reason.code)}`}>
              {reason.code === 'distance'
                ? t('candidates.distance', { km: formatCandidateKm(candidate.distanceKm) })
                : serverText.reason(reason)}
            </li>
          ))}
        </ul>
      </div>
    </li>
  );
}

const firstPage = 20;
const largestPage = 100;

type Props = {
  caseId: string;
  role: TeamRole;
  team: Team;
  route: CaseRoute | null;
  /** The patient's home: 資源検索, linked from an empty list, starts there. */
  home?: { lat: number | null; lng: number | null } | undefined;
  /** A deadline after it is questioned (deadline-warnings.ts). */
  plannedDischargeDate?: string | null | undefined;
  onSent?: () => void;
};

export function CandidatePanel({ caseId, role, team, route, home, plannedDischargeDate }: Props) {
  const { t, i18n } = useTranslation('cases');
  const texts = useServerText();
  const me = useCurrentUser();
  // 「センターへの相談も検討してください」 makes no sense to the Center itself, nor once the case is with it.
  const isWithCenter = isCenterAdviceOutOfPlace(me.role, route);
  const [limit, setLimit] = useState(firstPage);
  const candidates = useCandidates(caseId, role, true, limit);
  const config = usePublicConfig();
  const staleDays = config.data?.staleAvailabilityDays ?? 14;
  const send = useSendReferrals(caseId);
  const idempotency = useIdempotencyKey();
  const [selected, setSelected] = useState<string[]>([]);
  const [deadlineMode, setDeadlineMode] = useState<'businessDays' | 'dateTime'>('businessDays');
  const [businessDays, setBusinessDays] = useState('2');
  // A date and time defaults to what the business days would give (the server's 17:00 of the n-th business day),
  // never a weekend or holiday; until the user picks a date it follows the number of business days chosen.
  const [deadlineDate, setDeadlineDate] = useState(() => addBusinessDays(todayInTokyo(), 2));
  const [isDeadlineDateEdited, setDeadlineDateEdited] = useState(false);
  const [deadlineTime, setDeadlineTime] = useState('17:00');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const referralsOfRole = team.referrals.filter((referral) => referral.role === role);
  const noteFor = (organizationId: string) => {
    const latest = referralsOfRole.filter((referral) => referral.organizationId === organizationId).at(-1);
    if (!latest) return null;
    if (isOpenReferral(latest.status)) return { text: t('candidates.pending'), isPending: true };
    return {
      text: t('candidates.previously', { status: t(`codes.referralStatus.${latest.status}`) }),
      isPending: false,
    };
  };

  // One already asked and not yet answered cannot be asked again (409 referral_pending): it leaves the selection
  // once the team shows it as 回答待ち (after someone else's send, too).
  const chosen = selected.filter((organizationId) => !noteFor(organizationId)?.isPending);

  const toggle = (organizationId: string, isChecked: boolean) =>
    setSelected((current) =>
      isChecked ? [...current, organizationId] : current.filter((id) => id !== organizationId),
    );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setSent(null);
    if (chosen.length === 0) {
      setProblem(t('candidates.chooseOne'));
      return;
    }
    let deadline: Pick<SendReferralsRequest, 'respondBy' | 'respondWithinBusinessDays'>;
    if (deadlineMode === 'businessDays') {
      deadline = { respondWithinBusinessDays: Number(businessDays) };
    } else {
      const respondBy = tokyoDateTimeToIso(deadlineDate, deadlineTime);
      if (!deadlineDate || !deadlineTime || new Date(respondBy).getTime() <= Date.now()) {
        setProblem(t('candidates.deadlinePast'));
        return;
      }
      deadline = { respondBy };
    }
    setProblem(null);
    const body: SendReferralsRequest = { role, organizationIds: chosen, ...deadline, message: message.trim() };
    send.mutate(
      { body, key: idempotency.keyFor(body) },
      {
        onSuccess: (result) => {
          idempotency.reset();
          setSelected([]);
          setMessage('');
          setSent(t('candidates.sent', { count: result.items.length }));
        },
      },
    );
  };

  // The organisations that stopped the send, each with its reason: cannot serve this patient (400), or already
  // asked and not yet answered (409 referral_pending), told by the error's reason.
  const cannotServe =
    isApiError(send.error) && ['organization_cannot_serve', 'referral_pending'].includes(send.error.specificCode)
      ? send.error
      : null;
  const items = candidates.data?.items ?? [];
  // 惜しい候補: while fewer than three candidates fit, those missing one or two conditions, to phone.
  const nearMisses = nearMissesOf(candidates.data);
  const starts = placeStarts(items);
  const travelFactor = travelBurdenFactor(items);

  return (
    <div className="candidate-panel">
      <ErrorAlert error={candidates.error} />
      {candidates.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {candidates.isSuccess ? (
        <>
          {/* With no candidate, only the empty state speaks: there is no order to explain. */}
          {items.length > 0 ? (
            <p className="small muted">
              {t('candidates.leadOrdered', { count: items.length, days: staleDays })}
              {candidates.data.filters.procedures.length > 0
                ? t('candidates.filterProcedures', {
                    procedures: candidates.data.filters.procedures
                      .map((procedure) => t(`codes.procedure.${procedure}`))
                      .join('、'),
                  })
                : ''}
            </p>
          ) : null}
          {items.length === 0 ? (
            <>
              <div className="alert alert-warning">
                <p>
                  <Trans
                    t={t}
                    i18nKey={emptyCandidatesMessageKey(candidates.data.emptyReason ?? null, isWithCenter)}
                    components={{
                      search: (
                        <Link to={resourceSearchHref(candidates.data.filters, home ?? { lat: null, lng: null })} />
                      ),
                    }}
                  />
                </p>
                <p className="small">{t('candidates.directHint')}</p>
              </div>
              <NearMissList nearMisses={nearMisses} role={role} />
            </>
          ) : (
            <form onSubmit={submit} noValidate>
              <fieldset className="candidate-fieldset">
                <legend>{t('candidates.legend', { role: t(`codes.teamRole.${role}`) })}</legend>
                <ol className="candidate-list">
                  {items.map((candidate, index) => (
                    <CandidateRow
                      key={candidate.organization.id}
                      candidate={candidate}
                      rank={index + 1}
                      isSelected={chosen.includes(candidate.organization.id)}
                      onToggle={(isChecked) => toggle(candidate.organization.id, isChecked)}
                      note={noteFor(candidate.organization.id)}
                      placeStart={starts[index] ?? null}
                      staleDays={staleDays}
                    />
                  ))}
                </ol>
                {travelFactor !== null ? (
                  <p className="small muted">{t('candidates.travelBurdenLegend', { factor: travelFactor })}</p>
                ) : null}
                {items.length >= limit && limit < largestPage ? (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    disabled={candidates.isFetching}
                    onClick={() => setLimit(largestPage)}
                  >
                    {t('candidates.more', { max: largestPage })}
                  </button>
                ) : null}
              </fieldset>
              <NearMissList nearMisses={nearMisses} role={role} />
              <fieldset>
                <legend>{t('candidates.deadline')}</legend>
                <div className="deadline-modes">
                  <label className="choice">
                    <input
                      type="radio"
                      name={`deadline-${role}`}
                      checked={deadlineMode === 'businessDays'}
                      onChange={() => setDeadlineMode('businessDays')}
                    />
                    <span>{t('candidates.deadlineBusinessDays')}</span>
                  </label>
                  <label className="choice">
                    <input
                      type="radio"
                      name={`deadline-${role}`}
                      checked={deadlineMode === 'dateTime'}
                      onChange={() => {
                        setDeadlineMode('dateTime');
                        if (!isDeadlineDateEdited)
                          setDeadlineDate(addBusinessDays(todayInTokyo(), Number(businessDays)));
                      }}
                    />
                    <span>{t('candidates.deadlineDateTime')}</span>
                  </label>
                </div>
                {deadlineMode === 'businessDays' ? (
                  <SelectField
                    label={t('candidates.businessDays')}
                    value={businessDays}
                    onChange={(event) => setBusinessDays(event.target.value)}
                  >
                    {[1, 2, 3, 4, 5].map((days) => (
                      <option key={days} value={String(days)}>
                        {t('candidates.businessDaysValue', { count: days })}
                      </option>
                    ))}
                  </SelectField>
                ) : (
                  <div className="form-grid">
                    <TextField
                      label={t('candidates.deadlineDate')}
                      type="date"
                      min={todayInTokyo()}
                      value={deadlineDate}
                      onChange={(event) => {
                        setDeadlineDate(event.target.value);
                        setDeadlineDateEdited(true);
                      }}
                    />
                    <TextField
                      label={t('candidates.deadlineTime')}
                      type="time"
                      value={deadlineTime}
                      onChange={(event) => setDeadlineTime(event.target.value)}
                    />
                  </div>
                )}
                {deadlineMode === 'dateTime'
                  ? deadlineWarnings(deadlineDate, deadlineTime, plannedDischargeDate).map((warning) => (
                      <p key={warning} className="small alert alert-warning">
                        {t(`candidates.deadlineWarning.${warning}`, {
                          discharge: plannedDischargeDate ? formatDate(plannedDischargeDate, i18n.language) : '',
                        })}
                      </p>
                    ))
                  : null}
                <p className="field-hint">{t('candidates.deadlineHint')}</p>
              </fieldset>
              <TextAreaField
                label={t('candidates.message')}
                hint={t('candidates.messageHint')}
                value={message}
                onChange={(event) => setMessage(event.target.value)}
              />
              <div className="alert-region" role="alert">
                {problem ? <p className="alert alert-error">{problem}</p> : null}
                {cannotServe ? (
                  <div className="alert alert-error">
                    <p>{texts.apiError(cannotServe)}</p>
                    <ul>
                      {cannotServe.details.map((detail) => (
                        <li key={`${detail.path}:${detail.message}`}>{texts.apiErrorDetail(detail)}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
              {!cannotServe ? <ErrorAlert error={send.error} /> : null}
              <div className="form-actions">
                <button type="submit" className="button" disabled={send.isPending}>
                  {t('candidates.send', { count: chosen.length })}
                </button>
              </div>
            </form>
          )}
        </>
      ) : null}
      <StatusMessage message={sent} />
    </div>
  );
}
