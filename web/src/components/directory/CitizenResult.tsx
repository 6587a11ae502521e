/**
 * One result of the citizens' search in plain words: what the place is, how far, whether it is taking new
 * patients and how fresh that answer is (「新しい患者さんを受け入れています（3日前に確認）」, or 「情報が古いため、
 * 電話で確認してください」), and the phone number as a tel: link — or, without one, a link to whom to ask (ContactHelp).
 * Public fields only.
 */
import { useTranslation } from 'react-i18next';
import type { PublicSearchResult } from '../../api/directory';
import { patientGroups, procedures } from '../../codes';
import { DemoValueBadge } from '../Badge';

/** 「今日」「昨日」「3日前」 */
function useWhen() {
  const { t } = useTranslation('public');
  return (ageDays: number) =>
    ageDays <= 0 ? t('result.today') : ageDays === 1 ? t('result.yesterday') : t('result.daysAgo', { count: ageDays });
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function Acceptance({ availability }: { availability: PublicSearchResult['availability'] }) {
  const { t } = useTranslation('public');
  const when = useWhen();
  if (!availability) {
    return (
      <p className="acceptance acceptance-unknown">
        <span className="acceptance-mark" aria-hidden="true">
          ?
        </span>
        <span>{t('result.unknown')}</span>
      </p>
    );
  }
  if (availability.isStale) {
    return (
      <p className="acceptance acceptance-stale">
        <span className="acceptance-mark" aria-hidden="true">
          !
        </span>
        <span>
          {t('result.stale')}
          <span className="acceptance-when">{t('result.lastUpdated', { when: when(availability.ageDays) })}</span>
        </span>
      </p>
    );
  }
  const marks = { accepting: '○', limited: '△', full: '×' } as const;
  return (
    <p className={`acceptance acceptance-${availability.status}`}>
      <span className="acceptance-mark" aria-hidden="true">
        {marks[availability.status]}
      </span>
      <span>{t(`result.status.${availability.status}`, { when: when(availability.ageDays) })}</span>
    </p>
  );
}

/** What a result's distance is measured from: the citizen's place, or only the centre of a ward or town. */
export type DistanceBasis = 'place' | 'wardCentre' | 'cityCentre' | 'townCentre';

/**
 * The distances start from the search's origin, which is the citizen's place only when it was located finely
 * (precision `machiaza`): a chosen ward, or an address located only to its ward, starts from the ward's centre;
 * an address located only to a town or a postal code's 町域 (`oaza`, `postal_code`) from that town's centre.
 */
export function distanceBasis(
  isWardChosen: boolean,
  precision: string | null | undefined,
  areaCode?: string | null,
): DistanceBasis {
  // The city named alone (岡山市) starts from its centre where people live, not a ward's.
  if (!isWardChosen && precision === 'ward' && areaCode === '33100') return 'cityCentre';
  if (isWardChosen || precision === 'ward' || precision === 'area') return 'wardCentre';
  if (precision === 'oaza' || precision === 'postal_code') return 'townCentre';
  return 'place';
}

const distanceKeys = {
  place: 'result.distance',
  wardCentre: 'result.distanceFromWardCentre',
  cityCentre: 'result.distanceFromCityCentre',
  townCentre: 'result.distanceFromTownCentre',
} as const;

export function CitizenResult({
  result,
  distanceFrom = 'place',
  noPhoneHelpId,
}: {
  result: PublicSearchResult;
  /**
   * From the place the citizen gave, or from the ward's or town's centre when that is all that is known of it
   * (distanceBasis): never 「約 3.4 km」 as if from their home when it is not.
   */
  distanceFrom?: DistanceBasis;
  /** The id of the page's heading on whom to ask when there is no phone (ContactHelp), linked from a result without one. */
  noPhoneHelpId?: string;
}) {
  const { t } = useTranslation('public');
  const { organization, capabilities } = result;
  const things = [
    ...patientGroups.filter((code) => capabilities.groups.includes(code)).map((code) => t(`groups.${code}`)),
    ...procedures.filter((code) => capabilities.procedures.includes(code)).map((code) => t(`procedures.${code}`)),
  ];
  return (
    <li className="citizen-result">
      <h3 className="citizen-result-name">{organization.name}</h3>
      <p className="citizen-result-meta">
        <span>{t(`kinds.${organization.kind}`)}</span>
        <span className="citizen-result-distance">
          {t(distanceKeys[distanceFrom], {
            km: Math.max(result.distanceKm, 0.1).toFixed(1),
          })}
        </span>
      </p>
      {/* A consultation window (地域包括支援センター) takes no patients: nothing to say about accepting them. */}
      {result.admitsPatients ? <Acceptance availability={result.availability} /> : null}
      <p className="citizen-result-address">
        <span className="citizen-label">{t('result.address')}</span>
        {organization.address}
      </p>
      {organization.phone ? (
        <p>
          <a className="button button-secondary tel-link" href={telHref(organization.phone)}>
            <span className="tel-verb">{t('result.callVerb')}</span> {organization.phone}
          </a>
        </p>
      ) : (
        <p className="small muted">
          {t('result.noPhone')}
          {noPhoneHelpId ? (
            <>
              {' '}
              <a className="no-print" href={`#${noPhoneHelpId}`}>
                {t('result.noPhoneHelp')}
              </a>
            </>
          ) : null}
        </p>
      )}
      {capabilities.available24h ? <p className="small">{t('result.available24h')}</p> : null}
      {organization.kind === 'community_support_center' ? (
        <p className="small">{t('result.supportCenterNote')}</p>
      ) : null}
      {things.length > 0 ? (
        <details className="citizen-result-more">
          <summary>{t('result.capabilities')}</summary>
          <ul className="tag-list">
            {things.map((thing) => (
              <li key={thing}>{thing}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {result.isDemoProfile || (result.isDemoAvailability && result.admitsPatients) ? (
        <p className="small citizen-result-demo">
          <DemoValueBadge />
        </p>
      ) : null}
    </li>
  );
}
