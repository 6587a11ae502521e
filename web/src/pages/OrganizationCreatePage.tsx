/**
 * 組織の登録 (admin): an organisation the public data lacks → POST organizations with an Idempotency-Key. The server
 * refuses a 区 other than the one the address is in, and an address outside Okayama City: said at the field. What
 * the browser can check (種別 and 名称 required, a reading in kana, a 7-digit postal code, a phone number, the
 * lengths) is checked at once, every failing field named in a summary that takes the focus, as on the users page;
 * after a first submit the marks follow the typing.
 */
import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCreateOrganization, useWards } from '../api/queries';
import { isApiError, newIdempotencyKey } from '../api/client';
import { organizationKinds, type OrganizationKind } from '../codes';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { SelectField } from '../components/SelectField';
import { ErrorAlert } from '../components/ErrorAlert';
import { useWardName } from '../components/public/ward-names';
import { FormErrorSummary } from '../components/FormErrorSummary';
import { FormProblemList } from '../components/FormProblemList';
import { fieldProblem, formProblems } from '../components/form-problems';
import { OfficialCodeFields, useLocationErrors } from '../components/OrganizationBasicsForm';
import { checkBasics, officialCodeOf, postalCodeDigits } from '../components/organization-basics';
import { isPhoneNumber } from '../components/profile-checks';
import { apiErrorDetailText } from '../i18n/server-text';
import { duplicatesOf } from './organization-duplicates';

type Draft = {
  name: string;
  nameKana: string;
  kind: string;
  postalCode: string;
  address: string;
  phone: string;
  fax: string;
  medicalInstitutionCode: string;
  careOfficeNumber: string;
};

/** The browser's checks of the form (i18n keys by field), the server's rules where it can know them. */
function checksOf(draft: Draft): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = {
    ...checkBasics({ ...draft, areaCode: '' }, { requireAddress: false }),
  };
  if (!draft.kind) found.kind = 'organizationNew.kindRequired';
  if (draft.phone.trim() !== '' && !isPhoneNumber(draft.phone)) found.phone = 'profileForm.phoneInvalid';
  return found;
}

