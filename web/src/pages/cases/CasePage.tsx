/**
 * One discharge case. With the full record: header, actions by permission, the team view with candidates and
 * referrals, welfare links, the discharge conference, the team's message thread, the patient's details and the
 * timeline. A candidate organisation (summary access) sees only the minimum necessary and is told why.
 */
import { useEffect, useRef } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  caseFallbackPollMs,
  useCase,
  useCaseConferences,
  useCaseReferrals,
  useCaseTeam,
  useLiveCase,
  useRefreshOnNotification,
} from '../../api/cases';
import { useNoticesSeenOn } from '../../api/directory';
import type { CaseSummary, FullCase, Team } from '../../api/case-types';
import { isOpenReferral } from '../../api/case-codes';
import { formatDate, formatTime } from '../../format';
import { isWelfareWindow, useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusMessage } from '../../components/StatusMessage';
import { CaseHeader, CaseSummaryFacts, PatientDetails } from '../../components/cases/CaseFacts';
import { CaseActions } from '../../components/cases/CaseActions';
import { TeamView } from '../../components/cases/TeamView';
import { WelfareLinksSection } from '../../components/cases/WelfareLinksSection';
import { ConferencesSection } from '../../components/cases/ConferencesSection';
import { MessageThread } from '../../components/cases/MessageThread';
import { CaseTimeline } from '../../components/cases/CaseTimeline';
import { ConferenceStatusBadge, ReferralStatusBadge } from '../../components/cases/CaseBadges';
import { EmergencySection } from '../../components/escalation/EmergencySection';
import { hashTargetId } from './CasePage.hash';
import '../../components/cases/cases.css';

const isDeath = (record: FullCase) => record.outcome === 'died_home' || record.outcome === 'died_hospital';

/** A case that has ended: after a death (closed), or cancelled. What is no longer offered, and why. */
function CaseEndedNotice({ record }: { record: FullCase }) {
  const { t, i18n } = useTranslation('cases');
  if (isDeath(record) && record.outcome) {
    return (
      <div className="alert alert-info case-ended" role="note">
        <p>
          <strong>{t('casePage.closedTitle')}</strong>
        </p>
        <p>
          {t('casePage.closedDeath', {
            outcome: t(`codes.outcome.${record.outcome}`),
            date: record.outcomeOn ? formatDate(record.outcomeOn, i18n.language) : '',
          })}
        </p>
      </div>
    );
  }
  return null;
}

/**
 * A link from a notification opens the case where the work is (#role-primary_doctor, #referral-<id>): once the team
 * has loaded — the browser's own jump happens before the cards exist — the target scrolls to the top and takes the
 * focus, once per link followed.
 */
function useScrollToHash(location: { key: string; hash: string }, team: Team | undefined, conferencesReady: boolean) {
  const handled = useRef<string | null>(null);
  const { key, hash } = location;
  useEffect(() => {
    if (!team || !hash || handled.current === `${key}${hash}`) return;
    // A conference (#conference-<id>, from its notification) is listed once the conferences have loaded.
    if (hash.startsWith('#conference-') && !conferencesReady) return;
    handled.current = `${key}${hash}`;
    const id = hashTargetId(hash, team, (candidate) => document.getElementById(candidate) !== null);
    const element = id ? document.getElementById(id) : null;
    if (!element) return;
    // A referral of the past is listed in a closed 「これまでの紹介」.
    const details = element.closest('details');
    if (details && !details.open) details.open = true;
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'start' });
  }, [key, hash, team, conferencesReady]);
}

