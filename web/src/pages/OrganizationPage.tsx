/**
 * One organisation: every field in sections, capability labels, availability with freshness (none for a consultation
 * window such as a 地域包括支援センター, which admits no patients), 出典, edit link. Wards and kaigo services are named
 * in the language shown.
 */
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useOrganization, useWards } from '../api/queries';
import type { Organization } from '../api/types';
import { canEditOrganization, useCurrentUser } from '../session';
import { patientGroups, procedures } from '../codes';
import { usePageTitle } from '../usePageTitle';
import { ErrorAlert } from '../components/ErrorAlert';
import { SourceLines } from '../components/SourceLines';
import { DemoBadge, DemoValueBadge } from '../components/Badge';
import { AvailabilityBadges, AvailabilitySummary } from '../components/AvailabilitySummary';
import { useWardName } from '../components/public/ward-names';
import { admitsPatients } from '../../../src/domain/directory/search-kinds';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function isWebAddress(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** 7000975 → 〒700-0975 */
function formatPostalCode(value: string): string {
  return /^\d{7}$/.test(value) ? `〒${value.slice(0, 3)}-${value.slice(3)}` : value;
}

/** Codes in the order of their list (the server stores them sorted by name). */
function inListOrder<Code extends string>(codes: readonly Code[], list: readonly Code[]): Code[] {
  return [...codes].sort((a, b) => list.indexOf(a) - list.indexOf(b));
}

export function OrganizationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const organization = useOrganization(id);
  usePageTitle(organization.data?.name ?? t('organization.title'));

  if (organization.isPending) return <p role="status">{t('common.loading')}</p>;
  if (organization.isError) {
    return (
      <>
        <h1>{t('organization.title')}</h1>
        <ErrorAlert error={organization.error} />
        <p>
          <Link to="/organizations">{t('organization.backToList')}</Link>
        </p>
      </>
    );
  }
  return <OrganizationDetails organization={organization.data} canEdit={canEditOrganization(me, organization.data)} />;
}

