/**
 * 名称・所在地 of an organisation (its basic record): name, ふりがな, postal code, ward and address, corrected by those
 * the server lets edit the organisation (the admin, its own staff, its medical association) → PATCH with If-Match,
 * only what changed. The browser checks what it can (a name, the postal code's 7 digits, the lengths); the server
 * checks that the address is in Okayama City and in the chosen ward — as on 組織の登録 — and those refusals are
 * said at the address and the ward. An edited address is located again, and the page says when it could not be.
 */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateOrganization, useWards } from '../api/queries';
import type { Organization } from '../api/types';
import { isApiError, type ApiError } from '../api/client';
import { apiErrorDetailText } from '../i18n/server-text';
import { TextField } from './TextField';
import { SelectField } from './SelectField';
import { ErrorAlert } from './ErrorAlert';
import { StatusMessage } from './StatusMessage';
import { FormErrorSummary } from './FormErrorSummary';
import { FormProblemList } from './FormProblemList';
import { fieldProblem, formProblems } from './form-problems';
import { useWardName, type NamedWard } from './public/ward-names';
import { basicsDraftOf, basicsRequestOf, checkBasics, type BasicsDraft } from './organization-basics';

/**
 * The server's word on the 区 and the address fields, in the language shown: its Japanese as it is (it names the
 * address), in another language from the detail's code and the wards' names.
 */
export function useLocationErrors(error: ApiError | null, wards: readonly NamedWard[]) {
  const { t, i18n } = useTranslation('directory');
  const wardName = useWardName();
  const detailOf = (path: string, code: string) =>
    error?.details.find((detail) => detail.path === path && detail.code === code);
  const isJapanese = i18n.language === 'ja';
  const nameOf = (code: unknown) => {
    const ward = wards.find((candidate) => candidate.code === code);
    return ward ? wardName(ward) : String(code);
  };
  const wardDiffers = detailOf('areaCode', 'area_differs_from_address');
  const outsideCity = detailOf('address', 'address_outside_city');
  return {
    areaCode:
      wardDiffers && !isJapanese
        ? t('organizationLocation.wardDiffers', {
            located: nameOf(wardDiffers.params?.located),
            given: nameOf(wardDiffers.params?.given),
          })
        : error?.detailFor('areaCode'),
    address: outsideCity && !isJapanese ? t('organizationLocation.outsideCity') : error?.detailFor('address'),
  };
}

type OfficialCodes = { medicalInstitutionCode: string; careOfficeNumber: string };

/**
 * 医療機関コード and 介護保険事業所番号 as the admin types them (full width and hyphens are read as the server reads
 * them): on 組織の登録 and on the edit page.
 */
export function OfficialCodeFields({
  values,
  onChange,
  errorOf,
}: {
  values: OfficialCodes;
  onChange: (key: keyof OfficialCodes, value: string) => void;
  errorOf: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('organization.medicalInstitutionCode')}
        hint={t('organizationNew.medicalInstitutionCodeHint')}
        inputMode="numeric"
        autoComplete="off"
        maxLength={20}
        value={values.medicalInstitutionCode}
        onChange={(event) => onChange('medicalInstitutionCode', event.target.value)}
        error={errorOf('codes.medicalInstitutionCode')}
      />
      <TextField
        label={t('organization.careOfficeNumber')}
        hint={t('organizationNew.careOfficeNumberHint')}
        autoComplete="off"
        maxLength={20}
        value={values.careOfficeNumber}
        onChange={(event) => onChange('careOfficeNumber', event.target.value)}
        error={errorOf('codes.careOfficeNumber')}
      />
    </>
  );
}

type Props = {
  initial: Organization;
  /** The admin also corrects the official codes (the server takes them from the admin only). */
  canEditCodes: boolean;
  version: number;
  onSaved: (organization: Organization) => void;
  onConflict: (error: ApiError) => void;
};