function FullCaseView({ record }: { record: FullCase }) {
  const { t, i18n } = useTranslation('cases');
  const hasDied = isDeath(record);
  const location = useLocation();
  const team = useCaseTeam(record.id, { refetchInterval: caseFallbackPollMs });
  const conferences = useCaseConferences(record.id, true);
  useScrollToHash(location, team.data, !conferences.isPending);
  const me = useCurrentUser();
  const state = location.state as {
    created?: boolean;
    saved?: boolean;
    /** The hospital the case was just transferred to (転院), from the transfer form. */
    transferredTo?: string;
    duplicates?: { caseId: string; plannedDischargeDate: string }[];
  } | null;
  // A hospital the case was transferred away from still reads it; the receiving hospital coordinates from now on.
  const isTransferredAway =
    me.organizationId !== null &&
    record.hospital.id !== me.organizationId &&
    record.pastHospitals.some((hospital) => hospital.id === me.organizationId);
  const consultationPath = record.consultation
    ? me.role === 'center_coordinator'
      ? `/center/consultations/${record.consultation.id}`
      : `/consultations/${record.consultation.id}`
    : null;
  const sections = [
    { id: 'case-team', label: t('casePage.team') },
    ...(record.permissions.canUseThread ? [{ id: 'case-welfare', label: t('casePage.welfare') }] : []),
    { id: 'case-conferences', label: t('casePage.conferences') },
    ...(record.permissions.canUseThread ? [{ id: 'case-messages', label: t('casePage.messages') }] : []),
    { id: 'case-details', label: t('casePage.details') },
    { id: 'case-timeline', label: t('casePage.timeline') },
  ];
  return (
    <>
      <StatusMessage
        message={
          state?.created && record.status === 'planning'
            ? t('casePage.created')
            : state?.saved
              ? t('casePage.saved')
              : state?.transferredTo !== undefined && isTransferredAway
                ? t('casePage.transferred', { name: state.transferredTo || record.hospital.name })
                : null
        }
      />
      {state?.duplicates?.length ? (
        <div className="alert alert-warning" role="alert">
          <p>
            <strong>{t('casePage.duplicateTitle')}</strong> {t('casePage.duplicateText')}
          </p>
          <ul>
            {state.duplicates.map((other) => (
              <li key={other.caseId}>
                <Link to={`/cases/${other.caseId}`}>
                  {t('casePage.duplicateLink', { date: formatDate(other.plannedDischargeDate, i18n.language) })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <CaseHeader record={record} />
      <nav className="case-sections" aria-label={t('casePage.sectionsLabel')}>
        <ul>
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.label}</a>
            </li>
          ))}
          <li>
            <a href={`/api/v1/cases/${record.id}/summary.pdf`} target="_blank" rel="noreferrer">
              {t('casePage.summaryPdf')}
              <span className="visually-hidden">{t('common.opensInNewTab')}</span>
            </a>
          </li>
        </ul>
      </nav>
      <CaseEndedNotice record={record} />
      {isTransferredAway ? (
        <p className="alert alert-info" role="note">
          {t('casePage.transferredAway', { name: record.hospital.name })}
        </p>
      ) : null}
      <CaseActions record={record} />
      {consultationPath && record.consultation ? (
        <p className="case-consultation-link">
          <Link to={consultationPath}>{t('casePage.openConsultation')}</Link>{' '}
          <span className="muted small">
            {t('casePage.consultationStatus', {
              status: t(`codes.consultationStatus.${record.consultation.status}`),
            })}
          </span>
        </p>
      ) : null}

      <section id="case-team" className="section" aria-labelledby="case-team-title">
        <h2 id="case-team-title">{t('casePage.team')}</h2>
        <ErrorAlert error={team.error} />
        {team.isPending ? <p>{t('common.loading')}</p> : null}
        {team.isSuccess ? <TeamView record={record} team={team.data} /> : null}
      </section>

      {/* After a death there is nobody to call for: no calling order, no emergency cards, no acute events. */}
      {hasDied ? null : <EmergencySection record={record} />}

      {record.permissions.canUseThread ? (
        <section id="case-welfare" className="section" aria-labelledby="case-welfare-title">
          <h2 id="case-welfare-title">{t('casePage.welfare')}</h2>
          <WelfareLinksSection record={record} />
        </section>
      ) : null}

      <section id="case-conferences" className="section" aria-labelledby="case-conferences-title">
        <h2 id="case-conferences-title">{t('casePage.conferences')}</h2>
        {team.isSuccess ? <ConferencesSection record={record} team={team.data} /> : null}
      </section>

      {record.permissions.canUseThread ? (
        <section id="case-messages" className="section" aria-labelledby="case-messages-title">
          <h2 id="case-messages-title">{t('casePage.messages')}</h2>
          <p className="muted small">{t('casePage.messagesLead')}</p>
          <MessageThread
            caseId={record.id}
            canPost={record.status !== 'cancelled' && !hasDied}
            closedNote={
              hasDied
                ? t('messages.closedDeath')
                : record.status === 'cancelled'
                  ? t('messages.closedCancelled')
                  : undefined
            }
          />
        </section>
      ) : null}

      <section id="case-details" className="section" aria-labelledby="case-details-title">
        <h2 id="case-details-title">{t('casePage.details')}</h2>
        <PatientDetails record={record} />
      </section>

      <section id="case-timeline" className="section" aria-labelledby="case-timeline-title">
        <h2 id="case-timeline-title">{t('casePage.timeline')}</h2>
        <CaseTimeline caseId={record.id} />
      </section>
    </>
  );
}

/** What a candidate sees: the minimum necessary, why, and the way to its referral. */
function SummaryCaseView({ summary }: { summary: CaseSummary }) {
  const { t, i18n } = useTranslation('cases');
  const referrals = useCaseReferrals(summary.id, 'inbox', true);
  const conferences = useCaseConferences(summary.id, true);
  const me = useCurrentUser();
  const own = referrals.data?.items ?? [];
  const isCandidate = own.some((referral) => isOpenReferral(referral.status));
  // A welfare window with no referral of its own sees the summary because of a welfare link.
  const isWelfareLinked = own.length === 0 && isWelfareWindow(me.organizationKind);
  return (
    <>
      <h1>{t('summaryPage.title')}</h1>
      <div className="alert alert-info">
        <p>
          <strong>{t('summaryPage.whyTitle')}</strong>
        </p>
        <p>
          {isWelfareLinked
            ? t('summaryPage.whyWelfare')
            : isCandidate || own.length === 0
              ? t('summaryPage.whyCandidate')
              : t('summaryPage.whyNoConsent')}
        </p>
      </div>
      <CaseSummaryFacts summary={summary} />
      {own.length > 0 ? (
        <section className="section" aria-labelledby="summary-referrals">
          <h2 id="summary-referrals">{t('summaryPage.referrals')}</h2>
          <ul className="link-list">
            {own.map((referral) => (
              <li key={referral.id}>
                <Link to={`/referrals/${referral.id}`}>
                  {t('summaryPage.referralLink', { role: t(`codes.teamRole.${referral.role}`) })}
                </Link>{' '}
                <ReferralStatusBadge status={referral.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {(conferences.data?.items ?? []).length > 0 ? (
        <section className="section" aria-labelledby="summary-conferences">
          <h2 id="summary-conferences">{t('casePage.conferences')}</h2>
          <ul className="link-list">
            {(conferences.data?.items ?? []).map((conference) => (
              <li key={conference.id}>
                {formatDate(conference.startsAt, i18n.language)} {formatTime(conference.startsAt)}{' '}
                <ConferenceStatusBadge
                  status={conference.status}
                  startsAt={conference.startsAt}
                  endsAt={conference.endsAt}
                />{' '}
                {conference.status !== 'cancelled' ? (
                  <a href={conference.calendarUrl} download>
                    {t('conference.ics')}
                  </a>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function CasePage() {
  useRefreshOnNotification();
  const { t } = useTranslation('cases');
  const { id = '' } = useParams();
  // Others' changes (a message, a conference, the team) appear at once, without reloading.
  useLiveCase(id);
  const me = useCurrentUser();
  const record = useCase(id);
  // The server marks the notices about it read when it is served: the bell's count follows.
  useNoticesSeenOn(record.dataUpdatedAt);
  const data = record.data;
  usePageTitle(data?.access === 'full' ? data.patient.name : t('casePage.title'));
  const backTo = me.role === 'provider' ? '/referrals' : '/cases';
  return (
    <>
      <p className="breadcrumb">
        <Link to={backTo}>{me.role === 'provider' ? t('referralInbox.title') : t('caseList.title')}</Link>
      </p>
      {record.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {record.isError ? (
        <>
          <h1>{t('casePage.title')}</h1>
          <ErrorAlert error={record.error} />
        </>
      ) : null}
      {data?.access === 'full' ? <FullCaseView record={data} /> : null}
      {data?.access === 'summary' ? <SummaryCaseView summary={data} /> : null}
    </>
  );
}
