/**
 * How a case reads: the header (patient, age, hospital, status, route, planned discharge and days left), the full
 * record in words, and the minimum-necessary summary a candidate organisation sees before it accepts.
 */
import { useTranslation } from 'react-i18next';
import type { CaseSummary, FullCase } from '../../api/case-types';
import { activeCaseStatuses } from '../../api/case-codes';
import { formatDate, formatDateTime } from '../../format';
import { Badge } from '../Badge';
import { CodeTags } from './CodeTags';
import { CaseStatusBadge, DaysLeft, RouteBadge } from './CaseBadges';
import { useServerText } from '../../i18n/server-text';
import { useWardName } from '../public/ward-names';

export function CaseHeader({ record }: { record: FullCase }) {
  const { t, i18n } = useTranslation('cases');
  const { patient } = record;
  const isActive = activeCaseStatuses.includes(record.status);
  return (
    <header className="case-header">
      <h1>
        {patient.name} <span className="case-header-kana">{t('common.inParentheses', { text: patient.nameKana })}</span>
      </h1>
      <p className="case-header-meta">
        {t('caseHeader.ageSex', { age: patient.age, sex: t(`codes.sex.${patient.sex}`) })} ・{' '}
        {t('caseHeader.hospital', { name: record.hospital.name })}
        {record.pastHospitals.length > 0
          ? ` ・ ${t('caseHeader.pastHospitals', { names: record.pastHospitals.map((hospital) => hospital.name).join('、') })}`
          : ''}
      </p>
      <div className="badge-row case-header-badges">
        <CaseStatusBadge status={record.status} />
        <RouteBadge route={record.route} />
        {record.difficulty.map((reason) => (
          <Badge key={reason} tone="warning">
            {t(`codes.difficulty.${reason}`)}
          </Badge>
        ))}
      </div>
      <dl className="case-header-dates">
        <div>
          <dt>{t('caseHeader.plannedDischarge')}</dt>
          <dd>
            <strong>{formatDate(record.plannedDischargeDate, i18n.language)}</strong>{' '}
            <DaysLeft date={record.plannedDischargeDate} isDone={!isActive} />
          </dd>
        </div>
        {record.admissionDate ? (
          <div>
            <dt>{t('caseHeader.admission')}</dt>
            <dd>{formatDate(record.admissionDate, i18n.language)}</dd>
          </div>
        ) : null}
        {record.dischargedOn ? (
          <div>
            <dt>{t('caseHeader.dischargedOn')}</dt>
            <dd>{formatDate(record.dischargedOn, i18n.language)}</dd>
          </div>
        ) : null}
        {record.outcome ? (
          <div>
            <dt>{t('caseHeader.outcome')}</dt>
            <dd>
              {t(`codes.outcome.${record.outcome}`)}
              {record.outcomeOn ? t('common.inParentheses', { text: formatDate(record.outcomeOn, i18n.language) }) : ''}
              {record.outcomeIsEarly ? (
                <>
                  {' '}
                  <Badge
                    tone="warning"
                    title={
                      record.outcomeFollowUpOn
                        ? t('caseHeader.earlyOutcomeTitle', {
                            date: formatDate(record.outcomeFollowUpOn, i18n.language),
                          })
                        : undefined
                    }
                  >
                    {t('caseHeader.earlyOutcome')}
                  </Badge>
                </>
              ) : null}{' '}
              <OutcomeWishBadge matches={record.outcomeMatchesWish} />
              <OutcomeComparison record={record} />
            </dd>
          </div>
        ) : null}
      </dl>
    </header>
  );
}

/** The wish the outcome is compared with: where to die for a death, where to be cared for otherwise. */
export function wishForOutcome(record: Pick<FullCase, 'outcome' | 'acp'>) {
  if (!record.outcome) return null;
  const isDeath = record.outcome === 'died_home' || record.outcome === 'died_hospital';
  return (isDeath ? record.acp?.preferredPlaceOfDeath : record.acp?.preferredPlaceOfCare) ?? null;
}

