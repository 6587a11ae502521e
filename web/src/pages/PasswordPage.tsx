/** パスワードの変更: current and new password (the server checks the policy and clears 「初期パスワード」). */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useChangePassword, useMe } from '../api/queries';
import { safeNextPath } from '../session';
import { isApiError } from '../api/client';
import { minimumPasswordLength } from '../codes';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusMessage } from '../components/StatusMessage';

export function PasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('password.title'));
  const change = useChangePassword();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // A password an administrator set must be changed before anything else (the server refuses other
  // requests with password_change_required); once changed, the user goes on where they were going.
  const isRequired = useMe().data?.mustChangePassword === true;
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [mismatch, setMismatch] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setDone(null);
    if (newPassword !== repeated) {
      setMismatch(t('password.mismatch'));
      return;
    }
    setMismatch(undefined);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          if (isRequired) {
            void navigate(safeNextPath(params.get('next')), { replace: true });
            return;
          }
          setDone(t('password.done'));
          setCurrentPassword('');
          setNewPassword('');
          setRepeated('');
        },
      },
    );
  };

  const error = isApiError(change.error) ? change.error : null;
  return (
    <>
      <h1>{t('password.title')}</h1>
      {isRequired ? (
        <div className="alert alert-warning" role="status">
          <p>{t('password.requiredText')}</p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="card form-narrow">
        <TextField
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          required
        />
        <TextField
          label={t('password.new')}
          hint={t('password.newHint', { count: minimumPasswordLength })}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          error={error?.detailFor('newPassword')}
          required
        />
        <TextField
          label={t('password.repeat')}
          type="password"
          autoComplete="new-password"
          value={repeated}
          onChange={(event) => setRepeated(event.target.value)}
          error={mismatch}
          required
        />
        <ErrorAlert error={change.error} />
        <StatusMessage message={done} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={change.isPending}>
            {t('password.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