export function OrganizationCreatePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('organizationNew.title'));
  const navigate = useNavigate();
  const wards = useWards();
  const wardName = useWardName();
  const create = useCreateOrganization();
  // Generated on the first attempt and reused on a retry, so a lost answer never creates the organisation twice.
  const idempotencyKey = useRef<string | null>(null);
  const [name, setName] = useState('');
  const [nameKana, setNameKana] = useState('');
  const [kind, setKind] = useState<OrganizationKind | ''>('');
  const [areaCode, setAreaCode] = useState('');
  const [address, setAddress] = useState('');
  const [postalCode, setPostalCode] = useState('');
  const [phone, setPhone] = useState('');
  const [fax, setFax] = useState('');
  const [medicalInstitutionCode, setMedicalInstitutionCode] = useState('');
  const [careOfficeNumber, setCareOfficeNumber] = useState('');
  const draft = { name, nameKana, kind, postalCode, address, phone, fax, medicalInstitutionCode, careOfficeNumber };
  const [hasTried, setHasTried] = useState(false);
  const [failedCount, setFailedCount] = useState(0);
  // Registered, but located only roughly or not at all: said here before moving on.
  const [unlocated, setUnlocated] = useState<{ id: string; name: string; isWardOnly: boolean } | null>(null);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    send(false);
  };

  /**
   * Sends the form; `allowDuplicateName` after the server named an organisation of the same name and kind and the
   * user confirmed this one is another (「それでも登録する」).
   */
  const send = (allowDuplicateName: boolean) => {
    setHasTried(true);
    create.reset();
    if (!kind || Object.keys(checksOf(draft)).length > 0) {
      setFailedCount((count) => count + 1);
      return;
    }
    setUnlocated(null);
    idempotencyKey.current ??= newIdempotencyKey();
    create.mutate(
      {
        body: {
          name: name.trim(),
          nameKana: nameKana.trim() || null,
          kind,
          areaCode: areaCode || null,
          address: address.trim(),
          postalCode: postalCode.trim() === '' ? null : (postalCodeDigits(postalCode) ?? postalCode.trim()),
          phone: phone.trim() || null,
          fax: fax.trim() || null,
          ...(officialCodeOf(medicalInstitutionCode) || officialCodeOf(careOfficeNumber)
            ? {
                codes: {
                  medicalInstitutionCode: officialCodeOf(medicalInstitutionCode) || null,
                  careOfficeNumber: officialCodeOf(careOfficeNumber) || null,
                },
              }
            : {}),
          ...(allowDuplicateName ? { allowDuplicateName: true } : {}),
        },
        idempotencyKey: idempotencyKey.current,
      },
      {
        onSuccess: (organization) => {
          idempotencyKey.current = null;
          setHasTried(false);
          // Only organisations with a point appear in 資源検索: the server located the address.
          if (organization.lat === null || organization.geocodePrecision === 'ward') {
            setUnlocated({
              id: organization.id,
              name: organization.name,
              isWardOnly: organization.lat !== null,
            });
            // Registered already: an empty form, so that submitting again cannot register it twice.
            setName('');
            setNameKana('');
            setKind('');
            setAreaCode('');
            setAddress('');
            setPostalCode('');
            setPhone('');
            setFax('');
            setMedicalInstitutionCode('');
            setCareOfficeNumber('');
            return;
          }
          void navigate(`/organizations/${organization.id}`);
        },
        onError: (error) => {
          // Refused requests created nothing: the corrected form is a new attempt with a new key.
          if (isApiError(error) && error.status >= 400 && error.status < 500) idempotencyKey.current = null;
          setFailedCount((count) => count + 1);
        },
      },
    );
  };

  const error = isApiError(create.error) ? create.error : null;
  const locationErrors = useLocationErrors(error, wards.data ?? []);
  // Refused as a likely duplicate: the existing ones are listed (with links) instead of an error at the name.
  const duplicates = duplicatesOf(error);
  const serverDetails = duplicates.length > 0 ? [] : (error?.details ?? []);
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
      { path: 'kind', label: t('organization.kind') },
      { path: 'areaCode', label: t('organization.ward') },
      { path: 'postalCode', label: t('organization.postalCode') },
      { path: 'address', label: t('organization.address') },
      { path: 'phone', label: t('organization.phone') },
      { path: 'fax', label: t('organization.fax') },
      { path: 'codes.medicalInstitutionCode', label: t('organization.medicalInstitutionCode') },
      { path: 'codes.careOfficeNumber', label: t('organization.careOfficeNumber') },
    ],
    shownErrors,
    serverDetails,
    say,
  );
  return (
    <>
      <h1>{t('organizationNew.title')}</h1>
      <p className="lead">{t('organizationNew.lead')}</p>
      <form onSubmit={submit} noValidate className="card">
        <FormErrorSummary
          message={problems.length > 0 ? t('forms.fixErrors', { count: problems.length }) : null}
          submitCount={failedCount}
        >
          <FormProblemList problems={problems} />
        </FormErrorSummary>
        <div className="form-grid">
          <TextField
            label={t('organization.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={200}
            autoComplete="off"
            error={fieldError('name')}
            required
          />
          <TextField
            label={t('organization.nameKana')}
            hint={t('organizationNew.kanaHint')}
            value={nameKana}
            maxLength={200}
            autoComplete="off"
            onChange={(event) => setNameKana(event.target.value)}
            error={fieldError('nameKana')}
          />
          <SelectField
            label={t('organization.kind')}
            value={kind}
            onChange={(event) => setKind(organizationKinds.find((code) => code === event.target.value) ?? '')}
            error={fieldError('kind')}
            required
          >
            <option value="">{t('common.choose')}</option>
            {organizationKinds.map((code) => (
              <option key={code} value={code}>
                {t(`codes.kind.${code}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('organization.ward')}
            value={areaCode}
            onChange={(event) => setAreaCode(event.target.value)}
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
            label={t('organization.postalCode')}
            hint={t('basicsForm.postalCodeHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={postalCode}
            onChange={(event) => setPostalCode(event.target.value)}
            error={fieldError('postalCode')}
          />
          <TextField
            label={t('organization.address')}
            hint={t('organizationNew.addressHint')}
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            maxLength={300}
            error={fieldError('address')}
            className="field-wide"
          />
          <TextField
            label={t('organization.phone')}
            type="tel"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            error={fieldError('phone')}
          />
          <TextField
            label={t('organization.fax')}
            type="tel"
            value={fax}
            onChange={(event) => setFax(event.target.value)}
            error={fieldError('fax')}
          />
          <OfficialCodeFields
            values={{ medicalInstitutionCode, careOfficeNumber }}
            onChange={(key, value) =>
              key === 'medicalInstitutionCode' ? setMedicalInstitutionCode(value) : setCareOfficeNumber(value)
            }
            errorOf={fieldError}
          />
        </div>
        {duplicates.length > 0 ? (
          <div className="alert alert-warning" role="alert">
            <p>{t('organizationNew.duplicateText', { count: duplicates.length })}</p>
            <ul>
              {duplicates.map((existing) => (
                <li key={existing.id}>
                  <Link to={`/organizations/${existing.id}`}>{existing.name}</Link>
                  {existing.address ? `（${existing.address}）` : null}
                </li>
              ))}
            </ul>
            <p>{t('organizationNew.duplicateHint')}</p>
            <button
              type="button"
              className="button button-secondary"
              disabled={create.isPending}
              onClick={() => send(true)}
            >
              {t('organizationNew.registerAnyway')}
            </button>
          </div>
        ) : serverDetails.length > 0 ? null : (
          <ErrorAlert error={create.error} />
        )}
        {unlocated ? (
          <div className="alert alert-warning" role="alert">
            <p>
              {t('organizationNew.registered', { name: unlocated.name })}{' '}
              {unlocated.isWardOnly ? t('organizationNew.locatedToWard') : t('organizationNew.notLocated')}
            </p>
            <p>
              <Link to={`/organizations/${unlocated.id}`}>{t('organizationNew.openRegistered')}</Link>
            </p>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('organizationNew.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
