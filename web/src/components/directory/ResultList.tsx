/**
 * The professional search's results as a numbered list (the page's primary content): name and link, kind, distance,
 * 受入状況 with its freshness and 要確認, free slots and note (none for a consultation window such as a 地域包括支援センター,
 * which admits no patients: 「相談窓口」 instead), 24時間対応, 在宅療養支援診療所 and its type, 往診専門, capabilities,
 * デモ値 — and the button that shows the result on the map. The numbers and shapes are those of the map's markers.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SearchResult } from '../../api/directory';
import { patientGroups, procedures, type PatientGroup, type Procedure } from '../../codes';
import { formatFreshness } from '../../format';
import { DemoValueBadge, StaleBadge } from '../Badge';
import {
  Available24hBadge,
  ConsultationWindowBadge,
  HomeCareSupportClinicBadge,
  HomeVisitOnlyBadge,
  ResultNumber,
  StatusBadge,
} from './ResourceBadges';

type Props = {
  items: SearchResult[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** The filters chosen, to mark the capabilities that matched. */
  wanted: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] };
  /** The previous search's results, shown dimmed while the new search runs. */
  isOutdated?: boolean;
};

/** 「2.1 km」 (one decimal; below 100 m still 「0.1 km」 rather than 0). */
export function formatDistance(distanceKm: number): string {
  return `${Math.max(distanceKm, 0.1).toFixed(1)}\u00a0km`;
}

function inListOrder<Code extends string>(codes: readonly Code[], list: readonly Code[]): Code[] {
  return [...codes].sort((a, b) => list.indexOf(a) - list.indexOf(b));
}

export function resultElementId(id: string): string {
  return `result-${id}`;
}

export function ResultList({ items, selectedId, onSelect, wanted, isOutdated = false }: Props) {
  const { t } = useTranslation('directory');
  return (
    <ol className={isOutdated ? 'result-list is-outdated' : 'result-list'} aria-busy={isOutdated}>
      {items.map((item, index) => {
        const { organization, capabilities } = item;
        // A consultation window has no acceptance status (the API sends none; older answers may).
        const availability = item.admitsPatients ? item.availability : null;
        // A demo availability's note is the demo's own words (「デモ用の値です」), which the デモ値 badge already says.
        const note = item.isDemoAvailability ? null : (availability?.note ?? null);
        const isSelected = organization.id === selectedId;
        const chips = [
          ...inListOrder(capabilities.groups, patientGroups).map((code) => ({
            key: `g-${code}`,
            label: t(`codes.patientGroup.${code}`),
            isMatch: wanted.groups.includes(code),
          })),
          ...inListOrder(capabilities.procedures, procedures).map((code) => ({
            key: `p-${code}`,
            label: t(`codes.procedure.${code}`),
            isMatch: wanted.procedures.includes(code),
          })),
        ];
        return (
          <li
            key={organization.id}
            id={resultElementId(organization.id)}
            className={isSelected ? 'result-card is-selected' : 'result-card'}
          >
            <ResultNumber number={index + 1} status={availability?.status ?? 'unknown'} />
            <div className="result-body">
              <h3 className="result-name">
                {/* The organisation page offers the way back to these results (they stay in the search's URL). */}
                <Link to={`/organizations/${organization.id}`} state={{ fromSearch: true }}>
                  {organization.name}
                </Link>
              </h3>
              <p className="result-meta">
                <span>{t(`codes.kind.${organization.kind}`)}</span>
                <span className="result-distance">{formatDistance(item.distanceKm)}</span>
                <span className="muted">{organization.address}</span>
              </p>
              <p className="badge-row result-availability">
                {!item.admitsPatients ? (
                  <ConsultationWindowBadge />
                ) : (
                  <StatusBadge status={availability?.status ?? null} />
                )}
                {availability ? (
                  <span className="small freshness">{formatFreshness(availability.ageDays, t)}</span>
                ) : null}
                {availability?.isStale ? <StaleBadge /> : null}
                {capabilities.available24h ? <Available24hBadge /> : null}
                {organization.homeCareSupportClinic ? (
                  <HomeCareSupportClinicBadge type={organization.homeCareSupportClinic} />
                ) : null}
                {organization.isHomeVisitOnly ? <HomeVisitOnlyBadge /> : null}
                {item.isDemoAvailability && item.admitsPatients ? <DemoValueBadge /> : null}
              </p>
              {availability && (availability.freeSlots !== null || note) ? (
                <p className="small result-slots">
                  {availability.freeSlots !== null ? t('result.freeSlots', { count: availability.freeSlots }) : null}
                  {availability.freeSlots !== null && note ? t('common.listSeparator') : null}
                  {note ? t('result.note', { note }) : null}
                </p>
              ) : null}
              {chips.length > 0 ? (
                <ul className="tag-list result-capabilities" aria-label={t('result.capabilities')}>
                  {chips.map((chip) => (
                    <li key={chip.key} className={chip.isMatch ? 'is-match' : undefined}>
                      {chip.label}
                    </li>
                  ))}
                  {item.isDemoProfile ? (
                    <li className="tag-demo">
                      <DemoValueBadge />
                    </li>
                  ) : null}
                </ul>
              ) : (
                <p className="small muted">{t('result.noCapabilities')}</p>
              )}
              <p className="result-actions">
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-pressed={isSelected}
                  onClick={() => onSelect(organization.id)}
                >
                  {t('result.showOnMap', { number: index + 1 })}
                </button>
                {organization.phone ? (
                  <span className="small">
                    {t('result.phone')}{' '}
                    <a href={`tel:${organization.phone.replace(/[^\d+]/g, '')}`}>{organization.phone}</a>
                  </span>
                ) : null}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
