import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { BusyButton } from '../../components/SubmitButton';
import { safeNext } from './next';
import { useAccessToken } from '../../api/useAccessToken';
import { useLogin } from './queries';
import './login.css';

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = useAccessToken();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const errorRef = useRef<HTMLDivElement>(null);
  const next = safeNext(params.get('next'));

  useEffect(() => {
    if (login.isError) errorRef.current?.focus();
  }, [login.isError, login.failureCount]);

  if (token && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  return (
    <div className="container page narrow">
      <div className="card login-card">
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.lead')}</p>
        <div ref={errorRef} tabIndex={-1}>
          <ErrorNotice
            error={login.error}
            options={{
              byStatus: {
                401: t('login.invalid'),
                ...(login.error instanceof ApiError && login.error.retryAfter === null
                  ? { 429: t('login.tooManyNoTime') }
                  : {}),
              },
            }}
          />
        </div>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const m = {
              username: username.trim() ? undefined : t('login.usernameRequired'),
              password: password ? undefined : t('login.passwordRequired'),
            };
            setMissing(m);
            if (m.username || m.password) return;
            login.mutate(
              { username: username.trim(), password },
              { onSuccess: () => navigate(next, { replace: true }) },
            );
          }}
        >
          <Field label={t('login.username')} error={missing.username}>
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              required
            />
          </Field>
          <Field label={t('login.password')} error={missing.password}>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </Field>
          <BusyButton type="submit" busy={login.isPending} busyLabel={t('login.submitting')} className="btn btn-primary btn-block">
            {t('login.submit')}
          </BusyButton>
        </form>
      </div>
    </div>
  );
}
