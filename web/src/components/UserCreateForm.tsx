/** 利用者を追加: e-mail, name, role, organisation (picked by search) and an initial password → POST users. */
import { useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateUser } from '../api/queries';
import { isApiError, newIdempotencyKey } from '../api/client';
import { minimumPasswordLength, roles, type Role } from '../codes';
import { useCurrentUser } from '../session';
import { TextField } from './TextField';
import { SelectField } from './SelectField';
import { ErrorAlert } from './ErrorAlert';
import { StatusMessage } from './StatusMessage';
import { OrganizationPicker, type PickedOrganization } from './OrganizationPicker';
import { accountOrganizationKinds, roleFitsOrganization } from './roleOrganizationKinds';

export function UserCreateForm() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateUser();
  // One key per attempt to create this user, reused when the same attempt is retried.
  const idempotencyKey = useRef<string | null>(null);
  const allowedRoles: readonly Role[] = me.role === 'admin' ? roles : ['provider'];
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('provider');
  const [organization, setOrganization] = useState<PickedOrganization | null>(null);
  const [password, setPassword] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [isMismatchShown, setIsMismatchShown] = useState(false);
  // A new picker (its search text and results gone) for the next user, once one is added.
  const [pickerKey, setPickerKey] = useState(0);

  // A role carries the access of its kind of organisation: the server refuses any other pairing.
  const allowedKinds = accountOrganizationKinds[role];
  const hasOrganization = allowedKinds !== 'none';
  const kindNames = hasOrganization ? allowedKinds.map((kind) => t(`codes.kind.${kind}`)).join('・') : '';
  const organizationHint = t('users.organizationKindsHint', { kinds: kindNames });
  // A system administrator belongs to no organisation: one picked for another role is not sent.
  const sentOrganization = hasOrganization ? organization : null;
  const isFitting = roleFitsOrganization(role, sentOrganization?.kind ?? null);
  const mismatch =
    isFitting || !isMismatchShown
      ? undefined
      : organization
        ? t('users.organizationKindMismatch', {
            role: t(`codes.role.${role}`),
            name: organization.name,
            kind: t(`codes.kind.${organization.kind}`),
            kinds: kindNames,
          })
        : t('users.organizationRequired', { role: t(`codes.role.${role}`), kinds: kindNames });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setCreated(null);
    if (!isFitting) {
      setIsMismatchShown(true);
      return;
    }
    idempotencyKey.current ??= newIdempotencyKey();
    create.mutate(
      {
        body: { email: email.trim(), name: name.trim(), role, organizationId: sentOrganization?.id ?? null, password },
        idempotencyKey: idempotencyKey.current,
      },
      {
        onSuccess: (user) => {
          idempotencyKey.current = null;
          setCreated(t('users.created', { email: user.email }));
          setEmail('');
          setName('');
          setPassword('');
          setOrganization(null);
          setPickerKey((key) => key + 1);
        },
        onError: (error) => {
          // A rejected request created nothing; a changed form is a new attempt.
          if (isApiError(error) && error.status >= 400 && error.status < 500) idempotencyKey.current = null;
        },
      },
    );
  };

  const error = isApiError(create.error) ? create.error : null;
  return (
    <form onSubmit={submit} noValidate className="user-create-form">
      <div className="form-grid">
        <TextField
          label={t('users.email')}
          type="email"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={error?.detailFor('email')}
          required
        />
        <TextField
          label={t('users.name')}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={error?.detailFor('name')}
          required
        />
        <SelectField
          label={t('users.role')}
          value={role}
          onChange={(event) => {
            const next = allowedRoles.find((code) => code === event.target.value) ?? 'provider';
            setRole(next);
            // Say at once when the organisation already chosen does not fit the new role.
            setIsMismatchShown(organization !== null);
          }}
          error={error?.detailFor('role')}
          required
        >
          {allowedRoles.map((code) => (
            <option key={code} value={code}>
              {t(`codes.role.${code}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {hasOrganization ? (
        <OrganizationPicker
          key={pickerKey}
          value={organization}
          onChange={(picked) => {
            setOrganization(picked);
            setIsMismatchShown(false);
          }}
          associationId={me.role === 'association_admin' ? (me.organizationId ?? undefined) : undefined}
          kinds={allowedKinds}
          hint={organizationHint}
          error={mismatch ?? error?.detailFor('organizationId')}
        />
      ) : (
        <p className="field-hint">{t('users.organizationNoneHint')}</p>
      )}
      <TextField
        label={t('users.initialPassword')}
        hint={t('users.initialPasswordHint', { count: minimumPasswordLength })}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={error?.detailFor('password')}
        required
      />
      <ErrorAlert error={create.error} />
      <StatusMessage message={created} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {t('users.createSubmit')}
        </button>
      </div>
    </form>
  );
}