function OrganizationDetails({ organization, canEdit }: { organization: Organization; canEdit: boolean }) {
  const { t } = useTranslation();
  const wards = useWards();
  const wardName = useWardName();
  const none = <span className="muted">{t('common.none')}</span>;
  const areaName = (code: string) => {
    const ward = wards.data?.find((candidate) => candidate.code === code);
    return ward ? wardName(ward) : code;
  };
  const ownWard = wards.data?.find((ward) => ward.code === organization.areaCode);
  // A consultation window (地域包括支援センター …) admits no patients: whatever status it once declared is not shown.
  const hasAdmission = admitsPatients(organization.kind);
  const isClinic = organization.kind === 'clinic';
  const isHospital = organization.kind === 'hospital';
  // Opened from a result of the resource search: the way back is to those results, not to the organisation list.
  const location = useLocation();
  const navigate = useNavigate();
  const isFromSearch = (location.state as { fromSearch?: unknown } | null)?.fromSearch === true;

  return (
    <>
      <p className="breadcrumb">
        {isFromSearch ? (
          <button type="button" className="button-link" onClick={() => void navigate(-1)}>
            {t('organization.backToSearch')}
          </button>
        ) : (
          <Link to="/organizations">{t('organization.backToList')}</Link>
        )}
      </p>
      <div className="page-heading">
        <div>
          <h1>
            {organization.name} {organization.isDemo ? <DemoBadge /> : null}
          </h1>
          {organization.nameKana ? <p className="muted kana">{organization.nameKana}</p> : null}
          <p className="heading-summary">
            <span className="muted">{t(`codes.kind.${organization.kind}`)}</span>
            {hasAdmission ? <AvailabilityBadges organization={organization} /> : null}
          </p>
        </div>
        {canEdit ? (
          <Link className="button" to={`/organizations/${organization.id}/edit`}>
            {t('organization.edit')}
          </Link>
        ) : null}
      </div>

      <div className="section-grid">
        <div className="section-column">
          <section aria-labelledby="section-basic" className="section">
            <h2 id="section-basic">{t('organization.sectionBasic')}</h2>
            <dl className="facts">
              <Fact label={t('organization.kind')}>{t(`codes.kind.${organization.kind}`)}</Fact>
              <Fact label={t('organization.corporationName')}>{organization.corporationName ?? none}</Fact>
              <Fact label={t('organization.postalCode')}>
                {organization.postalCode ? formatPostalCode(organization.postalCode) : none}
              </Fact>
              <Fact label={t('organization.address')}>{organization.address || none}</Fact>
              <Fact label={t('organization.ward')}>
                {ownWard ? wardName(ownWard) : (organization.areaName ?? none)}
              </Fact>
              {isHospital ? (
                <>
                  <Fact label={t('organization.hospitalFunction')}>
                    {organization.hospitalFunction
                      ? t(`codes.hospitalFunction.${organization.hospitalFunction}`)
                      : none}
                  </Fact>
                  <Fact label={t('organization.backupHospital')}>
                    {organization.isBackupHospital ? t('common.yes') : t('common.no')}
                  </Fact>
                </>
              ) : null}
              {isClinic ? (
                <>
                  <Fact label={t('organization.homeCareSupportClinic')}>
                    {organization.homeCareSupportClinic
                      ? t(`codes.homeCareSupportClinic.${organization.homeCareSupportClinic}`)
                      : t('organization.homeCareSupportClinicNone')}
                  </Fact>
                  <Fact label={t('organization.homeVisitOnly')}>
                    {organization.isHomeVisitOnly ? t('common.yes') : t('common.no')}
                  </Fact>
                </>
              ) : null}
              {organization.capacity !== null ? (
                <Fact label={t('organization.capacity')}>
                  {t('organization.capacityValue', { count: organization.capacity })}
                </Fact>
              ) : null}
              {organization.kaigoServices.length > 0 ? (
                <Fact label={t('organization.kaigoServices')}>
                  <ul className="plain-list">
                    {organization.kaigoServices.map((service) => (
                      <li key={service.code}>
                        {t(`codes.kaigoService.${service.code}`, { defaultValue: service.name })}
                      </li>
                    ))}
                  </ul>
                </Fact>
              ) : null}
            </dl>
          </section>

          <section aria-labelledby="section-codes" className="section">
            <h2 id="section-codes">{t('organization.sectionCodes')}</h2>
            <dl className="facts">
              <Fact label={t('organization.medicalInstitutionCode')}>
                {organization.codes.medicalInstitutionCode ?? none}
              </Fact>
              <Fact label={t('organization.careOfficeNumber')}>{organization.codes.careOfficeNumber ?? none}</Fact>
            </dl>
          </section>

          <section aria-labelledby="section-contact" className="section">
            <h2 id="section-contact">{t('organization.sectionContact')}</h2>
            <dl className="facts">
              <Fact label={t('organization.phone')}>{organization.phone ?? none}</Fact>
              <Fact label={t('organization.fax')}>{organization.fax ?? none}</Fact>
              <Fact label={t('organization.professionalPhone')}>{organization.professionalPhone ?? none}</Fact>
              <Fact label={t('organization.url')}>
                {organization.url ? (
                  isWebAddress(organization.url) ? (
                    <a href={organization.url} rel="noopener noreferrer" target="_blank">
                      {organization.url}
                      <span className="visually-hidden">{t('common.opensInNewTab')}</span>
                    </a>
                  ) : (
                    organization.url
                  )
                ) : (
                  none
                )}
              </Fact>
            </dl>
          </section>
        </div>
        <div className="section-column">
          <section aria-labelledby="section-capabilities" className="section">
            <h2 id="section-capabilities">
              {t('organization.sectionCapabilities')} {organization.isDemoProfile ? <DemoValueBadge /> : null}
            </h2>
            <dl className="facts">
              <Fact label={t('organization.groups')}>
                {organization.capabilities.groups.length > 0 ? (
                  <ul className="tag-list">
                    {inListOrder(organization.capabilities.groups, patientGroups).map((group) => (
                      <li key={group}>{t(`codes.patientGroup.${group}`)}</li>
                    ))}
                  </ul>
                ) : (
                  t('organization.notRegistered')
                )}
              </Fact>
              <Fact label={t('organization.procedures')}>
                {organization.capabilities.procedures.length > 0 ? (
                  <ul className="tag-list">
                    {inListOrder(organization.capabilities.procedures, procedures).map((procedure) => (
                      <li key={procedure}>{t(`codes.procedure.${procedure}`)}</li>
                    ))}
                  </ul>
                ) : (
                  t('organization.notRegistered')
                )}
              </Fact>
              <Fact label={t('organization.available24h')}>
                {organization.capabilities.available24h
                  ? t('organization.available24hYes')
                  : t('organization.available24hNo')}
              </Fact>
            </dl>
          </section>

          <section aria-labelledby="section-coverage" className="section">
            <h2 id="section-coverage">{t('organization.sectionCoverage')}</h2>
            <dl className="facts">
              <Fact label={t('organization.radiusKm')}>
                {organization.coverage.radiusKm !== null
                  ? t('organization.radiusKmValue', { km: organization.coverage.radiusKm })
                  : t('organization.notRegistered')}
              </Fact>
              <Fact label={t('organization.coverageAreas')}>
                {organization.coverage.areaCodes.length > 0
                  ? organization.coverage.areaCodes.map(areaName).join(t('common.listSeparator'))
                  : t('organization.notRegistered')}
              </Fact>
            </dl>
          </section>

          <section aria-labelledby="section-availability" className="section">
            <h2 id="section-availability">
              {t('organization.sectionAvailability')}{' '}
              {hasAdmission && organization.isDemoAvailability && organization.availability ? <DemoValueBadge /> : null}
            </h2>
            {hasAdmission ? (
              <AvailabilitySummary availability={organization.availability} />
            ) : (
              <p>{t('organization.availabilityNotApplicable')}</p>
            )}
          </section>
        </div>
      </div>

      <SourceLines sources={[organization.source]} />
      {canEdit ? (
        <p>
          <Link to={`/audit?entity=organization&entityId=${organization.id}`}>{t('organization.auditLink')}</Link>
        </p>
      ) : null}
    </>
  );
}
