/**
 * 利用者を追加: e-mail, name, role, organisation (picked by search) and an initial password → POST users.
 * Every empty or wrong field is marked at once, in the browser (user-create-checks.ts) and from the server's 400
 * (details[].path), and named in the summary above the form.
 */
import { useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateUser } from '../api/queries';
import { isApiError, newIdempotencyKey } from '../api/client';
import { minimumPasswordLength, roles, type Role } from '../codes';
import { useCurrentUser } from '../session';
import { TextField } from './TextField';
import { SelectField } from './SelectField';
import { ErrorAlert } from './ErrorAlert';
import { FormErrorSummary } from './FormErrorSummary';
import { FormProblemList } from './FormProblemList';
import { fieldProblem, formProblems } from './form-problems';
import { apiErrorDetailText } from '../i18n/server-text';
import { checkNewUser, userFieldLimits, type UserChecks } from './user-create-checks';
import { OrganizationPicker, type PickedOrganization } from './OrganizationPicker';
import { accountOrganizationKinds, roleFitsOrganization } from './roleOrganizationKinds';

type Props = {
  /** A user was added (the form is closed by its page, which says so). */
  onCreated: (email: string) => void;
};

export function UserCreateForm({ onCreated }: Props) {
  const { t, i18n } = useTranslation();
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
  const [isMismatchShown, setIsMismatchShown] = useState(false);
  // After the first attempt the checks follow the input, so a corrected field loses its message at once.
  const [hasTried, setHasTried] = useState(false);
  // Each attempt that ends in errors (the browser's or the server's): the summary then takes the focus.
  const [failedCount, setFailedCount] = useState(0);

  // A role carries the access of its kind of organisation: the server refuses any other pairing.
  const allowedKinds = accountOrganizationKinds[role];
  const hasOrganization = allowedKinds !== 'none';
  const kindNames = hasOrganization
    ? allowedKinds.map((kind) => t(`codes.kind.${kind}`)).join(t('common.itemSeparator'))
    : '';
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

  const checks: UserChecks = hasTried ? checkNewUser({ email, name, password }) : {};
  const clientErrors: Partial<Record<string, string>> = Object.fromEntries(
    Object.entries(checks).map(([path, check]) => [path, t(check.key, check.values)]),
  );
  if (mismatch) clientErrors.organizationId = mismatch;
  const error = isApiError(create.error) ? create.error : null;
  // A refusal that names fields is said at those fields and in the summary; any other in the alert below.
  const serverDetails = error && error.details.length > 0 ? error.details : [];
  const say = (detail: (typeof serverDetails)[number]) => apiErrorDetailText(i18n, detail);
  const errorOf = (path: string) => fieldProblem(path, clientErrors, serverDetails, say);
  const fields = [
    { path: 'email', label: t('users.email') },
    { path: 'name', label: t('users.name') },
    { path: 'role', label: t('users.role') },
    ...(hasOrganization ? [{ path: 'organizationId', label: t('users.organization') }] : []),
    { path: 'password', label: t('users.initialPassword') },
  ];
  const problems = formProblems(fields, clientErrors, serverDetails, say);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setHasTried(true);
    create.reset();
    const found = checkNewUser({ email, name, password });
    if (!isFitting) setIsMismatchShown(true);
    if (Object.keys(found).length > 0 || !isFitting) {
      setFailedCount((count) => count + 1);
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
          onCreated(user.email);
        },
        onError: (refusal) => {
          // A rejected request created nothing; a changed form is a new attempt.
          if (isApiError(refusal) && refusal.status >= 400 && refusal.status < 500) idempotencyKey.current = null;
          setFailedCount((count) => count + 1);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="user-create-form">
      <FormErrorSummary
        message={problems.length > 0 ? t('forms.fixErrors', { count: problems.length }) : null}
        submitCount={failedCount}
      >
        <FormProblemList problems={problems} />
      </FormErrorSummary>
      <div className="form-grid">
        <TextField
          label={t('users.email')}
          type="email"
          autoComplete="off"
          maxLength={userFieldLimits.email}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errorOf('email')}
          required
        />
        <TextField
          label={t('users.name')}
          autoComplete="off"
          maxLength={userFieldLimits.name}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errorOf('name')}
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
          error={errorOf('role')}
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
          value={organization}
          onChange={(picked) => {
            setOrganization(picked);
            setIsMismatchShown(false);
          }}
          associationId={me.role === 'association_admin' ? (me.organizationId ?? undefined) : undefined}
          kinds={allowedKinds}
          hint={organizationHint}
          error={errorOf('organizationId')}
        />
      ) : (
        <p className="field-hint">{t('users.organizationNoneHint')}</p>
      )}
      <TextField
        label={t('users.initialPassword')}
        hint={t('users.initialPasswordHint', { count: minimumPasswordLength })}
        type="password"
        autoComplete="new-password"
        maxLength={userFieldLimits.password}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={errorOf('password')}
        required
      />
      <ErrorAlert error={serverDetails.length > 0 ? null : create.error} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {t('users.createSubmit')}
        </button>
      </div>
    </form>
  );
}
