/**
 * 組織の登録 (admin): an organisation the public data lacks → POST organizations with an Idempotency-Key. The server
 * refuses a 区 other than the one the address is in, and an address outside Okayama City: said at the field. A
 * postal code that is not 7 digits is refused in the browser, as the server would.
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
import { useLocationErrors } from '../components/OrganizationBasicsForm';
import { postalCodeDigits } from '../components/organization-basics';
import { duplicatesOf } from './organization-duplicates';

export function OrganizationCreatePage() {
  const { t } = useTranslation();
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
  const [kindError, setKindError] = useState<string | undefined>(undefined);
  const [postalCodeError, setPostalCodeError] = useState<string | undefined>(undefined);
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
    const postalCodeProblem =
      postalCode.trim() !== '' && postalCodeDigits(postalCode) === null ? t('basicsForm.postalCodeInvalid') : undefined;
    setPostalCodeError(postalCodeProblem);
    setKindError(kind ? undefined : t('organizationNew.kindRequired'));
    if (!kind || postalCodeProblem) return;
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
          ...(allowDuplicateName ? { allowDuplicateName: true } : {}),
        },
        idempotencyKey: idempotencyKey.current,
      },
      {
        onSuccess: (organization) => {
          idempotencyKey.current = null;
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
            return;
          }
          void navigate(`/organizations/${organization.id}`);
        },
        onError: (error) => {
          // Refused requests created nothing: the corrected form is a new attempt with a new key.
          if (isApiError(error) && error.status >= 400 && error.status < 500) idempotencyKey.current = null;
        },
      },
    );
  };

  const error = isApiError(create.error) ? create.error : null;
  const locationErrors = useLocationErrors(error, wards.data ?? []);
  // Refused as a likely duplicate: the existing ones are listed (with links) instead of an error at the name.
  const duplicates = duplicatesOf(error);
  return (
    <>
      <h1>{t('organizationNew.title')}</h1>
      <p className="lead">{t('organizationNew.lead')}</p>
      <form onSubmit={submit} noValidate className="card">
        <div className="form-grid">
          <TextField
            label={t('organization.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={duplicates.length > 0 ? undefined : error?.detailFor('name')}
            required
          />
          <TextField
            label={t('organization.nameKana')}
            hint={t('organizationNew.kanaHint')}
            value={nameKana}
            onChange={(event) => setNameKana(event.target.value)}
            error={error?.detailFor('nameKana')}
          />
          <SelectField
            label={t('organization.kind')}
            value={kind}
            onChange={(event) => setKind(organizationKinds.find((code) => code === event.target.value) ?? '')}
            error={kindError ?? error?.detailFor('kind')}
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
            error={locationErrors.areaCode}
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
            onChange={(event) => {
              setPostalCode(event.target.value);
              // Once refused, the message goes as soon as the code reads as 7 digits.
              if (postalCodeError && postalCodeDigits(event.target.value) !== null) setPostalCodeError(undefined);
            }}
            error={postalCodeError ?? error?.detailFor('postalCode')}
          />
          <TextField
            label={t('organization.address')}
            hint={t('organizationNew.addressHint')}
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            error={locationErrors.address}
            className="field-wide"
          />
          <TextField
            label={t('organization.phone')}
            type="tel"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            error={error?.detailFor('phone')}
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
        ) : (
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
