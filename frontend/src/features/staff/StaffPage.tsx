import { useState } from 'react';
import { useTranslation } from '../../i18n';
import type { Staff } from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { Pagination } from '../../components/Pagination';
import { Loading, Spinner } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { useDebounced } from '../../components/useDebounced';
import { MIN_PASSWORD } from '../auth/password';
import { RequireRole } from '../auth/RequireAuth';
import { useSession } from '../auth/session';
import { useDepartments } from '../units/queries';
import { useCreateStaff, useResetStaffPassword, useStaffList, useUpdateStaff } from './queries';
import { StaffForm } from './StaffForm';

const PAGE_SIZE = 20;

type Dialog = { kind: 'create' } | { kind: 'edit'; staff: Staff } | { kind: 'password'; staff: Staff } | null;

function ResetPasswordForm({ staff, onDone }: { staff: Staff; onDone: () => void }) {
  const { t } = useTranslation();
  const reset = useResetStaffPassword();
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (password.length < MIN_PASSWORD) {
          setLocal(t('account.tooShort', { min: MIN_PASSWORD }));
          return;
        }
        setLocal(undefined);
        reset.mutate({ id: staff.id, newPassword: password });
      }}
    >
      {reset.isSuccess ? (
        <>
          <SuccessNotice>{t('staff.passwordReset', { name: staff.full_name })}</SuccessNotice>
          <button type="button" className="btn btn-primary" onClick={onDone}>
            {t('common.close')}
          </button>
        </>
      ) : (
        <>
          <p>{t('staff.resetFor', { name: staff.full_name, username: staff.username })}</p>
          <ErrorNotice error={reset.error} />
          <Field label={t('account.new')} error={local}>
            <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Field>
          <div className="form-actions">
            <BusyButton type="submit" busy={reset.isPending} busyLabel={t('common.saving')}>
              {t('staff.resetPassword')}
            </BusyButton>
            <button type="button" className="btn" onClick={onDone}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

function StaffList() {
  const { t } = useTranslation();
  const me = useSession();
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const list = useStaffList({ q, page, size: PAGE_SIZE });
  const departments = useDepartments();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const toggleActive = useUpdateStaff();
  const deptName = (id: number | null) => departments.data?.find((d) => d.id === id)?.name ?? '—';

  const close = () => {
    create.reset();
    update.reset();
    setDialog(null);
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('staff.title')}</h1>
        <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'create' })}>
          + {t('staff.add')}
        </button>
      </div>
      <div className="toolbar">
        <Field label={t('staff.search')} className="grow">
          <input
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
          />
        </Field>
        {list.isFetching && <Spinner />}
      </div>
      <ErrorNotice error={toggleActive.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="empty">{t('common.noResults')}</p>
      ) : (
        <>
          <table className="data-table stack-table">
            <caption className="visually-hidden">{t('staff.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.fullName')}</th>
                <th scope="col">{t('staff.roles')}</th>
                <th scope="col">{t('staff.department')}</th>
                <th scope="col">{t('staff.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => (
                <tr key={s.id} className={s.is_active ? undefined : 'row-inactive'}>
                  <td data-label={t('staff.fullName')}>
                    <strong>{s.full_name}</strong>
                    <div className="muted code small">{s.username}</div>
                  </td>
                  <td data-label={t('staff.roles')}>{s.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
                  <td data-label={t('staff.department')}>{deptName(s.department_id)}</td>
                  <td data-label={t('staff.status')}>
                    <span className={`tag ${s.is_active ? 'tag-ok' : 'tag-off'}`}>
                      {s.is_active ? t('staff.active') : t('staff.inactive')}
                    </span>
                  </td>
                  <td className="actions">
                    <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'edit', staff: s })}>
                      {t('common.edit')}
                      <span className="visually-hidden"> {s.full_name}</span>
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'password', staff: s })}>
                      {t('staff.resetPassword')}
                      <span className="visually-hidden"> {s.full_name}</span>
                    </button>
                    {s.id !== me.id && (
                      <BusyButton
                        type="button"
                        className="btn btn-small"
                        busy={toggleActive.isPending && toggleActive.variables?.id === s.id}
                        onClick={() => {
                          if (s.is_active && !window.confirm(t('staff.confirmDisable', { name: s.full_name }))) return;
                          toggleActive.mutate({ id: s.id, body: { is_active: !s.is_active } });
                        }}
                      >
                        {s.is_active ? t('staff.disable') : t('staff.enable')}
                        <span className="visually-hidden"> {s.full_name}</span>
                      </BusyButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} size={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}

      {dialog?.kind === 'create' && (
        <Modal title={t('staff.add')} onClose={close}>
          <StaffForm
            staff={null}
            busy={create.isPending}
            error={create.error}
            onCreate={(body) => create.mutate(body, { onSuccess: close })}
            onUpdate={() => undefined}
            onCancel={close}
          />
        </Modal>
      )}
      {dialog?.kind === 'edit' && (
        <Modal title={t('staff.edit', { name: dialog.staff.full_name })} onClose={close}>
          <StaffForm
            staff={dialog.staff}
            busy={update.isPending}
            error={update.error}
            onCreate={() => undefined}
            onUpdate={(body) => update.mutate({ id: dialog.staff.id, body }, { onSuccess: close })}
            onCancel={close}
          />
        </Modal>
      )}
      {dialog?.kind === 'password' && (
        <Modal title={t('staff.resetPassword')} onClose={close}>
          <ResetPasswordForm staff={dialog.staff} onDone={close} />
        </Modal>
      )}
    </div>
  );
}

export default function StaffPage() {
  return (
    <RequireRole roles={['admin']}>
      <StaffList />
    </RequireRole>
  );
}
