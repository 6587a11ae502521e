/**
 * One referral. The receiving organisation sees what it needs to decide (the minimum necessary), and answers:
 * 受諾する / 質問する / 辞退する (reason code + text); after accepting, the case opens (in full if consent allows).
 * 受諾する asks to confirm in the page first (it fills the role and withdraws the other referrals of the role); after
 * either answer the page says so where the user is (on a phone: at the bottom).
 * The sender sees the same referral with the patient's name, the question thread to answer, and 取り下げ.
 */
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  useAcceptReferral,
  useDeclineReferral,
  useReferral,
  useRefreshOnNotification,
  useWithdrawReferral,
} from '../../api/cases';
import { useNoticesSeenOn } from '../../api/directory';
import type { Referral } from '../../api/case-types';
import { useOrganization } from '../../api/queries';
import { declineReasonCodes, isOpenReferral, type DeclineReasonCode } from '../../api/case-codes';
import { formatDateTime } from '../../format';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { CaseSummaryFacts } from '../../components/cases/CaseFacts';
import { OverdueBadge, ReferralStatusBadge } from '../../components/cases/CaseBadges';
import { ReferralThread } from '../../components/cases/ReferralThread';
import { TextAreaField } from '../../components/cases/TextAreaField';
import { declineProblems, isDeclineReasonTextRequired, type DeclineProblems } from './decline-form';
import '../../components/cases/cases.css';

