/**
 * One referral. The receiving organisation sees what it needs to decide (the minimum necessary), and answers:
 * 受諾する / 質問する / 辞退する (reason code + text); after accepting, the case opens (in full if consent allows).
 * The sender sees the same referral with the patient's name, the question thread to answer, and 取り下げ.
 */
import { useId, useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  useAcceptReferral,
  useDeclineReferral,
  useReferral,
  useRefreshOnNotification,
  useWithdrawReferral,
} from '../../api/cases';
import type { Referral } from '../../api/case-types';
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

function DeclineForm({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const { t } = useTranslation('cases');
  const decline = useDeclineReferral();
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
    decline.mutate({ id: referral.id, reasonCode, reason: reason.trim() }, { onSuccess: onDone });
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

function ReceiverActions({ referral }: { referral: Referral }) {
  const { t } = useTranslation('cases');
  const accept = useAcceptReferral();
  const declineFormId = useId();
  const [isDeclining, setDeclining] = useState(false);
  if (!isOpenReferral(referral.status)) return null;
  // Both answers are buttons of one size on one row; the decline form opens below the row (not inside it), so
  // 辞退する stays beside 受諾する and says, by aria-expanded, that the form is open.
  return (
    <section className="card referral-actions" aria-labelledby="referral-answer-title">
      <h2 id="referral-answer-title">{t('referralPage.answerTitle')}</h2>
      <p className="small">{t('referralPage.answerLead')}</p>
      <div className="action-bar">
        <button
          type="button"
          className="button button-large"
          disabled={accept.isPending}
          onClick={() => accept.mutate(referral.id)}
        >
          {t('referralPage.accept')}
        </button>
        <button
          type="button"
          className="button button-large button-danger"
          aria-expanded={isDeclining}
          aria-controls={declineFormId}
          onClick={() => setDeclining((open) => !open)}
        >
          {t('referralPage.decline')}
        </button>
      </div>
      <ErrorAlert error={accept.error} />
      <div id={declineFormId} className="disclosure-panel" hidden={!isDeclining}>
        {isDeclining ? <DeclineForm referral={referral} onDone={() => setDeclining(false)} /> : null}
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
  const withdraw = useWithdrawReferral();
  const data = referral.data;
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
      <StatusMessage
        message={data.status === 'accepted' && viewer === 'receiver' ? t('referralPage.acceptedNotice') : null}
      />
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
          <dd className="pre-wrap">{data.message || t('general.none')}</dd>
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
        {data.case ? <CaseSummaryFacts summary={data.case} /> : null}
        {data.status === 'accepted' || viewer === 'sender' ? (
          <p className="section">
            <Link to={`/cases/${data.caseId}`} className="button button-secondary">
              {t('referralPage.openCase')}
            </Link>
          </p>
        ) : null}
      </section>

      {viewer === 'receiver' ? <ReceiverActions referral={data} /> : null}

      <section className="section" aria-labelledby="referral-thread-title">
        <h2 id="referral-thread-title">{t('referralPage.threadTitle')}</h2>
        <ReferralThread referral={data} viewer={viewer} />
      </section>
    </>
  );
}
