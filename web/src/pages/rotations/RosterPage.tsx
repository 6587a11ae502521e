/**
 * One roster (/rotations/rosters/:id): for the association, the review of a draft — fairness against the LP lower
 * bound, the calendar — and publishing or discarding it; for a member clinic, the published calendar, its own
 * duties with the .ics file and swap requests. Swaps are listed for everyone concerned, with what each may do.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  calendarUrl,
  useRoster,
  useRosterChange,
  useRotationGroup,
  useSwaps,
  type Duty,
  type Roster,
} from '../../api/rotations';
import { formatDateTime } from '../../format';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusMessage } from '../../components/StatusMessage';
import { RosterStatusBadge, periodLabel } from './parts';
import { RosterCalendar } from './RosterCalendar';
import { FairnessReport } from './FairnessReport';
import { OwnDuties, SwapList } from './SwapsPanel';
import { rosterHashTarget } from './roster-hash';
import { AdjustDutyForm } from './AdjustDutyForm';
import './rotations.css';

function ReviewActions({ roster }: { roster: Roster }) {
  const { t } = useTranslation('rotations');
  const navigate = useNavigate();
  const change = useRosterChange(roster.id);
  const [isConfirmingDiscard, setConfirmingDiscard] = useState(false);
  // Publishing notifies every member clinic and fixes the duties (later changes only by swaps): asked once more.
  const [isConfirmingPublish, setConfirmingPublish] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (!roster.permissions.canManage || roster.status !== 'draft') return <StatusMessage message={message} />;
  return (
    <div className="card review-actions" role="region" aria-labelledby="review-title">
      <h2 id="review-title">{t('roster.reviewTitle')}</h2>
      <p>{t('roster.reviewLead')}</p>
      <ErrorAlert error={change.error} />
      {isConfirmingDiscard ? (
        <div className="alert alert-warning">
          <p>{t('roster.discardConfirm')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={change.isPending}
              onClick={() =>
                change.mutate(
                  { event: 'discard', version: roster.version },
                  { onSuccess: () => void navigate(`/rotations/groups/${roster.groupId}`) },
                )
              }
            >
              {t('roster.discardYes')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirmingDiscard(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : isConfirmingPublish ? (
        <div className="alert alert-info">
          <p>{t('roster.publishConfirm', { count: roster.fairness.clinics.length })}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={change.isPending}
              onClick={() =>
                change.mutate(
                  { event: 'publish', version: roster.version },
                  { onSuccess: () => setMessage(t('roster.published')) },
                )
              }
            >
              {t('roster.publishYes')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirmingPublish(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setConfirmingPublish(true)}>
            {t('roster.publish')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirmingDiscard(true)}>
            {t('roster.discard')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * A link from a swap's notice (#swap-<id>) opens the roster at the request: once the swaps have loaded — the
 * browser's own jump happens before they are listed — the request scrolls to the top and takes the focus, once per
 * link followed.
 */
function useScrollToHash(location: { key: string; hash: string }, isReady: boolean) {
  const handled = useRef<string | null>(null);
  const { key, hash } = location;
  useEffect(() => {
    if (!isReady || !hash || handled.current === `${key}${hash}`) return;
    handled.current = `${key}${hash}`;
    const id = rosterHashTarget(hash, (candidate) => document.getElementById(candidate) !== null);
    const element = id ? document.getElementById(id) : null;
    if (!element) return;
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: 'start' });
  }, [key, hash, isReady]);
}