/** 「希望: 自宅 → 転帰: 病院で死亡」: the comparison in words, so that a mismatch names what was wished. */
function OutcomeComparison({ record }: { record: FullCase }) {
  const { t } = useTranslation('cases');
  const wish = wishForOutcome(record);
  if (!record.outcome || !wish || wish === 'undecided') return null;
  const isDeath = record.outcome === 'died_home' || record.outcome === 'died_hospital';
  return (
    <span className="outcome-comparison small">
      {' '}
      {t(isDeath ? 'caseHeader.comparisonDeath' : 'caseHeader.comparisonCare', {
        wish: t(`codes.place.${wish}`),
        outcome: t(`codes.outcome.${record.outcome}`),
      })}
    </span>
  );
}

/** 「本人の希望と一致」/「本人の希望と不一致」/「希望の記録なし」 (outcomeMatchesWish). */
export function OutcomeWishBadge({ matches }: { matches: boolean | null }) {
  const { t } = useTranslation('cases');
  if (matches === null) return <Badge>{t('outcomeWish.unknown')}</Badge>;
  return matches ? (
    <Badge tone="ok">{t('outcomeWish.match')}</Badge>
  ) : (
    <Badge tone="warning">{t('outcomeWish.mismatch')}</Badge>
  );
}

export function PatientDetails({ record }: { record: FullCase }) {
  const { t, i18n } = useTranslation('cases');
  const { patient, keyPerson, acp, consent } = record;
  const none = <span className="muted">{t('general.notRecorded')}</span>;
  return (
    <dl className="facts">
      <div>
        <dt>{t('details.birthDate')}</dt>
        <dd>
          {formatDate(patient.birthDate, i18n.language)}
          {t('common.inParentheses', { text: t('details.age', { age: patient.age, count: patient.age }) })}
        </dd>
      </div>
      <div>
        <dt>{t('details.address')}</dt>
        <dd>
          {patient.address}
          {patient.lat !== null && patient.lng !== null ? (
            <span className="muted small">
              {' '}
              {t('details.located', {
                latitude: patient.lat.toFixed(5),
                longitude: patient.lng.toFixed(5),
              })}
            </span>
          ) : (
            <span className="muted small"> {t('details.notLocated')}</span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('details.phone')}</dt>
        <dd>{patient.phone ?? none}</dd>
      </div>
      <div>
        <dt>{t('details.keyPerson')}</dt>
        <dd>
          {keyPerson ? [keyPerson.name, keyPerson.relationship, keyPerson.phone].filter(Boolean).join(' ・ ') : none}
        </dd>
      </div>
      <div>
        <dt>{t('details.diagnosis')}</dt>
        <dd className="pre-wrap">{record.diagnosis ?? none}</dd>
      </div>
      <div>
        <dt>{t('details.groups')}</dt>
        <dd>
          <CodeTags codes={record.groups} labelKey="codes.patientGroup" />
        </dd>
      </div>
      <div>
        <dt>{t('details.procedures')}</dt>
        <dd>
          <CodeTags codes={record.procedures} labelKey="codes.procedure" />
        </dd>
      </div>
      <div>
        <dt>{t('details.careLevel')}</dt>
        <dd>{t(`codes.careLevel.${record.careLevel}`)}</dd>
      </div>
      <div>
        <dt>{t('details.livingSituation')}</dt>
        <dd>{record.livingSituation ? t(`codes.livingSituation.${record.livingSituation}`) : none}</dd>
      </div>
      <div>
        <dt>{t('details.welfareIssues')}</dt>
        <dd>
          <CodeTags codes={record.welfareIssues} labelKey="codes.welfareIssue" />
        </dd>
      </div>
      <div>
        <dt>{t('details.acp')}</dt>
        <dd>
          {acp && (acp.preferredPlaceOfCare || acp.preferredPlaceOfDeath || acp.note) ? (
            <>
              <span className="block">
                {t('common.labelColon', { label: t('details.acpCare') })}
                {acp.preferredPlaceOfCare ? t(`codes.place.${acp.preferredPlaceOfCare}`) : t('general.notRecorded')}
              </span>
              <span className="block">
                {t('common.labelColon', { label: t('details.acpDeath') })}
                {acp.preferredPlaceOfDeath ? t(`codes.place.${acp.preferredPlaceOfDeath}`) : t('general.notRecorded')}
              </span>
              {acp.note ? <span className="block">{acp.note}</span> : null}
              {acp.recordedAt ? (
                <span className="block muted small">
                  {t('details.recordedAt', { date: formatDateTime(acp.recordedAt, i18n.language) })}
                </span>
              ) : null}
            </>
          ) : (
            none
          )}
        </dd>
      </div>
      <div>
        <dt>{t('details.consent')}</dt>
        <dd>
          {(consent.scope ?? []).length === 0 ? (
            <span className="block">{t('details.consentNone')}</span>
          ) : (
            <ul className="plain-list">
              {(consent.scope ?? []).map((scope) => (
                <li key={scope}>{t(`consent.scope.${scope}.title`)}</li>
              ))}
            </ul>
          )}
          <span className="block muted small">
            {t('details.consentBy', {
              givenBy: consent.givenBy ? t(`codes.consentGivenBy.${consent.givenBy}`) : t('general.notRecorded'),
              recordedBy: consent.recordedBy ?? t('general.notRecorded'),
              date: consent.recordedAt ? formatDateTime(consent.recordedAt, i18n.language) : '',
            })}
          </span>
          {consent.note ? <span className="block">{consent.note}</span> : null}
        </dd>
      </div>
      <div>
        <dt>{t('details.neededRoles')}</dt>
        <dd>
          <CodeTags codes={record.neededRoles} labelKey="codes.teamRole" />
        </dd>
      </div>
      {record.difficultyNote ? (
        <div>
          <dt>{t('details.difficultyNote')}</dt>
          <dd>{record.difficultyNote}</dd>
        </div>
      ) : null}
      {record.note ? (
        <div>
          <dt>{t('details.note')}</dt>
          <dd className="pre-wrap">{record.note}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/**
 * The minimum necessary: age band, sex, area, groups, procedures, care level, planned discharge date — and, on a
 * referral, how far the home is from the organisation asked (`distance.from`: null for the caller's own).
 */
export function CaseSummaryFacts({
  summary,
  distance,
}: {
  summary: CaseSummary;
  distance?: { km: number; from: string | null } | null;
}) {
  const { t, i18n } = useTranslation('cases');
  const serverText = useServerText();
  const wardName = useWardName();
  return (
    <dl className="facts">
      <div>
        <dt>{t('summary.ageSex')}</dt>
        <dd>
          {serverText.ageBand(summary.ageBand)} ・ {t(`codes.sex.${summary.sex}`)}
        </dd>
      </div>
      <div>
        <dt>{t('summary.area')}</dt>
        <dd>
          {summary.areaName === null
            ? t('general.notRecorded')
            : summary.areaCode
              ? wardName({ code: summary.areaCode, name: summary.areaName, fullName: summary.areaName })
              : summary.areaName}
          {distance ? (
            <span className="block small muted">
              {distance.from === null
                ? t('summary.distanceFromYou', { km: distance.km })
                : t('summary.distanceFrom', { km: distance.km, organization: distance.from })}
            </span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>{t('details.groups')}</dt>
        <dd>
          <CodeTags codes={summary.groups} labelKey="codes.patientGroup" />
        </dd>
      </div>
      <div>
        <dt>{t('details.procedures')}</dt>
        <dd>
          <CodeTags codes={summary.procedures} labelKey="codes.procedure" />
        </dd>
      </div>
      <div>
        <dt>{t('details.careLevel')}</dt>
        <dd>{t(`codes.careLevel.${summary.careLevel}`)}</dd>
      </div>
      {summary.dischargedOn ? (
        <div>
          <dt>{t('caseHeader.dischargedOn')}</dt>
          <dd>
            {formatDate(summary.dischargedOn, i18n.language)} <span className="small muted">{t('summary.atHome')}</span>
          </dd>
        </div>
      ) : (
        <div>
          <dt>{t('caseHeader.plannedDischarge')}</dt>
          <dd>
            {formatDate(summary.plannedDischargeDate, i18n.language)}{' '}
            <DaysLeft date={summary.plannedDischargeDate} isDone={!activeCaseStatuses.includes(summary.status)} />
          </dd>
        </div>
      )}
      <div>
        <dt>{t('summary.hospital')}</dt>
        <dd>{summary.hospital.name}</dd>
      </div>
    </dl>
  );
}