function DeclineForm({ referral, decline }: { referral: Referral; decline: ReturnType<typeof useDeclineReferral> }) {
  const { t } = useTranslation('cases');
  const [reasonCode, setReasonCode] = useState<DeclineReasonCode | ''>('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<DeclineProblems>({ reasonCode: false, reason: false });
  // 「その他」 alone tells the sender nothing: the words become required (the server refuses it too).
  const isTextRequired = isDeclineReasonTextRequired(reasonCode);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const problems = declineProblems(reasonCode, reason);
    setMissing(problems);
    if (!reasonCode || problems.reason) return;
    decline.mutate({ id: referral.id, reasonCode, reason: reason.trim() });
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <SelectField
        label={t('referralPage.declineReasonCode')}
        required
        value={reasonCode}
        onChange={(event) => {
          setReasonCode(event.target.value as DeclineReasonCode | '');
          setMissing({ reasonCode: false, reason: false });
        }}
        error={missing.reasonCode ? t('referralPage.declineReasonRequired') : undefined}
      >
        <option value="">{t('common.choose')}</option>
        {declineReasonCodes.map((code) => (
          <option key={code} value={code}>
            {t(`codes.declineReason.${code}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={isTextRequired ? t('referralPage.declineReasonOther') : t('referralPage.declineReason')}
        hint={isTextRequired ? t('referralPage.declineReasonOtherHint') : t('referralPage.declineReasonHint')}
        required={isTextRequired}
        rows={2}
        value={reason}
        onChange={(event) => {
          setReason(event.target.value);
          if (event.target.value.trim() !== '') setMissing((current) => ({ ...current, reason: false }));
        }}
        error={missing.reason ? t('referralPage.declineReasonTextRequired') : undefined}
      />
      <ErrorAlert error={decline.error} showDetails />
      <button type="submit" className="button button-danger" disabled={decline.isPending}>
        {t('referralPage.declineSubmit')}
      </button>
    </form>
  );
}

/**
 * Accepting fills the role: it adds the organisation to the team and withdraws the other open referrals of the role.
 * A mis-tap must not do that, so 受諾する asks first, in the page (not a browser dialog), and 受諾を確定する sends.
 */
function AcceptConfirmation({
  referral,
  accept,
  onAccepted,
  onCancel,
}: {
  referral: Referral;
  accept: ReturnType<typeof useAcceptReferral>;
  onAccepted: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('cases');
  const questionId = useId();
  const box = useRef<HTMLDivElement>(null);
  // The question is read out and brought into view on a phone as soon as it opens.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
    box.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={box} tabIndex={-1} role="group" aria-labelledby={questionId} className="alert alert-warning section">
      <p id={questionId}>
        <strong>{t('referralPage.acceptConfirm')}</strong>
      </p>
      <div className="action-bar">
        <button
          type="button"
          className="button button-large"
          disabled={accept.isPending}
          onClick={() => accept.mutate(referral.id, { onSuccess: onAccepted })}
        >
          {t('referralPage.acceptConfirmSubmit')}
        </button>
        <button type="button" className="button button-large button-secondary" onClick={onCancel}>
          {t('referralPage.acceptCancel')}
        </button>
      </div>
      <ErrorAlert error={accept.error} />
    </div>
  );
}

/**
 * What the receiver sees where the answer buttons were, right after declining: that the decline was sent (brought
 * into view and focused: on a phone the user is at the bottom of the page), and — when it said 受入枠がない while its
 * own 受入状況 still says it takes patients — a prompt to update the 受入状況, which every searcher sees.
 */
function DeclinedOutcome({ referral }: { referral: Referral }) {
  const { t } = useTranslation('cases');
  const box = useRef<HTMLDivElement>(null);
  const isCapacity = referral.declineReasonCode === 'capacity';
  const organization = useOrganization(isCapacity ? referral.organization.id : undefined);
  const availability = organization.data?.availability ?? null;
  const showPrompt = isCapacity && organization.isSuccess && availability?.status !== 'full';
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'center' });
    box.current?.focus({ preventScroll: true });
  }, []);
  return (
    <section ref={box} tabIndex={-1} className="section" aria-labelledby="referral-answer-title">
      <h2 id="referral-answer-title" className="visually-hidden">
        {t('referralPage.answerTitle')}
      </h2>
      <div role="status">
        <p className="alert alert-success">{t('referralPage.declineSent')}</p>
      </div>
      {showPrompt ? (
        <div className="alert alert-warning">
          <p>
            {availability
              ? t('referralPage.capacityStillAccepting', {
                  status: t(`codes.availabilityStatus.${availability.status}`),
                })
              : t('referralPage.capacityNotDeclared')}
          </p>
          <p>
            <Link to="/my-organization" className="button button-secondary">
              {t('referralPage.updateAvailability')}
            </Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}

function ReceiverActions({ referral, onAccepted }: { referral: Referral; onAccepted: () => void }) {
  const { t } = useTranslation('cases');
  const accept = useAcceptReferral();
  // Held here, not in the form: the form goes once the referral is answered, and what it says then is shown here.
  const decline = useDeclineReferral();
  const declineFormId = useId();
  const acceptConfirmId = useId();
  const [isDeclining, setDeclining] = useState(false);
  const [isConfirmingAccept, setConfirmingAccept] = useState(false);
  if (!isOpenReferral(referral.status)) {
    return decline.isSuccess && referral.status === 'declined' ? <DeclinedOutcome referral={referral} /> : null;
  }
  // Both answers are buttons of one size on one row; the confirmation of 受諾する and the decline form open below the
  // row (not inside it), so 辞退する stays beside 受諾する and each says, by aria-expanded, that its part is open.
  return (
    <section className="card referral-actions" aria-labelledby="referral-answer-title">
      <h2 id="referral-answer-title">{t('referralPage.answerTitle')}</h2>
      <p className="small">{t('referralPage.answerLead')}</p>
      <div className="action-bar">
        <button
          type="button"
          className="button button-large"
          aria-expanded={isConfirmingAccept}
          aria-controls={acceptConfirmId}
          onClick={() => {
            setConfirmingAccept(true);
            setDeclining(false);
          }}
        >
          {t('referralPage.accept')}
        </button>
        <button
          type="button"
          className="button button-large button-danger"
          aria-expanded={isDeclining}
          aria-controls={declineFormId}
          onClick={() => {
            setDeclining((open) => !open);
            setConfirmingAccept(false);
          }}
        >
          {t('referralPage.decline')}
        </button>
      </div>
      <div id={acceptConfirmId} hidden={!isConfirmingAccept}>
        {isConfirmingAccept ? (
          <AcceptConfirmation
            referral={referral}
            accept={accept}
            onAccepted={onAccepted}
            onCancel={() => {
              setConfirmingAccept(false);
              accept.reset();
            }}
          />
        ) : null}
      </div>
      <div id={declineFormId} className="disclosure-panel" hidden={!isDeclining}>
        {isDeclining ? <DeclineForm referral={referral} decline={decline} /> : null}
      </div>
    </section>
  );
}

/** Why a receiver sees nothing of the patient: not yet accepted (minimum necessary), or no longer in question. */
function patientNoticeKey(data: Referral): string {
  switch (data.status) {
    case 'declined':
      return 'referralPage.noPatientDeclined';
    case 'withdrawn':
      return 'referralPage.noPatientWithdrawn';
    case 'expired':
      return 'referralPage.noPatientExpired';
    case 'accepted':
      return 'referralPage.noPatientAccepted';
    case 'sent':
    case 'viewed':
    case 'needs_info':
      return 'referralPage.minimumNecessary';
  }
}

export function ReferralPage() {
  useRefreshOnNotification();
  const { t, i18n } = useTranslation('cases');
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const referral = useReferral(id);
  // The server marks the notices about it read when it is served: the bell's count follows.
  useNoticesSeenOn(referral.dataUpdatedAt);
  const withdraw = useWithdrawReferral();
  const data = referral.data;
  // Accepted here just now: the notice at the top is brought into view (on a phone the user is at the bottom).
  const [isJustAccepted, setJustAccepted] = useState(false);
  const acceptedNotice = useRef<HTMLDivElement>(null);
  const isAccepted = data?.status === 'accepted';
  useEffect(() => {
    if (!isJustAccepted || !isAccepted) return;
    acceptedNotice.current?.scrollIntoView({ block: 'center' });
    acceptedNotice.current?.focus({ preventScroll: true });
  }, [isJustAccepted, isAccepted]);
  usePageTitle(
    data ? t('referralPage.title', { role: t(`codes.teamRole.${data.role}`) }) : t('referralPage.loadingTitle'),
  );

  if (referral.isPending) return <p role="status">{t('common.loading')}</p>;
  if (referral.isError || !data) {
    return (
      <>
        <h1>{t('referralPage.loadingTitle')}</h1>
        <ErrorAlert error={referral.error} />
      </>
    );
  }
  const viewer = me.organizationId === data.organization.id ? 'receiver' : 'sender';
  const isOpen = isOpenReferral(data.status);
  // Declined, withdrawn or expired: the receiver no longer sees what speaks of the patient (message, thread).
  const isEndedForReceiver = viewer === 'receiver' && !isOpen && data.status !== 'accepted';

  return (
    <>
      <p className="breadcrumb">
        {viewer === 'receiver' ? (
          <Link to="/referrals">{t('referralInbox.title')}</Link>
        ) : (
          <Link to={`/cases/${data.caseId}`}>{t('referralPage.backToCase')}</Link>
        )}
      </p>
      <h1>
        {t('referralPage.title', { role: t(`codes.teamRole.${data.role}`) })}{' '}
        <span className="badge-row">
          <ReferralStatusBadge status={data.status} />
          {data.isOverdue ? <OverdueBadge /> : null}
        </span>
      </h1>
      <div ref={acceptedNotice} tabIndex={-1}>
        <StatusMessage
          message={data.status === 'accepted' && viewer === 'receiver' ? t('referralPage.acceptedNotice') : null}
        />
      </div>
      <dl className="facts">
        <div>
          <dt>{viewer === 'receiver' ? t('referralPage.from') : t('referralPage.to')}</dt>
          <dd>{viewer === 'receiver' ? data.sender.name : data.organization.name}</dd>
        </div>
        <div>
          <dt>{t('referralPage.sentAt')}</dt>
          <dd>{formatDateTime(data.createdAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('referralPage.respondBy')}</dt>
          <dd>
            {formatDateTime(data.respondBy, i18n.language)} {data.isOverdue ? <OverdueBadge /> : null}
          </dd>
        </div>
        {data.viewedAt ? (
          <div>
            <dt>{t('referralPage.viewedAt')}</dt>
            <dd>{formatDateTime(data.viewedAt, i18n.language)}</dd>
          </div>
        ) : null}
        {data.respondedAt ? (
          <div>
            <dt>{t('referralPage.respondedAt')}</dt>
            <dd>{formatDateTime(data.respondedAt, i18n.language)}</dd>
          </div>
        ) : null}
        {data.status === 'withdrawn' && data.withdrawnReason ? (
          <div>
            <dt>{t('referralPage.withdrawnReason')}</dt>
            <dd>{t(`codes.withdrawnReason.${data.withdrawnReason}`)}</dd>
          </div>
        ) : null}
        {data.declineReasonCode ? (
          <div>
            <dt>{t('referralPage.declineReasonCode')}</dt>
            <dd>
              {t(`codes.declineReason.${data.declineReasonCode}`)}
              {data.declineReason ? t('common.afterColon', { text: data.declineReason }) : ''}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('referralPage.message')}</dt>
          <dd className="pre-wrap">
            {isEndedForReceiver ? t('referralPage.messageHidden') : data.message || t('general.none')}
          </dd>
        </div>
      </dl>

      {viewer === 'sender' && isOpen ? (
        <div className="action-bar section">
          <button
            type="button"
            className="button button-secondary"
            disabled={withdraw.isPending}
            onClick={() => withdraw.mutate(data.id)}
          >
            {t('team.withdraw')}
          </button>
          <ErrorAlert error={withdraw.error} />
        </div>
      ) : null}

      <section className="section" aria-labelledby="referral-patient-title">
        <h2 id="referral-patient-title">{t('referralPage.patientTitle')}</h2>
        {data.patientName ? (
          <p className="lead">
            <strong>{data.patientName}</strong>
          </p>
        ) : (
          <p className="alert alert-info small">{t(patientNoticeKey(data))}</p>
        )}
        {data.case ? (
          <CaseSummaryFacts
            summary={data.case}
            distance={
              data.distanceKm === null
                ? null
                : { km: data.distanceKm, from: viewer === 'receiver' ? null : data.organization.name }
            }
          />
        ) : null}
        {data.status === 'accepted' || viewer === 'sender' ? (
          <p className="section">
            <Link to={`/cases/${data.caseId}`} className="button button-secondary">
              {t('referralPage.openCase')}
            </Link>
          </p>
        ) : null}
      </section>

      {viewer === 'receiver' ? <ReceiverActions referral={data} onAccepted={() => setJustAccepted(true)} /> : null}

      <section className="section" aria-labelledby="referral-thread-title">
        <h2 id="referral-thread-title">{t('referralPage.threadTitle')}</h2>
        {isEndedForReceiver ? (
          <p className="muted small">{t('referralPage.threadHidden')}</p>
        ) : (
          <ReferralThread referral={data} viewer={viewer} />
        )}
      </section>
    </>
  );
}