export function OrganizationBasicsForm({ initial, canEditCodes, version, onSaved, onConflict }: Props) {
  const { t, i18n } = useTranslation();
  const wards = useWards();
  const wardName = useWardName();
  const update = useUpdateOrganization(initial.id);
  // The form's starting point moves on with each save, so that a second save sends only what changed since.
  const [base, setBase] = useState<BasicsDraft>(() => basicsDraftOf(initial));
  const [draft, setDraft] = useState<BasicsDraft>(base);
  const [saved, setSaved] = useState<string | null>(null);
  const [hasTried, setHasTried] = useState(false);
  const [failedCount, setFailedCount] = useState(0);
  const change = <Key extends keyof BasicsDraft>(key: Key, value: BasicsDraft[Key]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const checksOf = (current: BasicsDraft) => checkBasics(current, { requireAddress: true, initialKana: base.nameKana });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setSaved(null);
    setHasTried(true);
    update.reset();
    if (Object.keys(checksOf(draft)).length > 0) {
      setFailedCount((count) => count + 1);
      return;
    }
    const body = basicsRequestOf(base, draft);
    if (Object.keys(body).length === 0) {
      setSaved(t('basicsForm.nothingChanged'));
      return;
    }
    update.mutate(
      { version, body },
      {
        onSuccess: (organization) => {
          const next = basicsDraftOf(organization);
          setBase(next);
          setDraft(next);
          setHasTried(false);
          const located =
            body.address === undefined && body.areaCode === undefined
              ? ''
              : organization.lat === null
                ? ` ${t('organizationNew.notLocated')}`
                : organization.geocodePrecision === 'ward'
                  ? ` ${t('organizationNew.locatedToWard')}`
                  : '';
          setSaved(`${t('basicsForm.saved')}${located}`);
          onSaved(organization);
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 412) onConflict(error);
          else setFailedCount((count) => count + 1);
        },
      },
    );
  };

  const serverError = isApiError(update.error) && update.error.status !== 412 ? update.error : null;
  const serverDetails = serverError?.details ?? [];
  const locationErrors = useLocationErrors(serverError, wards.data ?? []);
  const clientErrors = Object.fromEntries(
    Object.entries(hasTried ? checksOf(draft) : {}).flatMap(([path, key]) => (key ? [[path, t(key)]] : [])),
  ) as Partial<Record<string, string>>;
  // The location's refusals in the language shown (the ward's name in English), the rest as the server said them.
  const shownErrors: Partial<Record<string, string>> = {
    ...(locationErrors.areaCode ? { areaCode: locationErrors.areaCode } : {}),
    ...(locationErrors.address ? { address: locationErrors.address } : {}),
    ...clientErrors,
  };
  const say = (detail: (typeof serverDetails)[number]) => apiErrorDetailText(i18n, detail);
  const fieldError = (path: string) => fieldProblem(path, shownErrors, serverDetails, say);
  const problems = formProblems(
    [
      { path: 'name', label: t('organization.name') },
      { path: 'nameKana', label: t('organization.nameKana') },
      { path: 'postalCode', label: t('organization.postalCode') },
      { path: 'areaCode', label: t('organization.ward') },
      { path: 'address', label: t('organization.address') },
      { path: 'fax', label: t('organization.fax') },
      { path: 'codes.medicalInstitutionCode', label: t('organization.medicalInstitutionCode') },
      { path: 'codes.careOfficeNumber', label: t('organization.careOfficeNumber') },
    ],
    shownErrors,
    serverDetails,
    say,
  );
  const shownError = isApiError(update.error) && update.error.status === 412 ? null : update.error;

  return (
    <form onSubmit={submit} noValidate className="profile-form basics-form">
      <FormErrorSummary
        message={problems.length > 0 ? t('forms.fixErrors', { count: problems.length }) : null}
        submitCount={failedCount}
      >
        <FormProblemList problems={problems} />
      </FormErrorSummary>
      <div className="form-grid">
        <TextField
          label={t('organization.name')}
          required
          maxLength={200}
          autoComplete="off"
          value={draft.name}
          onChange={(event) => change('name', event.target.value)}
          error={fieldError('name')}
        />
        <TextField
          label={t('organization.nameKana')}
          hint={t('organizationNew.kanaHint')}
          maxLength={200}
          autoComplete="off"
          value={draft.nameKana}
          onChange={(event) => change('nameKana', event.target.value)}
          error={fieldError('nameKana')}
        />
        <TextField
          label={t('organization.postalCode')}
          hint={t('basicsForm.postalCodeHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          value={draft.postalCode}
          onChange={(event) => change('postalCode', event.target.value)}
          error={fieldError('postalCode')}
        />
        <SelectField
          label={t('organization.ward')}
          value={draft.areaCode}
          onChange={(event) => change('areaCode', event.target.value)}
          error={fieldError('areaCode')}
        >
          <option value="">{t('common.notSet')}</option>
          {(wards.data ?? []).map((ward) => (
            <option key={ward.code} value={ward.code}>
              {wardName(ward)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('organization.address')}
          hint={t('basicsForm.addressHint')}
          required
          maxLength={300}
          autoComplete="off"
          value={draft.address}
          onChange={(event) => change('address', event.target.value)}
          error={fieldError('address')}
          className="field-wide"
        />
        <TextField
          label={t('organization.fax')}
          type="tel"
          autoComplete="off"
          value={draft.fax}
          onChange={(event) => change('fax', event.target.value)}
          error={fieldError('fax')}
        />
        {canEditCodes ? (
          <OfficialCodeFields
            values={draft}
            onChange={(key, value) => change(key, value)}
            errorOf={(path) => fieldError(path)}
          />
        ) : null}
      </div>
      {serverDetails.length > 0 ? null : <ErrorAlert error={shownError} />}
      <div className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('basicsForm.submit')}
        </button>
        <StatusMessage message={saved} />
      </div>
    </form>
  );
}
