/**
 * The badges of a directory result: 受入可 / 条件付き / 受入不可 / 未登録 (or 相談窓口, which admits no patients),
 * 24時間対応, 在宅療養支援診療所 with its type, 往診専門, and the shape the map uses.
 */
import { useTranslation } from 'react-i18next';
import type { AvailabilityStatus, HomeCareSupportClinicType } from '../../codes';
import { Badge } from '../Badge';
import type { MapMarkerStatus } from '../map/ResourceMap';

const tones = { accepting: 'ok', limited: 'warning', full: 'danger', unknown: 'neutral' } as const;

/** 受入可 / 条件付き / 受入不可, or 未登録 when the organisation never entered it. */
export function StatusBadge({ status }: { status: AvailabilityStatus | null }) {
  const { t } = useTranslation('directory');
  const key = status ?? 'unknown';
  return <Badge tone={tones[key]}>{t(`status.${key}`)}</Badge>;
}

/** In place of the acceptance status of a consultation window (地域包括支援センター …): it admits no patients. */
export function ConsultationWindowBadge() {
  const { t } = useTranslation('directory');
  return <Badge tone="neutral">{t('badges.consultationWindow')}</Badge>;
}

/** 在支診・機能強化型（単独型） … */
export function HomeCareSupportClinicBadge({ type }: { type: HomeCareSupportClinicType }) {
  const { t } = useTranslation('directory');
  return (
    <Badge tone="neutral">
      {t('badges.homeCareSupportClinic', { type: t(`codes.homeCareSupportClinic.${type}`) })}
    </Badge>
  );
}

export function HomeVisitOnlyBadge() {
  const { t } = useTranslation('directory');
  return <Badge tone="neutral">{t('badges.homeVisitOnly')}</Badge>;
}

export function Available24hBadge() {
  const { t } = useTranslation('directory');
  return <Badge tone="neutral">{t('badges.available24h')}</Badge>;
}

/** The list number inside the same shape as the map's marker, so a result and its point are matched at a glance. */
export function ResultNumber({ number, status }: { number: number; status: MapMarkerStatus }) {
  return (
    <span className="result-number resource-marker" aria-hidden="true">
      <span className={`resource-marker-shape resource-marker-${status}`}>
        <span className="resource-marker-number">{number}</span>
      </span>
    </span>
  );
}
