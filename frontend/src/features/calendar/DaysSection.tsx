import { useState } from 'react';
import { useTranslation } from '../../i18n';
import type { CalendarDay } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Loading, Spinner } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { fieldErrors } from '../../api/errors';
import { currentYear, formatDate, weekdayOf } from '../../lib/format';
import { useIsAdmin } from '../auth/session';
import { useAddCalendarDay, useCalendarDays, useDeleteCalendarDay, useUpdateCalendarDay } from './queries';
import { focusFirstInvalid } from '../../components/focus';

type Kind = CalendarDay['kind'];

function AddDayForm({ onAdded }: { onAdded: (year: number) => void }) {
  const { t } = useTranslation();
  const add = useAddCalendarDay();
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<Kind>('day_off');
  const [name, setName] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = fieldErrors(add.error);
  return (
    <form
      className="card add-day"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const errs: Record<string, string> = {};
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errs.date = t('common.required');
        if (!name.trim()) errs.name = t('common.required');
        setLocal(errs);
        if (Object.keys(errs).length) {
          focusFirstInvalid(e.currentTarget);
          return;
        }
        add.mutate(
          { date, kind, name: name.trim() },
          {
            onSuccess: () => {
              onAdded(Number(date.slice(0, 4)));
              setDate('');
              setName('');
            },
          },
        );
      }}
    >
      <h3>{t('calendar.addDay')}</h3>
      <ErrorNotice error={add.error} options={{ byStatus: { 409: t('calendar.dayExists') } }} />
      <div className="form-grid">
        <Field label={t('calendar.date')} error={local.date ?? server.date}>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <Field label={t('calendar.kind')} error={server.kind}>
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <option value="day_off">{t('calendar.kinds.day_off')}</option>
            <option value="working_day">{t('calendar.kinds.working_day')}</option>
          </select>
        </Field>
        <Field label={t('calendar.name')} error={local.name ?? server.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </Field>
      </div>
      <BusyButton type="submit" busy={add.isPending} busyLabel={t('common.saving')}>
        {t('calendar.addDayButton')}
      </BusyButton>
    </form>
  );
}

function DayRow({ day, isAdmin }: { day: CalendarDay; isAdmin: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateCalendarDay();
  const remove = useDeleteCalendarDay();
  const [editing, setEditing] = useState(false);
  const [kind, setKind] = useState<Kind>(day.kind);
  const [name, setName] = useState(day.name);
  const date = formatDate(day.date);

  return (
    <tr>
      <td data-label={t('calendar.date')}>
        <span className="nowrap">{date}</span>
        <div className="muted small">{t(`weekdays.${weekdayOf(day.date)}`)}</div>
      </td>
      <td data-label={t('calendar.kind')}>
        {editing ? (
          <select
            aria-label={`${t('calendar.kind')} ${date}`}
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
          >
            <option value="day_off">{t('calendar.kinds.day_off')}</option>
            <option value="working_day">{t('calendar.kinds.working_day')}</option>
          </select>
        ) : (
          <span className={`tag ${day.kind === 'day_off' ? 'tag-off' : 'tag-ok'}`}>{t(`calendar.kinds.${day.kind}`)}</span>
        )}
      </td>
      <td data-label={t('calendar.name')}>
        {editing ? (
          <input aria-label={`${t('calendar.name')} ${date}`} value={name} onChange={(e) => setName(e.target.value)} />
        ) : (
          day.name
        )}
        <ErrorNotice error={update.error ?? remove.error} />
      </td>
      <td data-label={t('calendar.source')}>{t(`calendar.sources.${day.source}`, { defaultValue: day.source })}</td>
      {isAdmin && (
        <td className="actions">
          {editing ? (
            <>
              <BusyButton
                type="button"
                className="btn btn-small btn-primary"
                busy={update.isPending}
                disabled={!name.trim()}
                onClick={() =>
                  update.mutate({ id: day.id, body: { kind, name: name.trim() } }, { onSuccess: () => setEditing(false) })
                }
              >
                {t('common.save')}
              </BusyButton>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setEditing(false);
                  setKind(day.kind);
                  setName(day.name);
                  update.reset();
                }}
              >
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
                {t('common.edit')}
                <span className="visually-hidden"> {date}</span>
              </button>
              <BusyButton
                type="button"
                className="btn btn-small btn-danger"
                busy={remove.isPending}
                onClick={() => {
                  if (window.confirm(t('calendar.confirmDelete', { date, name: day.name }))) remove.mutate(day.id);
                }}
              >
                {t('common.delete')}
                <span className="visually-hidden"> {date}</span>
              </BusyButton>
            </>
          )}
        </td>
      )}
    </tr>
  );
}

export function DaysSection() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const [year, setYear] = useState(() => currentYear());
  const days = useCalendarDays(year);
  const sorted = [...(days.data ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  const months = Array.from(new Set(sorted.map((d) => Number(d.date.slice(5, 7)))));

  return (
    <>
      {isAdmin && <AddDayForm onAdded={setYear} />}
      <div className="year-nav" role="group" aria-label={t('calendar.year')}>
        <button type="button" className="btn" onClick={() => setYear(year - 1)}>
          ← <span className="visually-hidden">{t('calendar.year')}</span> {year - 1}
        </button>
        <h3 aria-live="polite">
          {t('calendar.year')} {year}
        </h3>
        <button type="button" className="btn" onClick={() => setYear(year + 1)}>
          <span className="visually-hidden">{t('calendar.year')}</span> {year + 1} →
        </button>
        {days.isFetching && <Spinner />}
      </div>
      {days.isPending ? (
        <Loading />
      ) : days.isError ? (
        <ErrorNotice error={days.error} onRetry={() => void days.refetch()} />
      ) : sorted.length === 0 ? (
        <p className="empty">{t('calendar.noDays')}</p>
      ) : (
        <table className="data-table stack-table days-table">
          <caption className="visually-hidden">
            {t('calendar.days')} {year}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('calendar.date')}</th>
              <th scope="col">{t('calendar.kind')}</th>
              <th scope="col">{t('calendar.name')}</th>
              <th scope="col">{t('calendar.source')}</th>
              {isAdmin && (
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          {months.map((m) => (
            <tbody key={m}>
              <tr className="group-row">
                <th scope="colgroup" colSpan={isAdmin ? 5 : 4}>
                  {t('calendar.month', { month: m })}
                </th>
              </tr>
              {sorted
                .filter((d) => Number(d.date.slice(5, 7)) === m)
                .map((d) => (
                  <DayRow key={`${d.id}-${d.kind}-${d.name}`} day={d} isAdmin={isAdmin} />
                ))}
            </tbody>
          ))}
        </table>
      )}
    </>
  );
}
