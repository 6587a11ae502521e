/**
 * 二要素認証の設定: start enrolment, scan the QR code, confirm with a code, keep the recovery codes.
 * When two-factor is already on, registering a new authenticator first asks for the current password
 * and a code of the current authenticator (or a recovery code): the server refuses it otherwise.
 */
import { useState, type SubmitEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useConfirmMfa, useEnrollMfa, useLogout, useMe } from '../api/queries';
import { safeNextPath } from '../session';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { ErrorAlert } from '../components/ErrorAlert';
import { isSixDigitCode, normalizeTypedCode } from '../typed-code';

export function MfaSetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const me = useMe();
  const enroll = useEnrollMfa();
  const confirm = useConfirmMfa();
  const logout = useLogout();
  const [code, setCode] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [currentCode, setCurrentCode] = useState('');
  const [hasStoredCodes, setHasStoredCodes] = useState(false);
  usePageTitle(t('mfa.title'));

  const submitCode = (event: SubmitEvent) => {
    event.preventDefault();
    confirm.mutate(normalizeTypedCode(code));
  };

  const startReenrolment = (event: SubmitEvent) => {
    event.preventDefault();
    enroll.mutate(
      { currentPassword, code: normalizeTypedCode(currentCode) },
      { onSuccess: () => setCurrentPassword('') },
    );
  };

  const signOut = () => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });

  if (me.isPending) {
    return <p role="status">{t('common.loading')}</p>;
  }
  if (me.isError) {
    return (
      <>
        <h1>{t('mfa.title')}</h1>
        <ErrorAlert error={me.error} />
      </>
    );
  }

  const recoveryCodes = confirm.data?.recoveryCodes;
  if (recoveryCodes) {
    return (
      <section className="card" aria-labelledby="mfa-heading">
        <h1 id="mfa-heading">{t('mfa.doneTitle')}</h1>
        <p>{t('mfa.doneText')}</p>
        <h2>{t('mfa.recoveryTitle')}</h2>
        <p className="alert alert-warning">{t('mfa.recoveryWarning')}</p>
        <ol className="recovery-codes">
          {recoveryCodes.map((recoveryCode) => (
            <li key={recoveryCode}>
              <code>{recoveryCode}</code>
            </li>
          ))}
        </ol>
        <label className="choice">
          <input
            type="checkbox"
            checked={hasStoredCodes}
            onChange={(event) => setHasStoredCodes(event.target.checked)}
          />
          <span>{t('mfa.recoveryStored')}</span>
        </label>
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={!hasStoredCodes}
            onClick={() => void navigate(next, { replace: true })}
          >
            {t('mfa.continue')}
          </button>
        </div>
      </section>
    );
  }

  if (me.data.isMfaEnabled && !enroll.data) {
    return (
      <section className="card" aria-labelledby="mfa-heading">
        <h1 id="mfa-heading">{t('mfa.title')}</h1>
        <p>{t('mfa.alreadyEnabled')}</p>
        <h2>{t('mfa.reenrolTitle')}</h2>
        <p>{t('mfa.reenrolText')}</p>
        <form onSubmit={startReenrolment} noValidate>
          <TextField
            label={t('mfa.currentPassword')}
            type="password"
            value={currentPassword}
            onChange={(event) => setCurrentPassword(event.target.value)}
            autoComplete="current-password"
            required
          />
          <TextField
            label={t('mfa.currentCodeLabel')}
            hint={t('mfa.currentCodeHint')}
            value={currentCode}
            onChange={(event) => setCurrentCode(event.target.value)}
            autoComplete="one-time-code"
            required
          />
          <ErrorAlert error={enroll.error} />
          <div className="form-actions">
            <button
              type="submit"
              className="button"
              disabled={enroll.isPending || !currentPassword || normalizeTypedCode(currentCode).length < 6}
            >
              {t('mfa.reenrolStart')}
            </button>
          </div>
        </form>
        <p>
          <Link to="/">{t('common.backHome')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="mfa-heading">
      <h1 id="mfa-heading">{t('mfa.title')}</h1>
      <p>
        {me.data.isMfaEnabled
          ? t('mfa.reenrolNote')
          : me.data.isMfaRequired
            ? t('mfa.requiredText')
            : t('mfa.optionalText')}
      </p>
      {!enroll.data ? (
        <>
          <ol className="steps">
            <li>{t('mfa.step1')}</li>
            <li>{t('mfa.step2')}</li>
            <li>{t('mfa.step3')}</li>
          </ol>
          <ErrorAlert error={enroll.error} />
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => enroll.mutate(undefined)}
              disabled={enroll.isPending}
            >
              {t('mfa.start')}
            </button>
          </div>
        </>
      ) : (
        <>
          <h2>{t('mfa.scanTitle')}</h2>
          <div className="mfa-enrol">
            <img src={enroll.data.qrCodeDataUrl} alt={t('mfa.qrAlt')} width={200} height={200} />
            <div>
              <p>{t('mfa.scanText')}</p>
              <p>
                {t('mfa.secretLabel')} <code className="secret">{enroll.data.secret}</code>
              </p>
            </div>
          </div>
          <form onSubmit={submitCode} noValidate>
            <TextField
              label={t('mfa.codeLabel')}
              hint={t('mfa.codeHint')}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              inputMode="numeric"
              autoComplete="one-time-code"
              required
            />
            <ErrorAlert error={confirm.error} />
            <div className="form-actions">
              <button type="submit" className="button" disabled={confirm.isPending || !isSixDigitCode(code)}>
                {t('mfa.confirm')}
              </button>
            </div>
          </form>
        </>
      )}
      <p className="muted mfa-exits">
        {/* Optional (or already set up): the user may leave without changing anything; when required, only sign-out. */}
        {me.data.isMfaEnabled || !me.data.isMfaRequired ? (
          <>
            <Link to={next}>{me.data.isMfaEnabled ? t('common.backHome') : t('mfa.later')}</Link>
            {' ・ '}
          </>
        ) : null}
        <button type="button" className="button-link" onClick={signOut}>
          {t('header.logout')}
        </button>
      </p>
    </section>
  );
}
