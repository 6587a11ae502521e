/** ホーム: greeting, role and organisation, what to set up (two-factor, password), and what this role can do. */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { consultationStatusFilters, useCenterInbox, useOpenWelfareLinks, useReferralBox } from '../api/cases';
import { openReferralStatuses } from '../api/case-codes';
import { rolesSeeingPatientData } from '../codes';
import { navigationFor, receivesReferrals, roleLabelKey, useCurrentUser, welfareLinksEntry } from '../session';
import { usePageTitle } from '../usePageTitle';

/** How many welfare links addressed to the organisation are still open (依頼中・受付済み). */
function WelfareOpenCount() {
  const { t } = useTranslation();
  const open = useOpenWelfareLinks();
  if (!open.isSuccess) return null;
  return <span className="badge">{t('home.welfareOpen', { count: open.data.items.length })}</span>;
}

/**
 * How many referrals wait for the organisation's answer (未回答・閲覧済み・質問中), and how many of them are past
 * their deadline: the work a provider opens the product for.
 */
function ReferralsWaitingCount() {
  const { t } = useTranslation();
  const waiting = useReferralBox('inbox', openReferralStatuses);
  if (!waiting.isSuccess) return null;
  const items = waiting.data.pages.flatMap((page) => page.items);
  const overdue = items.filter((item) => new Date(item.respondBy).getTime() < Date.now()).length;
  const more = waiting.data.pages.at(-1)?.nextCursor ? '+' : '';
  return (
    <>
      <span className={items.length > 0 ? 'badge badge-warning' : 'badge'}>
        {t('home.referralsWaiting', { count: items.length, more })}
      </span>{' '}
      {overdue > 0 ? (
        <span className="badge badge-danger">{t('home.referralsOverdue', { count: overdue })}</span>
      ) : null}
    </>
  );
}

/** The consultations just received (受付: nobody has taken them) of an open query, and '+' when there are more. */
const receivedConsultations = { status: ['open' as const] };
/** The consultations the coordinator handles and has not closed. */
const myConsultations = { status: [...(consultationStatusFilters.active ?? [])], assigned: 'me' as const };

/** The Center's work at a glance: how many consultations wait to be taken, and how many the coordinator handles. */
function CenterConsultationCounts() {
  const { t } = useTranslation();
  const received = useCenterInbox(receivedConsultations);
  const mine = useCenterInbox(myConsultations);
  if (!received.isSuccess || !mine.isSuccess) return null;
  const countOf = (pages: { items: unknown[]; nextCursor: string | null }[]) => ({
    count: pages.reduce((sum, page) => sum + page.items.length, 0),
    more: pages.at(-1)?.nextCursor ? '+' : '',
  });
  const open = countOf(received.data.pages);
  const assigned = countOf(mine.data.pages);
  return (
    <>
      <span className={open.count > 0 ? 'badge badge-warning' : 'badge'}>{t('home.consultationsReceived', open)}</span>{' '}
      <span className="badge">{t('home.consultationsMine', assigned)}</span>
    </>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('home.title'));
  const entries = navigationFor(me.role, me.organizationKind).filter((entry) => entry.to !== '/');
  const canUpdateOwnOrganization = me.organizationId !== null && me.role !== 'city_analyst';
  // 福祉事務所・保健所・社会福祉協議会 keep no acceptance status (受入状況): only their public details.
  const keepsAvailability = me.role !== 'provider' || receivesReferrals(me.organizationKind);
  const role = t(roleLabelKey(me.role, me.organizationKind));

  return (
    <>
      <h1>{t('home.greeting', { name: me.name })}</h1>
      <p className="lead">
        {me.organizationName
          ? t('home.roleAndOrganization', { role, organization: me.organizationName })
          : t('home.roleOnly', { role })}
      </p>

      {me.isMfaRequired && !me.isMfaEnabled ? (
        <div className="alert alert-warning">
          <p>
            <strong>{t('home.mfaRequiredTitle')}</strong> {t('home.mfaRequiredText')}
          </p>
          <p>
            <Link to="/mfa/setup">{t('home.mfaSetupLink')}</Link>
          </p>
        </div>
      ) : null}
      {!me.isMfaRequired && !me.isMfaEnabled && rolesSeeingPatientData.includes(me.role) ? (
        <div className="alert alert-info">
          <p>
            {t('home.mfaRecommendedText')} <Link to="/mfa/setup">{t('home.mfaSetupLink')}</Link>
          </p>
        </div>
      ) : null}
      {me.mustChangePassword ? (
        <div className="alert alert-warning">
          <p>
            {t('home.mustChangePassword')} <Link to="/account/password">{t('home.changePasswordLink')}</Link>
          </p>
        </div>
      ) : null}

      <section aria-labelledby="home-menu">
        <h2 id="home-menu">{t('home.menuTitle')}</h2>
        <ul className="tile-list">
          {entries.map((entry) => (
            <li key={entry.to} className="tile">
              <Link to={entry.to} className="tile-link">
                {t(entry.labelKey)}
              </Link>
              {entry.to === welfareLinksEntry.to ? <WelfareOpenCount /> : null}
              {entry.to === '/referrals' ? <ReferralsWaitingCount /> : null}
              {entry.to === '/center' && me.role === 'center_coordinator' ? <CenterConsultationCounts /> : null}
              <p>{t(`home.menuDescriptions.${entry.labelKey.replace('nav.', '')}`)}</p>
            </li>
          ))}
        </ul>
      </section>

      {canUpdateOwnOrganization && me.organizationId ? (
        <section aria-labelledby="home-organization">
          <h2 id="home-organization">{t('home.organizationTitle')}</h2>
          <p>{keepsAvailability ? t('home.organizationText') : t('home.welfareOrganizationText')}</p>
          <ul className="link-list">
            {keepsAvailability ? (
              <li>
                <Link to="/my-organization">{t('home.updateOwnOrganization')}</Link>
              </li>
            ) : null}
            <li>
              <Link to={`/organizations/${me.organizationId}`}>{t('home.viewOwnOrganization')}</Link>
            </li>
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="home-account">
        <h2 id="home-account">{t('home.accountTitle')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('home.email')}</dt>
            <dd>{me.email}</dd>
          </div>
          <div>
            <dt>{t('home.mfaStatus')}</dt>
            <dd>{me.isMfaEnabled ? t('home.mfaOn') : t('home.mfaOff')}</dd>
          </div>
        </dl>
        <ul className="link-list">
          <li>
            <Link to="/account/password">{t('home.changePasswordLink')}</Link>
          </li>
          {!me.isMfaEnabled ? (
            <li>
              <Link to="/mfa/setup">{t('home.mfaSetupLink')}</Link>
            </li>
          ) : null}
          <li>
            <Link to="/audit">{t('home.auditLink')}</Link>
          </li>
        </ul>
      </section>
    </>
  );
}
