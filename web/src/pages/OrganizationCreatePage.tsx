/** 組織の登録 (admin): an organisation the public data lacks → POST organizations with an Idempotency-Key. */
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

export function OrganizationCreatePage() {
  const { t } = useTranslation();
  usePageTitle(t('organizationNew.title'));
  const navigate = useNavigate();
  const wards = useWards();
  const create = useCreateOrganization();
  // Generated on the first attempt and reused on a retry, so a lost answer never creates the organisation twice.
  const idempotencyKey = useRef<string | null>(null);
  const [name, setName] = useState('');
  const [nameKana, setNameKana] = useState('');
  const [kind, setKind] = useState<OrganizationKind | ''>('');
  const [areaCode, setAreaCode] = useState('');
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [kindError, setKindError] = useState<string | undefined>(undefined);
  // Registered, but located only roughly or not at all: said here before moving on.
  const [unlocated, setUnlocated] = useState<{ id: string; name: string; isWardOnly: boolean } | null>(null);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!kind) {
      setKindError(t('organizationNew.kindRequired'));
      return;
    }
    setKindError(undefined);
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
          phone: phone.trim() || null,
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
            error={error?.detailFor('name')}
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
            error={error?.detailFor('areaCode')}
          >
            <option value="">{t('common.notSet')}</option>
            {(wards.data ?? []).map((ward) => (
              <option key={ward.code} value={ward.code}>
                {ward.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('organization.address')}
            hint={t('organizationNew.addressHint')}
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            error={error?.detailFor('address')}
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
        <ErrorAlert error={create.error} />
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
