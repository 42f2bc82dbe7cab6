import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { fieldErrors } from '../../api/errors';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { BusyButton } from '../../components/SubmitButton';
import { MIN_PASSWORD } from './password';
import { useChangePassword } from './queries';
import { useSession } from './session';
import { focusFirstInvalid } from '../../components/focus';

export default function AccountPage() {
  const { t } = useTranslation();
  const me = useSession();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = fieldErrors(change.error);

  return (
    <div className="page narrow-page">
      <h1>{t('account.title')}</h1>
      <dl className="meta-grid card">
        <div>
          <dt>{t('staff.fullName')}</dt>
          <dd>{me.full_name}</dd>
        </div>
        <div>
          <dt>{t('staff.username')}</dt>
          <dd className="code">{me.username}</dd>
        </div>
        <div>
          <dt>{t('staff.roles')}</dt>
          <dd>{me.roles.map((r) => t(`roles.${r}`)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('units.center')}</dt>
          <dd>{me.center.name}</dd>
        </div>
      </dl>

      <section aria-labelledby="pw-title" className="card">
        <h2 id="pw-title">{t('account.changePassword')}</h2>
        {change.isSuccess && <SuccessNotice>{t('account.changed')}</SuccessNotice>}
        <ErrorNotice error={change.error} />
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const errs: Record<string, string> = {};
            if (!current) errs.current_password = t('common.required');
            if (next.length < MIN_PASSWORD) errs.new_password = t('account.tooShort', { min: MIN_PASSWORD });
            if (next !== confirm) errs.confirm = t('account.mismatch');
            setLocal(errs);
            if (Object.keys(errs).length) {
              focusFirstInvalid(e.currentTarget);
              return;
            }
            change.mutate(
              { current_password: current, new_password: next },
              {
                onSuccess: () => {
                  setCurrent('');
                  setNext('');
                  setConfirm('');
                },
              },
            );
          }}
        >
          <Field label={t('account.current')} error={local.current_password ?? server.current_password}>
            <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
          </Field>
          <Field
            label={t('account.new')}
            hint={t('account.tooShort', { min: MIN_PASSWORD })}
            error={local.new_password ?? server.new_password}
          >
            <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
          </Field>
          <Field label={t('account.confirm')} error={local.confirm}>
            <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          </Field>
          <BusyButton type="submit" busy={change.isPending} busyLabel={t('common.saving')}>
            {t('account.submit')}
          </BusyButton>
        </form>
      </section>
    </div>
  );
}
