/** 受入状況 in words: status, free slots, note, when and by whom, freshness and 要確認. */
import { useTranslation } from 'react-i18next';
import type { Availability, Organization } from '../api/types';
import type { AvailabilityStatus } from '../codes';
import { formatDateTime, formatFreshness } from '../format';
import { Badge, DemoValueBadge, StaleBadge } from './Badge';
import { admitsPatients } from '../../../src/domain/directory/search-kinds';

const tones: Record<AvailabilityStatus, 'ok' | 'warning' | 'danger'> = {
  accepting: 'ok',
  limited: 'warning',
  full: 'danger',
};

export function AvailabilityStatusBadge({ status }: { status: AvailabilityStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status]}>{t(`codes.availabilityStatus.${status}`)}</Badge>;
}

/** 受入状況 in a line: status, how old, 要確認 when stale, デモ値 for the demo's invented answer (nothing when never reported). */
export function AvailabilityBadges({
  organization,
}: {
  organization: Pick<Organization, 'availability' | 'isDemoAvailability'>;
}) {
  const { t } = useTranslation();
  if (!organization.availability) return null;
  return (
    <>
      <AvailabilityStatusBadge status={organization.availability.status} />
      <span className="muted small">{formatFreshness(organization.availability.ageDays, t)}</span>
      {organization.availability.isStale ? <StaleBadge /> : null}
      {organization.isDemoAvailability ? <DemoValueBadge /> : null}
    </>
  );
}

/**
 * The 受入状況 cell of an organisation table: AvailabilityBadges, or 「未登録」 when never reported — and 「対象外（相談窓口）」
 * for a kind that admits no patients (地域包括支援センター …), whatever it once declared.
 */
export function AvailabilityCell({
  organization,
}: {
  organization: Pick<Organization, 'availability' | 'isDemoAvailability'> & { kind?: string };
}) {
  const { t } = useTranslation();
  if (organization.kind !== undefined && !admitsPatients(organization.kind)) {
    return <span className="muted">{t('organization.availabilityNotApplicableShort')}</span>;
  }
  return organization.availability ? (
    <span className="availability-cell">
      <AvailabilityBadges organization={organization} />
    </span>
  ) : (
    <span className="muted">{t('organization.availabilityNone')}</span>
  );
}

export function AvailabilitySummary({ availability }: { availability: Availability | null }) {
  const { t, i18n } = useTranslation();
  if (!availability) return <p>{t('organization.availabilityUnknown')}</p>;
  return (
    <dl className="facts">
      <div>
        <dt>{t('organization.availabilityStatus')}</dt>
        <dd>
          <AvailabilityStatusBadge status={availability.status} />
        </dd>
      </div>
      <div>
        <dt>{t('organization.freeSlots')}</dt>
        <dd>
          {availability.freeSlots === null
            ? t('common.notEntered')
            : t('organization.freeSlotsValue', { count: availability.freeSlots })}
        </dd>
      </div>
      {availability.note ? (
        <div>
          <dt>{t('organization.availabilityNote')}</dt>
          <dd>{availability.note}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('organization.availabilityUpdated')}</dt>
        <dd>
          <span className="freshness">{formatFreshness(availability.ageDays, t)}</span>{' '}
          <span className="muted">
            {availability.updatedBy
              ? t('organization.updatedAtBy', {
                  date: formatDateTime(availability.updatedAt, i18n.language),
                  name: availability.updatedBy,
                })
              : t('organization.updatedAt', { date: formatDateTime(availability.updatedAt, i18n.language) })}
          </span>{' '}
          {availability.isStale ? <StaleBadge /> : null}
        </dd>
      </div>
    </dl>
  );
}
