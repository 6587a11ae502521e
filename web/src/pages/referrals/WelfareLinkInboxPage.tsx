/**
 * 福祉の連携の受信 (the staff of 福祉事務所・保健所・社会福祉協議会・地域包括支援センター): the links addressed to the
 * caller's organisation, answered here (受け付ける) or closed; each opens its case. Each card shows the minimum
 * necessary about the patient (age band, ward); the record opens once the link is acknowledged (with consent).
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useRefreshOnNotification, useWelfareInbox, useWelfareLinkChange } from '../../api/cases';
import type { WelfareLink } from '../../api/case-types';
import { formatDate, formatDateTime } from '../../format';
import { useServerText } from '../../i18n/server-text';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { WelfareLinkStatusBadge } from '../../components/cases/CaseBadges';
import { WelfareLinkAnswer } from '../../components/cases/WelfareLinksSection';
import '../../components/cases/cases.css';

function LinkCard({ link }: { link: WelfareLink }) {
  const { t, i18n } = useTranslation('cases');
  const change = useWelfareLinkChange();
  const serverText = useServerText();
  return (
    <li className="card welfare-link">
      <h2 className="welfare-link-title">
        {t('welfareInbox.itemTitle', { hospital: link.requestedBy?.organization.name ?? link.case.hospital.name })}{' '}
        <WelfareLinkStatusBadge status={link.status} />
      </h2>
      {link.requestedBy ? (
        <p className="small">
          {t('welfareInbox.requestedBy', {
            name: link.requestedBy.name ?? link.requestedBy.organization.name,
            phone: link.requestedBy.phone ?? t('welfareInbox.noPhone'),
          })}
          {link.requestedBy.organization.id !== link.case.hospital.id
            ? ` ${t('welfareInbox.patientOfHospital', { hospital: link.case.hospital.name })}`
            : null}
        </p>
      ) : null}
      <p className="small muted">
        {link.case.dischargedOn
          ? t('welfareInbox.metaDischarged', {
              date: formatDateTime(link.createdAt, i18n.language),
              discharged: formatDate(link.case.dischargedOn, i18n.language),
            })
          : t('welfareInbox.meta', {
              date: formatDateTime(link.createdAt, i18n.language),
              discharge: formatDate(link.case.plannedDischargeDate, i18n.language),
            })}
      </p>
      <p className="welfare-link-patient">
        {t(link.status === 'requested' ? 'welfareInbox.patient' : 'welfareInbox.patientAfterAcknowledge', {
          ageBand: serverText.ageBand(link.case.ageBand),
          ward: link.case.areaName ? serverText.wardName(link.case.areaName) : t('welfareInbox.wardUnknown'),
        })}
      </p>
      <p>{t('welfare.reasonShown', { reason: link.reason })}</p>
      {link.response ? <p>{t('welfare.responseShown', { response: link.response })}</p> : null}
      <WelfareLinkAnswer link={link} />
      <div className="action-bar">
        {/* A link only requested when the case ended opens nothing (the case is out of sight). */}
        {link.status === 'requested' && (link.case.status === 'closed' || link.case.status === 'cancelled') ? null : (
          <Link to={`/cases/${link.caseId}`}>{t('welfareInbox.openCase')}</Link>
        )}
        {link.status !== 'closed' ? (
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={change.isPending}
            onClick={() => change.mutate({ id: link.id, action: 'close', text: '' })}
          >
            {t('welfare.close')}
          </button>
        ) : null}
      </div>
      <ErrorAlert error={change.error} />
    </li>
  );
}

export function WelfareLinkInboxPage() {
  useRefreshOnNotification();
  const { t } = useTranslation('cases');
  usePageTitle(t('welfareInbox.title'));
  const inbox = useWelfareInbox();
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <h1>{t('welfareInbox.title')}</h1>
      <p className="lead">{t('welfareInbox.lead')}</p>
      <ErrorAlert error={inbox.error} />
      <div role="status" className="status-region">
        {inbox.isPending ? <p>{t('common.loading')}</p> : null}
        {inbox.isSuccess && items.length === 0 ? <p className="muted">{t('welfareInbox.none')}</p> : null}
      </div>
      <ul className="plain-cards">
        {items.map((link) => (
          <LinkCard key={link.id} link={link} />
        ))}
      </ul>
      <LoadMore
        hasNextPage={inbox.hasNextPage}
        isFetchingNextPage={inbox.isFetchingNextPage}
        onLoadMore={() => void inbox.fetchNextPage()}
      />
    </>
  );
}
