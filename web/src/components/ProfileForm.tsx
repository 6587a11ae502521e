/**
 * The profile of an organisation: contacts, capabilities, 24h, coverage, clinic/hospital flags → PATCH with If-Match.
 * A wrong phone, homepage or radius is marked at its field (checked in the browser, and from the server's 400
 * details) and named in the summary above the form; an organisation without any phone number is told what it costs.
 * Its save button stays in view (a bar at the bottom of the window) and says what it saves; the bar also carries what
 * the page says about another part's unsaved change (the 受入状況 chosen above), and while there is one the form's
 * success message says that part is not saved, rather than a bare 「保存しました」.
 */
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateOrganization, useWards } from '../api/queries';
import type { Organization, UpdateOrganizationRequest } from '../api/types';
import {
  homeCareSupportClinicTypes,
  hospitalFunctions,
  patientGroups,
  procedures,
  type HomeCareSupportClinicType,
  type HospitalFunction,
  type PatientGroup,
  type Procedure,
} from '../codes';
import { isApiError, type ApiError } from '../api/client';
import { TextField } from './TextField';
import { SelectField } from './SelectField';
import { ErrorAlert } from './ErrorAlert';
import { CheckboxGroup } from './CheckboxGroup';
import { FormErrorSummary } from './FormErrorSummary';
import { FormProblemList } from './FormProblemList';
import { fieldProblem, formProblems } from './form-problems';
import { checkContacts } from './profile-checks';
import { apiErrorDetailText } from '../i18n/server-text';
import { useWardName } from './public/ward-names';
import './organization-edit.css';

type Draft = {
  phone: string;
  professionalPhone: string;
  url: string;
  groups: PatientGroup[];
  procedures: Procedure[];
  available24h: boolean;
  radiusKm: string;
  areaCodes: string[];
  homeCareSupportClinic: HomeCareSupportClinicType | '';
  isHomeVisitOnly: boolean;
  hospitalFunction: HospitalFunction | '';
  isBackupHospital: boolean;
};

function draftOf(organization: Organization): Draft {
  return {
    phone: organization.phone ?? '',
    professionalPhone: organization.professionalPhone ?? '',
    url: organization.url ?? '',
    groups: organization.capabilities.groups,
    procedures: organization.capabilities.procedures,
    available24h: organization.capabilities.available24h,
    radiusKm: organization.coverage.radiusKm === null ? '' : String(organization.coverage.radiusKm),
    areaCodes: organization.coverage.areaCodes,
    homeCareSupportClinic: organization.homeCareSupportClinic ?? '',
    isHomeVisitOnly: organization.isHomeVisitOnly,
    hospitalFunction: organization.hospitalFunction ?? '',
    isBackupHospital: organization.isBackupHospital,
  };
}

const textOrNull = (value: string) => (value.trim() === '' ? null : value.trim());

function requestOf(draft: Draft, organization: Organization): UpdateOrganizationRequest {
  const radius = draft.radiusKm.trim() === '' ? null : Number(draft.radiusKm);
  return {
    phone: textOrNull(draft.phone),
    professionalPhone: textOrNull(draft.professionalPhone),
    url: textOrNull(draft.url),
    capabilities: { groups: draft.groups, procedures: draft.procedures, available24h: draft.available24h },
    coverage: { radiusKm: radius, areaCodes: draft.areaCodes },
    ...(organization.kind === 'clinic'
      ? { homeCareSupportClinic: draft.homeCareSupportClinic || null, isHomeVisitOnly: draft.isHomeVisitOnly }
      : {}),
    ...(organization.kind === 'hospital'
      ? { hospitalFunction: draft.hospitalFunction || null, isBackupHospital: draft.isBackupHospital }
      : {}),
  };
}

type Props = {
  initial: Organization;
  version: number;
  onSaved: (organization: Organization) => void;
  onConflict: (error: ApiError) => void;
  /** What the page says in the bar about another part (the 受入状況 chosen above, not saved yet). */
  barNotice?: ReactNode;
  /** Another part of the page has a change this form does not save. */
  hasPendingElsewhere?: boolean;
};

