/**
 * 惜しい候補 under an empty or short candidate list: organisations of a kind that can fill the role, near the home,
 * that miss one or two of the patient's conditions — each with its distance, 受入状況 and what it misses in words (the
 * problems GET …/team/fit gives, said as the direct addition says them). The nurse has someone to phone; one that
 * agrees joins the team by 「直接チームに加える」.
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { NearMiss } from '../../api/case-types';
import type { TeamRole } from '../../api/case-codes';
import { AvailabilityStatusBadge } from '../AvailabilitySummary';
import { StaleBadge } from '../Badge';
import { formatCandidateKm } from './candidate-reasons';
import { fitProblemText } from './team-direct';

export function NearMissList({ nearMisses, role }: { nearMisses: readonly NearMiss[]; role: TeamRole }) {
  const { t } = useTranslation('cases');
  if (nearMisses.length === 0) return null;
  const roleLabel = t(`codes.teamRole.${role}`);
  const label = {
    kind: (code: string) => t(`codes.kind.${code}`, { ns: 'translation' }),
    group: (code: string) => t(`codes.patientGroup.${code}`, { ns: 'translation' }),
    procedure: (code: string) => t(`codes.procedure.${code}`, { ns: 'translation' }),
    role: roleLabel,
  };
  const headingId = `near-misses-${role}`;
  return (
    <section className="near-misses" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('candidates.nearMiss.title')}</h4>
      <p className="small muted">{t('candidates.nearMiss.lead', { role: roleLabel })}</p>
      <ul className="candidate-list">
        {nearMisses.map((nearMiss) => (
          <li key={nearMiss.organization.id} className="candidate" style={{ gridTemplateColumns: '1fr' }}>
            <div className="candidate-body">
              <Link to={`/organizations/${nearMiss.organization.id}`} className="candidate-name">
                {nearMiss.organization.name}
              </Link>{' '}
              <span className="small">{t('candidates.distance', { km: formatCandidateKm(nearMiss.distanceKm) })}</span>{' '}
              {nearMiss.availability ? (
                <>
                  <AvailabilityStatusBadge status={nearMiss.availability.status} />{' '}
                  {nearMiss.availability.isStale ? <StaleBadge /> : null}
                </>
              ) : (
                <span className="muted small">{t('candidates.nearMiss.availabilityNone')}</span>
              )}
              <p className="muted small candidate-address">
                {nearMiss.organization.address}
                {' ・ '}
                {nearMiss.organization.phone ?? t('candidates.nearMiss.noPhone')}
              </p>
              <ul className="reason-chips" aria-label={t('candidates.nearMiss.misses')}>
                {nearMiss.misses.map((miss) => {
                  const text = fitProblemText({ ...miss, refuses: false }, label);
                  return (
                    <li key={miss.code} className="reason-chip reason-warning">
                      {t(text.key, text.values)}
                    </li>
                  );
                })}
              </ul>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
