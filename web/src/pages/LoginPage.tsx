/** ログイン: e-mail and password, then (when the account has it) the two-factor code; demo accounts in demo mode. */
import { useState, type SubmitEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCompleteMfa, useLogin, usePublicConfig } from '../api/queries';
import type { SignedIn } from '../api/types';
import type { Role } from '../codes';
import { safeNextPath } from '../session';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { ErrorAlert } from '../components/ErrorAlert';
import { CitizenLinks } from '../components/directory/CitizenLinks';
import { normalizeTypedCode } from '../typed-code';

/** The demo logins of CONTRACT §4 (the server prints the same list when it starts with --demo). */
const demoAccounts: { email: string; role: Role }[] = [
  { email: 'admin@demo.renkei.jp', role: 'admin' },
  { email: 'center@demo.renkei.jp', role: 'center_coordinator' },
  { email: 'liaison@demo.renkei.jp', role: 'hospital_liaison' },
  // A recovery hospital's liaison: where a transfer (転院) can be taken over.
  { email: 'kaifukuki@demo.renkei.jp', role: 'hospital_liaison' },
  { email: 'clinic@demo.renkei.jp', role: 'provider' },
  { email: 'nurse@demo.renkei.jp', role: 'provider' },
  { email: 'caremanager@demo.renkei.jp', role: 'provider' },
  { email: 'ishikai@demo.renkei.jp', role: 'association_admin' },
  { email: 'city@demo.renkei.jp', role: 'city_analyst' },
];
const demoPassword = 'renkei-demo-2026';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const config = usePublicConfig();
  const login = useLogin();
  const completeMfa = useCompleteMfa();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  usePageTitle(challenge ? t('login.mfaTitle') : t('login.title'));

  const finish = (result: SignedIn) => {
    if (result.mfaEnrollmentRequired) {
      void navigate(`/mfa/setup?next=${encodeURIComponent(next)}`, { replace: true });
    } else if (result.user.mustChangePassword) {
      void navigate(`/account/password?next=${encodeURIComponent(next)}`, { replace: true });
    } else {
      void navigate(next, { replace: true });
    }
  };

  const submitPassword = (event: SubmitEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setMissing(t('login.missing'));
      return;
    }
    setMissing(null);
    login.mutate(
      { email, password },
      {
        onSuccess: (result) => {
          if ('mfaRequired' in result) {
            setChallenge(result.challenge);
            setPassword('');
          } else {
            finish(result);
          }
        },
      },
    );
  };

  const submitCode = (event: SubmitEvent) => {
    event.preventDefault();
    if (!challenge) return;
    completeMfa.mutate({ challenge, code: normalizeTypedCode(code) }, { onSuccess: finish });
  };

  const restart = () => {
    setChallenge(null);
    setCode('');
    completeMfa.reset();
    login.reset();
  };

  if (challenge) {
    return (
      <section className="card login-card" aria-labelledby="login-heading">
        <h1 id="login-heading">{t('login.mfaTitle')}</h1>
        <p>{t('login.mfaText')}</p>
        <form onSubmit={submitCode} noValidate>
          <TextField
            label={t('login.mfaCode')}
            hint={t('login.mfaCodeHint')}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="one-time-code"
            autoFocus
            required
          />
          <ErrorAlert error={completeMfa.error} showDetails />
          <div className="form-actions">
            <button type="submit" className="button" disabled={completeMfa.isPending}>
              {t('login.mfaSubmit')}
            </button>
            <button type="button" className="button button-secondary" onClick={restart}>
              {t('login.restart')}
            </button>
          </div>
        </form>
      </section>
    );
  }

  return (
    <div className="login-layout">
      <section className="card login-card" aria-labelledby="login-heading">
        <h1 id="login-heading">{t('login.title')}</h1>
        <p className="muted">{t('login.lead')}</p>
        <form onSubmit={submitPassword} noValidate>
          <TextField
            label={t('login.email')}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoComplete="username"
            required
          />
          <TextField
            label={t('login.password')}
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            required
          />
          <div className="alert-region" role="alert">
            {missing ? <p className="alert alert-error">{missing}</p> : null}
          </div>
          <ErrorAlert error={login.error} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={login.isPending}>
              {login.isPending ? t('login.submitting') : t('login.submit')}
            </button>
          </div>
        </form>
      </section>
      {config.data?.demo ? (
        <section className="card demo-panel" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t('login.demoTitle')}</h2>
          <p>{t('login.demoText', { password: demoPassword })}</p>
          <ul className="demo-accounts">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                <span className="demo-account-text">
                  <span className="demo-account-email">{account.email}</span>
                  <span className="muted small">{t(`codes.role.${account.role}`)}</span>
                </span>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-label={t('login.demoFillLabel', { email: account.email })}
                  onClick={() => {
                    setEmail(account.email);
                    setPassword(demoPassword);
                    setMissing(null);
                    login.reset();
                  }}
                >
                  {t('login.demoFill')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <CitizenLinks />
    </div>
  );
}