export function ProfileForm({
  initial,
  version,
  onSaved,
  onConflict,
  barNotice = null,
  hasPendingElsewhere = false,
}: Props) {
  const { t, i18n } = useTranslation();
  const wardName = useWardName();
  const wards = useWards();
  const update = useUpdateOrganization(initial.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [isSaved, setIsSaved] = useState(false);
  // After the first attempt the checks follow the input, so a corrected field loses its message at once.
  const [hasTried, setHasTried] = useState(false);
  // Each save that ends in errors (the browser's or the server's): the summary then takes the focus.
  const [failedCount, setFailedCount] = useState(0);
  const change = <Key extends keyof Draft>(key: Key, value: Draft[Key]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const checksOf = (current: Draft): Partial<Record<string, string>> => {
    const found: Partial<Record<string, string>> = checkContacts(current);
    const radius = current.radiusKm.trim() === '' ? null : Number(current.radiusKm);
    if (radius !== null && (!Number.isFinite(radius) || radius <= 0 || radius > 100))
      found['coverage.radiusKm'] = 'profileForm.radiusInvalid';
    return found;
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setIsSaved(false);
    setHasTried(true);
    update.reset();
    if (Object.keys(checksOf(draft)).length > 0) {
      setFailedCount((count) => count + 1);
      return;
    }
    update.mutate(
      { version, body: requestOf(draft, initial) },
      {
        onSuccess: (organization) => {
          setIsSaved(true);
          // The fields show what the server kept (a phone typed in full width, as 086-…).
          setDraft(draftOf(organization));
          onSaved(organization);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) onConflict(error);
          else setFailedCount((count) => count + 1);
        },
      },
    );
  };

  const serverError = isApiError(update.error) ? update.error : null;
  // A 412 is explained next to the form by the page (with its reload button); a refusal naming fields at them.
  const serverDetails = serverError && serverError.status !== 412 ? serverError.details : [];
  const clientErrors = Object.fromEntries(
    Object.entries(hasTried ? checksOf(draft) : {}).flatMap(([path, key]) => (key ? [[path, t(key)]] : [])),
  );
  const say = (detail: (typeof serverDetails)[number]) => apiErrorDetailText(i18n, detail);
  const fieldError = (path: string) => fieldProblem(path, clientErrors, serverDetails, say);
  const problems = formProblems(
    [
      { path: 'phone', label: t('organization.phone') },
      { path: 'professionalPhone', label: t('organization.professionalPhone') },
      { path: 'url', label: t('organization.url') },
      { path: 'capabilities.groups', label: t('organization.groups') },
      { path: 'capabilities.procedures', label: t('organization.procedures') },
      { path: 'coverage.radiusKm', label: t('profileForm.radiusKm') },
      { path: 'coverage.areaCodes', label: t('organization.coverageAreas') },
    ],
    clientErrors,
    serverDetails,
    say,
  );
  const shownError = serverError?.status === 412 || serverDetails.length > 0 ? null : update.error;
  const hasNoPhone = draft.phone.trim() === '' && draft.professionalPhone.trim() === '';

  return (
    <form onSubmit={submit} noValidate className="profile-form">
      <FormErrorSummary
        message={problems.length > 0 ? t('forms.fixErrors', { count: problems.length }) : null}
        submitCount={failedCount}
      >
        <FormProblemList problems={problems} />
      </FormErrorSummary>
      <fieldset>
        <legend>{t('profileForm.contactLegend')}</legend>
        {hasNoPhone ? (
          <div className="alert alert-warning">
            <p>
              <strong>{t('profileForm.phoneMissingTitle')}</strong>
            </p>
            <p>{t('profileForm.phoneMissing')}</p>
          </div>
        ) : null}
        <div className="form-grid">
          <TextField
            label={t('organization.phone')}
            type="tel"
            autoComplete="off"
            value={draft.phone}
            onChange={(event) => change('phone', event.target.value)}
            error={fieldError('phone')}
          />
          <TextField
            label={t('organization.professionalPhone')}
            hint={t('profileForm.professionalPhoneHint')}
            type="tel"
            autoComplete="off"
            value={draft.professionalPhone}
            onChange={(event) => change('professionalPhone', event.target.value)}
            error={fieldError('professionalPhone')}
          />
          <TextField
            label={t('organization.url')}
            type="url"
            maxLength={500}
            value={draft.url}
            onChange={(event) => change('url', event.target.value)}
            error={fieldError('url')}
          />
        </div>
      </fieldset>

      {initial.kind === 'clinic' ? (
        <fieldset>
          <legend>{t('profileForm.clinicLegend')}</legend>
          <SelectField
            label={t('organization.homeCareSupportClinic')}
            value={draft.homeCareSupportClinic}
            onChange={(event) =>
              change(
                'homeCareSupportClinic',
                homeCareSupportClinicTypes.find((code) => code === event.target.value) ?? '',
              )
            }
          >
            <option value="">{t('organization.homeCareSupportClinicNone')}</option>
            {homeCareSupportClinicTypes.map((code) => (
              <option key={code} value={code}>
                {t(`codes.homeCareSupportClinic.${code}`)}
              </option>
            ))}
          </SelectField>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.isHomeVisitOnly}
              onChange={(event) => change('isHomeVisitOnly', event.target.checked)}
            />
            <span>{t('organization.homeVisitOnly')}</span>
          </label>
        </fieldset>
      ) : null}

      {initial.kind === 'hospital' ? (
        <fieldset>
          <legend>{t('profileForm.hospitalLegend')}</legend>
          <SelectField
            label={t('organization.hospitalFunction')}
            value={draft.hospitalFunction}
            onChange={(event) =>
              change('hospitalFunction', hospitalFunctions.find((code) => code === event.target.value) ?? '')
            }
          >
            <option value="">{t('common.notSet')}</option>
            {hospitalFunctions.map((code) => (
              <option key={code} value={code}>
                {t(`codes.hospitalFunction.${code}`)}
              </option>
            ))}
          </SelectField>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.isBackupHospital}
              onChange={(event) => change('isBackupHospital', event.target.checked)}
            />
            <span>{t('organization.backupHospital')}</span>
          </label>
        </fieldset>
      ) : null}

      <CheckboxGroup
        legend={t('organization.groups')}
        options={patientGroups.map((code) => ({ value: code, label: t(`codes.patientGroup.${code}`) }))}
        selected={draft.groups}
        onChange={(values) => change('groups', values)}
      />
      <CheckboxGroup
        legend={t('organization.procedures')}
        options={procedures.map((code) => ({ value: code, label: t(`codes.procedure.${code}`) }))}
        selected={draft.procedures}
        onChange={(values) => change('procedures', values)}
      />
      <fieldset>
        <legend>{t('organization.available24h')}</legend>
        <label className="choice">
          <input
            type="checkbox"
            checked={draft.available24h}
            onChange={(event) => change('available24h', event.target.checked)}
          />
          <span>{t('profileForm.available24hLabel')}</span>
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('organization.sectionCoverage')}</legend>
        <TextField
          label={t('profileForm.radiusKm')}
          hint={t('profileForm.radiusKmHint')}
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step={0.5}
          value={draft.radiusKm}
          onChange={(event) => change('radiusKm', event.target.value)}
          error={fieldError('coverage.radiusKm')}
          className="field-short"
        />
        <CheckboxGroup
          legend={t('organization.coverageAreas')}
          options={(wards.data ?? []).map((ward) => ({ value: ward.code, label: wardName(ward) }))}
          selected={draft.areaCodes}
          onChange={(values) => change('areaCodes', values)}
          isNested
        />
      </fieldset>

      <ErrorAlert error={shownError} />
      <div className="status-region" role="status">
        {isSaved ? (
          <p className={`alert ${hasPendingElsewhere ? 'alert-warning' : 'alert-success'}`}>
            {t(hasPendingElsewhere ? 'profileForm.savedOtherPending' : 'profileForm.saved')}
          </p>
        ) : null}
      </div>
      <div className="form-actions form-actions-sticky">
        <button type="submit" className="button button-large" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('profileForm.submit')}
        </button>
        <div className="sticky-notice" role="status">
          {barNotice}
        </div>
      </div>
    </form>
  );
}
