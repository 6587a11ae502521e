/** What an administrator can do to one account: disable/enable, reset password or two-factor, change role. */
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateUser } from '../api/queries';
import type { UpdateUserRequest, User } from '../api/types';
import { minimumPasswordLength, type Role } from '../codes';
import { useCurrentUser } from '../session';
import { TextField } from './TextField';
import { SelectField } from './SelectField';
import { ErrorAlert } from './ErrorAlert';
import { StatusMessage } from './StatusMessage';
import { roleChoicesFor } from './roleOrganizationKinds';

export function UserActions({ user }: { user: User }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const [password, setPassword] = useState('');
  const [isConfirmingMfaReset, setIsConfirmingMfaReset] = useState(false);
  // Disabling ends the user's sessions at once: asked first, as the two-factor reset is (enabling is not).
  const [isConfirmingDisable, setIsConfirmingDisable] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const isSelf = user.id === me.id;
  const canChangeRole = me.role === 'admin' && !isSelf;
  // Only the roles the user's kind of organisation allows (the server refuses the others); the
  // current role stays listed so the choice shows it.
  const organizationKind = user.organizationId === null ? null : user.organizationKind;
  const roleChoices = roleChoicesFor(user.role, organizationKind);
  const roleHintId = useId();
  const roleHint =
    organizationKind === null
      ? t('users.roleChoicesWithoutOrganization')
      : t('users.roleChoicesHint', { name: user.organizationName ?? '', kind: t(`codes.kind.${organizationKind}`) });

  const run = (body: UpdateUserRequest, message: string, after?: () => void) => {
    setDone(null);
    update.mutate(
      { id: user.id, version: user.version, body },
      {
        onSuccess: () => {
          setDone(message);
          after?.();
        },
      },
    );
  };

  const submitRole = (event: SubmitEvent) => {
    event.preventDefault();
    run({ role }, t('users.roleChanged', { role: t(`codes.role.${role}`) }));
  };

  const submitPassword = (event: SubmitEvent) => {
    event.preventDefault();
    run({ password }, t('users.passwordReset'), () => setPassword(''));
  };

  return (
    <div className="user-actions">
      <div className="user-action">
        <h3>{user.disabled ? t('users.enableTitle') : t('users.disableTitle')}</h3>
        <p className="muted small">{user.disabled ? t('users.enableText') : t('users.disableText')}</p>
        {user.disabled ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={update.isPending || isSelf}
            onClick={() => run({ disabled: false }, t('users.enabled'))}
          >
            {t('users.enable')}
          </button>
        ) : isConfirmingDisable ? (
          <p>
            {t('users.disableConfirm', { name: user.name })}{' '}
            <button
              type="button"
              className="button button-danger"
              disabled={update.isPending}
              onClick={() => run({ disabled: true }, t('users.disabledDone'), () => setIsConfirmingDisable(false))}
            >
              {t('users.disableYes')}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => setIsConfirmingDisable(false)}>
              {t('common.cancel')}
            </button>
          </p>
        ) : (
          <button
            type="button"
            className="button button-danger"
            disabled={update.isPending || isSelf}
            onClick={() => setIsConfirmingDisable(true)}
          >
            {t('users.disable')}
          </button>
        )}
      </div>

      {canChangeRole ? (
        <form className="user-action" onSubmit={submitRole}>
          <h3>{t('users.changeRoleTitle')}</h3>
          <SelectField
            label={t('users.newRole')}
            aria-describedby={roleHint ? roleHintId : undefined}
            value={role}
            onChange={(event) => setRole(roleChoices.find((code) => code === event.target.value) ?? user.role)}
          >
            {roleChoices.map((code) => (
              <option key={code} value={code}>
                {t(`codes.role.${code}`)}
              </option>
            ))}
          </SelectField>
          {roleHint ? (
            <p className="field-hint" id={roleHintId}>
              {roleHint}
            </p>
          ) : null}
          <button type="submit" className="button button-secondary" disabled={update.isPending || role === user.role}>
            {t('users.changeRole')}
          </button>
        </form>
      ) : null}

      <form className="user-action" onSubmit={submitPassword}>
        <h3>{t('users.resetPasswordTitle')}</h3>
        <TextField
          label={t('users.newPassword')}
          hint={t('users.newPasswordHint', { count: minimumPasswordLength })}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button button-secondary" disabled={update.isPending || password === ''}>
          {t('users.resetPassword')}
        </button>
      </form>

      <div className="user-action">
        <h3>{t('users.resetMfaTitle')}</h3>
        <p className="muted small">{user.isMfaEnabled ? t('users.resetMfaText') : t('users.mfaNotEnabled')}</p>
        {isConfirmingMfaReset ? (
          <p>
            {t('users.resetMfaConfirm')}{' '}
            <button
              type="button"
              className="button button-danger"
              disabled={update.isPending}
              onClick={() => run({ resetMfa: true }, t('users.mfaResetDone'), () => setIsConfirmingMfaReset(false))}
            >
              {t('users.resetMfaYes')}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => setIsConfirmingMfaReset(false)}>
              {t('common.cancel')}
            </button>
          </p>
        ) : (
          <button
            type="button"
            className="button button-secondary"
            disabled={update.isPending || !user.isMfaEnabled}
            onClick={() => setIsConfirmingMfaReset(true)}
          >
            {t('users.resetMfa')}
          </button>
        )}
      </div>

      <div className="user-actions-feedback">
        <ErrorAlert error={update.error} showDetails />
        <StatusMessage message={done} />
      </div>
    </div>
  );
}