export function RosterPage() {
  const { t, i18n } = useTranslation('rotations');
  const { id = '' } = useParams();
  const location = useLocation();
  const me = useCurrentUser();
  const roster = useRoster(id);
  const data = roster.data;
  const group = useRotationGroup(data?.groupId ?? '');
  const period = data ? periodLabel(data.from, data.to, i18n.language) : '';
  usePageTitle(data ? t('roster.title', { period }) : t('roster.titlePlain'));
  const generated = (location.state as { generated?: boolean } | null)?.generated ?? false;
  const swaps = useSwaps(id, data?.status === 'published');
  // The association adjusts a draft by hand, one duty at a time (調整).
  const [adjusting, setAdjusting] = useState<Duty | null>(null);
  const [adjusted, setAdjusted] = useState<string | null>(null);
  const canAdjust = data?.status === 'draft' && data.permissions.canManage;
  useScrollToHash(location, data !== undefined && (data.status !== 'published' || !swaps.isPending));
  // A member clinic's own staff (the server's isGroupMember): only they take a swap asked of the group.
  const isMember = Boolean(
    me.role === 'provider' &&
    me.organizationId &&
    group.data?.members.some((member) => member.organization.id === me.organizationId),
  );

  return (
    <>
      <p className="breadcrumb">
        <Link to="/rotations">{t('home.title')}</Link>
        {data ? (
          <>
            {' › '}
            <Link to={`/rotations/groups/${data.groupId}`}>{data.groupName}</Link>
          </>
        ) : null}
      </p>
      {roster.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {roster.isError ? (
        <>
          <h1>{t('roster.titlePlain')}</h1>
          <ErrorAlert error={roster.error} />
        </>
      ) : null}
      {data ? (
        <>
          <StatusMessage message={generated && data.status === 'draft' ? t('roster.generated') : null} />
          <div className="page-heading">
            <h1>
              {t('roster.title', { period })} <RosterStatusBadge status={data.status} />
            </h1>
          </div>
          <p className="lead">
            {t('roster.lead', { group: data.groupName, count: data.duties.length })}
            {data.publishedAt
              ? ` ${t('roster.publishedAt', { at: formatDateTime(data.publishedAt, i18n.language) })}`
              : ''}
          </p>
          {data.status === 'discarded' ? <p className="alert alert-info">{t('roster.discarded')}</p> : null}
          <ReviewActions roster={data} />

          <nav className="page-sections" aria-label={t('roster.sectionsLabel')}>
            <ul>
              <li>
                <a href="#calendar-title">{t('calendar.title')}</a>
              </li>
              {isMember ? (
                <li>
                  <a href="#own-title">{t('roster.ownDuties')}</a>
                </li>
              ) : null}
              <li>
                <a href="#fairness-title">{t('fairness.title')}</a>
              </li>
              <li>
                <a href="#swaps-title">{t('swap.title')}</a>
              </li>
              <li>
                <a href={calendarUrl(data.id, isMember && me.organizationId ? me.organizationId : undefined)} download>
                  {isMember ? t('roster.icsOwn') : t('roster.icsAll')}
                </a>
              </li>
            </ul>
          </nav>

          <section className="section" aria-labelledby="calendar-title">
            <h2 id="calendar-title">{t('calendar.title')}</h2>
            {canAdjust ? <p className="muted small">{t('adjust.hint')}</p> : null}
            <StatusMessage message={adjusted} />
            <RosterCalendar
              roster={data}
              ownOrganizationId={me.organizationId}
              onAdjust={
                canAdjust
                  ? (duty) => {
                      setAdjusted(null);
                      setAdjusting(duty);
                    }
                  : undefined
              }
            />
            {canAdjust && adjusting ? (
              <AdjustDutyForm
                key={adjusting.id}
                roster={data}
                group={group.data}
                duty={adjusting}
                onDone={(message) => {
                  setAdjusting(null);
                  setAdjusted(message);
                }}
              />
            ) : null}
          </section>

          {isMember && me.organizationId ? (
            <section className="section" aria-labelledby="own-title">
              <h2 id="own-title">{t('roster.ownDuties')}</h2>
              <p className="muted small">{t('roster.ownDutiesLead')}</p>
              <OwnDuties roster={data} group={group.data} organizationId={me.organizationId} />
            </section>
          ) : null}

          <section className="section" aria-labelledby="fairness-title">
            <h2 id="fairness-title">{t('fairness.title')}</h2>
            <p className="muted small">
              {t('fairness.lead')}
              {data.fairness.adjustedCount ? ` ${t('fairness.adjusted', { count: data.fairness.adjustedCount })}` : ''}
            </p>
            <FairnessReport roster={data} />
          </section>

          <section className="section" aria-labelledby="swaps-title">
            <h2 id="swaps-title">{t('swap.title')}</h2>
            <p className="muted small">{t('swap.lead')}</p>
            <SwapList roster={data} organizationId={isMember ? me.organizationId : null} />
          </section>
        </>
      ) : null}
    </>
  );
}
