/**
 * 主治医・副主治医のペア of the signed-in user's own organisation (/my-organization/pairs): the pairs the medical
 * association formed with it — the partner, which side it is on, since when, and how to reach the partner — and the
 * pairs that ended. The pair notification links here. The server answers GET /doctor-pairs with the caller's own
 * pairs only (a clinic never reads another's).
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOwnPairs, type DoctorPair, type PairOrganization } from '../../api/matching';
import { formatDate } from '../../format';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useWardName } from '../../components/public/ward-names';
import './matching.css';

function sides(pair: DoctorPair, organizationId: string): { partner: PairOrganization; isPrimary: boolean } {
  const isPrimary = pair.primary.id === organizationId;
  return { partner: isPrimary ? pair.secondary : pair.primary, isPrimary };
}

function PartnerContact({ partner }: { partner: PairOrganization }) {
  const { t } = useTranslation('matching');
  const phones = [
    partner.professionalPhone ? t('ownPairs.professionalPhone', { phone: partner.professionalPhone }) : null,
    partner.phone ? t('ownPairs.phone', { phone: partner.phone }) : null,
  ].filter((line): line is string => line !== null);
  if (phones.length === 0) return <span className="muted">{t('ownPairs.noPhone')}</span>;
  return (
    <>
      {phones.map((line) => (
        <span key={line} className="block">
          {line}
        </span>
      ))}
    </>
  );
}

function ActivePair({ pair, organizationId }: { pair: DoctorPair; organizationId: string }) {
  const { t, i18n } = useTranslation('matching');
  const wardName = useWardName();
  const { partner, isPrimary } = sides(pair, organizationId);
  const headingId = `pair-${pair.id}`;
  return (
    <section className="section own-pair" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('ownPairs.pairTitle', { partner: partner.name })}</h3>
      <dl className="facts">
        <div>
          <dt>{t('ownPairs.partner')}</dt>
          <dd>
            <Link to={`/organizations/${partner.id}`}>{partner.name}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('ownPairs.yourSide')}</dt>
          <dd>{t(isPrimary ? 'ownPairs.side.primary' : 'ownPairs.side.secondary')}</dd>
        </div>
        <div>
          <dt>{t('ownPairs.since')}</dt>
          <dd>
            {formatDate(pair.createdAt, i18n.language)}
            {pair.source === 'suggestion' ? (
              <span className="muted small block">{t('ownPairs.fromSuggestion')}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('ownPairs.area')}</dt>
          <dd>{wardName({ code: pair.areaCode, name: pair.areaName, fullName: pair.areaName })}</dd>
        </div>
        <div>
          <dt>{t('ownPairs.contact')}</dt>
          <dd>
            <PartnerContact partner={partner} />
          </dd>
        </div>
        {partner.address ? (
          <div>
            <dt>{t('ownPairs.address')}</dt>
            <dd>{partner.address}</dd>
          </div>
        ) : null}
        {pair.distanceKm !== null ? (
          <div>
            <dt>{t('ownPairs.distance')}</dt>
            <dd>{pair.distanceKm.toFixed(1)} km</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function OwnPairs({ organizationId }: { organizationId: string }) {
  const { t, i18n } = useTranslation('matching');
  const active = useOwnPairs(organizationId, 'active');
  const ended = useOwnPairs(organizationId, 'ended');
  const items = active.data?.items ?? [];
  const past = ended.data?.items ?? [];
  return (
    <>
      <ErrorAlert error={active.error ?? ended.error} />
      <div role="status" className="status-region">
        {active.isPending ? <p>{t('ownPairs.loading')}</p> : null}
        {active.isSuccess && items.length === 0 ? <p>{t('ownPairs.none')}</p> : null}
      </div>
      {items.length > 0 ? (
        <section className="section" aria-labelledby="own-pairs-active">
          <h2 id="own-pairs-active">
            {t('ownPairs.activeTitle')}{' '}
            <span className="muted small">{t('ownPairs.count', { count: items.length })}</span>
          </h2>
          {items.map((pair) => (
            <ActivePair key={pair.id} pair={pair} organizationId={organizationId} />
          ))}
        </section>
      ) : null}
      {past.length > 0 ? (
        <section className="section" aria-labelledby="own-pairs-ended">
          <h2 id="own-pairs-ended">{t('ownPairs.endedTitle')}</h2>
          <ul className="plain-list">
            {past.map((pair) => (
              <li key={pair.id}>
                {t('ownPairs.ended', {
                  partner: sides(pair, organizationId).partner.name,
                  from: formatDate(pair.createdAt, i18n.language),
                  to: pair.endedAt ? formatDate(pair.endedAt, i18n.language) : '',
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function OwnPairsPage() {
  const { t } = useTranslation('matching');
  usePageTitle(t('ownPairs.title'));
  const me = useCurrentUser();
  return (
    <>
      <h1>{t('ownPairs.title')}</h1>
      <p className="lead">{t('ownPairs.lead')}</p>
      {me.organizationId ? <OwnPairs organizationId={me.organizationId} /> : <p>{t('ownPairs.noOrganization')}</p>}
    </>
  );
}
