import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { fieldErrors } from '../../api/errors';
import { ABSENCE_KINDS, type Absence, type AbsenceKind } from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { focusFirstInvalid } from '../../components/focus';
import { Loading, Spinner } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { formatDateTime, localInputToIso } from '../../lib/format';
import { hasRole, useSession } from '../auth/session';
import { useStaffDirectory } from '../staff/queries';
import { useAbsences, useCancelAbsence, useCreateAbsence } from './queries';
import { absenceState, validateAbsence, type AbsenceDraft, type AbsenceField } from './absences';
import { colleagueChoices } from './candidates';

function emptyDraft(): AbsenceDraft {
  return { staffId: null, kind: 'leave', from: '', to: '', delegateId: null, note: '' };
}

/** The form: anyone records their own absence and names a delegate; a leader may record anyone's. */
function AbsenceForm({ awayNow, onSaved }: { awayNow: ReadonlySet<number>; onSaved: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const isLeader = hasRole(me, 'leader');
  const directory = useStaffDirectory();
  const create = useCreateAbsence();
  const [draft, setDraft] = useState<AbsenceDraft>(emptyDraft);
  const [errors, setErrors] = useState<Partial<Record<AbsenceField, string>>>({});
  const server = fieldErrors(create.error);
  const set = <K extends keyof AbsenceDraft>(key: K, value: AbsenceDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const colleagues = directory.data ?? [];
  const absentId = draft.staffId ?? me.id;
  const absent = colleagues.find((p) => p.id === absentId);
  const away = (id: number) => (awayNow.has(id) ? ` · ${t('assign.absent')}` : '');

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const problems = validateAbsence(draft, me.id);
        setErrors(problems);
        if (Object.keys(problems).length > 0) {
          focusFirstInvalid(e.currentTarget);
          return;
        }
        const form = e.currentTarget;
        create.mutate(
          {
            staff_id: draft.staffId,
            kind: draft.kind,
            starts_at: localInputToIso(draft.from),
            ends_at: localInputToIso(draft.to),
            delegate_id: draft.delegateId,
            note: draft.note.trim() || null,
          },
          {
            onSuccess: () => {
              setDraft(emptyDraft());
              onSaved();
            },
            onError: () => focusFirstInvalid(form),
          },
        );
      }}
    >
      {isLeader && (
        <Field label={t('absences.person')} error={server.staff_id}>
          <select value={draft.staffId ?? ''} onChange={(e) => set('staffId', e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t('absences.me', { name: me.full_name })}</option>
            {colleagueChoices(colleagues, { exclude: me.id }).map((p) => (
              <option key={p.id} value={p.id}>
                {p.full_name}
                {away(p.id)}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t('absences.kind')} error={server.kind}>
        <select value={draft.kind} onChange={(e) => set('kind', e.target.value as AbsenceKind)}>
          {ABSENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`absences.kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="form-grid">
        <Field
          label={t('absences.from')}
          hint={t('absences.timeHint')}
          error={errors.from ? t(errors.from) : server.starts_at}
        >
          <input type="datetime-local" value={draft.from} onChange={(e) => set('from', e.target.value)} />
        </Field>
        <Field label={t('absences.to')} error={errors.to ? t(errors.to) : server.ends_at}>
          <input type="datetime-local" value={draft.to} min={draft.from || undefined} onChange={(e) => set('to', e.target.value)} />
        </Field>
      </div>
      <Field
        label={t('absences.delegate')}
        hint={t('absences.delegateHint')}
        error={errors.delegate ? t(errors.delegate) : server.delegate_id}
      >
        <select value={draft.delegateId ?? ''} onChange={(e) => set('delegateId', e.target.value ? Number(e.target.value) : null)}>
          <option value="">{t('absences.noDelegate')}</option>
          {colleagueChoices(colleagues, {
            exclude: absentId,
            departmentId: absent?.department_id ?? null,
            roles: absent?.roles ?? [],
          }).map((p) => (
            <option key={p.id} value={p.id}>
              {p.full_name}
              {away(p.id)}
            </option>
          ))}
        </select>
      </Field>
      <ErrorNotice error={directory.error} onRetry={() => void directory.refetch()} />
      <Field label={t('absences.note')} error={server.note}>
        <textarea rows={2} maxLength={1000} value={draft.note} onChange={(e) => set('note', e.target.value)} />
      </Field>
      <ErrorNotice error={create.error} />
      <BusyButton type="submit" busy={create.isPending} busyLabel={t('common.saving')}>
        {t('absences.submit')}
      </BusyButton>
    </form>
  );
}

function AbsenceList({ absences }: { absences: Absence[] }) {
  const { t } = useTranslation();
  const me = useSession();
  const isLeader = hasRole(me, 'leader');
  const cancel = useCancelAbsence();
  if (absences.length === 0) return <p className="empty">{t('absences.empty')}</p>;
  return (
    <>
      <ErrorNotice error={cancel.error} />
      <table className="data-table stack-table absence-table">
        <caption className="visually-hidden">{t('absences.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('absences.person')}</th>
            <th scope="col">{t('absences.period')}</th>
            <th scope="col">{t('absences.delegate')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {absences.map((a) => {
            const state = absenceState(a);
            return (
              <tr key={a.id}>
                <td data-label={t('absences.person')}>
                  <strong>{a.staff.full_name}</strong>
                  <div>
                    <span className={`tag${state === 'current' ? ' tag-off' : ''}`}>{t(`absences.states.${state}`)}</span>{' '}
                    <span className="small">{t(`absences.kinds.${a.kind}`)}</span>
                  </div>
                  {a.note && <div className="muted small">{a.note}</div>}
                </td>
                <td data-label={t('absences.period')}>
                  <span className="code nowrap">{formatDateTime(a.starts_at)}</span> –{' '}
                  <span className="code nowrap">{formatDateTime(a.ends_at)}</span>
                  {a.applied_at && (
                    <div className="muted small">{t('absences.applied', { time: formatDateTime(a.applied_at) })}</div>
                  )}
                </td>
                <td data-label={t('absences.delegate')}>{a.delegate?.full_name ?? '—'}</td>
                <td className="actions">
                  {(isLeader || a.staff.id === me.id) && (
                    <BusyButton
                      type="button"
                      className="btn btn-small"
                      busy={cancel.isPending && cancel.variables === a.id}
                      onClick={() => {
                        const text = t('absences.confirmCancel', {
                          name: a.staff.full_name,
                          from: formatDateTime(a.starts_at),
                          to: formatDateTime(a.ends_at),
                        });
                        if (window.confirm(text)) cancel.mutate(a.id);
                      }}
                    >
                      {t('absences.cancel')}
                      <span className="visually-hidden"> {a.staff.full_name}</span>
                    </BusyButton>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** `/console/vang-mat`: current and upcoming absences; staff record their own, leaders anyone's. */
export default function AbsencesPage() {
  const { t } = useTranslation();
  // Everything that has not ended by the time the page opened.
  const [since] = useState(() => new Date().toISOString());
  const absences = useAbsences(since);
  const awayNow = new Set((absences.data ?? []).filter((a) => absenceState(a) === 'current').map((a) => a.staff.id));
  const [saved, setSaved] = useState(0);
  const savedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved > 0) savedRef.current?.focus();
  }, [saved]);

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('absences.title')}</h1>
        {absences.isFetching && <Spinner />}
      </div>
      <p className="lead">{t('absences.lead')}</p>
      <div className="two-col absences-layout">
        <section className="card" aria-labelledby="absence-list">
          <h2 id="absence-list">{t('absences.title')}</h2>
          {absences.isPending ? (
            <Loading />
          ) : absences.isError ? (
            <ErrorNotice error={absences.error} onRetry={() => void absences.refetch()} />
          ) : (
            <AbsenceList absences={absences.data} />
          )}
        </section>
        <section className="card" aria-labelledby="absence-add">
          <h2 id="absence-add">{t('absences.add')}</h2>
          <div ref={savedRef} tabIndex={-1}>
            {saved > 0 && <SuccessNotice>{t('absences.saved')}</SuccessNotice>}
          </div>
          <AbsenceForm awayNow={awayNow} onSaved={() => setSaved((n) => n + 1)} />
        </section>
      </div>
    </div>
  );
}
