import { useState } from 'react';
import { useTranslation } from '../../i18n';
import type { CalendarSettings, WorkingInterval } from '../../api/types';
import { ErrorNotice, SuccessNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { useIsAdmin } from '../auth/session';
import { intervalProblems, type Interval } from './intervals';
import { useCalendarSettings, useSaveWorkingHours } from './queries';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

function byWeekday(list: WorkingInterval[]): Interval[][] {
  const out: Interval[][] = WEEKDAYS.map(() => []);
  for (const w of list) out[w.weekday]?.push({ start: w.start.slice(0, 5), end: w.end.slice(0, 5) });
  for (const day of out) day.sort((a, b) => a.start.localeCompare(b.start));
  return out;
}

function Editor({ settings }: { settings: CalendarSettings }) {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const save = useSaveWorkingHours();
  const [days, setDays] = useState(() => byWeekday(settings.working_hours));
  const [cutoff, setCutoff] = useState(settings.same_day_cutoff.slice(0, 5));
  const [dirty, setDirty] = useState(false);
  const problems = days.map(intervalProblems);
  const invalid = problems.some(Boolean) || !cutoff;

  const update = (weekday: number, fn: (d: Interval[]) => Interval[]) => {
    setDays((prev) => prev.map((d, i) => (i === weekday ? fn(d) : d)));
    setDirty(true);
    save.reset();
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (invalid) return;
        save.mutate(
          {
            working_hours: days.flatMap((d, weekday) => d.map((iv) => ({ weekday, start: iv.start, end: iv.end }))),
            same_day_cutoff: cutoff,
            hours_per_working_day: settings.hours_per_working_day,
          },
          { onSuccess: () => setDirty(false) },
        );
      }}
    >
      <table className="data-table stack-table hours-table">
        <caption className="visually-hidden">{t('calendar.workingHours')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calendar.weekday')}</th>
            <th scope="col">{t('calendar.intervals')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((intervals, weekday) => (
            <tr key={weekday}>
              <th scope="row">{t(`weekdays.${weekday}`)}</th>
              <td>
                {intervals.length === 0 && <span className="tag tag-off">{t('calendar.closed')}</span>}
                <ul className="interval-list">
                  {intervals.map((iv, i) =>
                    isAdmin ? (
                      <li key={i} className="interval-edit">
                        <label>
                          <span className="visually-hidden">
                            {t(`weekdays.${weekday}`)} {t('calendar.from')} #{i + 1}
                          </span>
                          <input
                            type="time"
                            value={iv.start}
                            onChange={(e) =>
                              update(weekday, (d) => d.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))
                            }
                          />
                        </label>
                        <span aria-hidden="true">–</span>
                        <label>
                          <span className="visually-hidden">
                            {t(`weekdays.${weekday}`)} {t('calendar.to')} #{i + 1}
                          </span>
                          <input
                            type="time"
                            value={iv.end}
                            onChange={(e) =>
                              update(weekday, (d) => d.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))
                            }
                          />
                        </label>
                        <button
                          type="button"
                          className="btn btn-small btn-ghost"
                          onClick={() => update(weekday, (d) => d.filter((_, j) => j !== i))}
                        >
                          {t('common.delete')}
                          <span className="visually-hidden">
                            {' '}
                            {t(`weekdays.${weekday}`)} {iv.start}–{iv.end}
                          </span>
                        </button>
                      </li>
                    ) : (
                      <li key={i}>
                        {iv.start}–{iv.end}
                      </li>
                    ),
                  )}
                </ul>
                {isAdmin && (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() =>
                      update(weekday, (d) => [
                        ...d,
                        d.length === 0 ? { start: '07:00', end: '11:30' } : { start: '13:30', end: '17:00' },
                      ])
                    }
                  >
                    + {t('calendar.addInterval')}
                    <span className="visually-hidden"> {t(`weekdays.${weekday}`)}</span>
                  </button>
                )}
                {problems[weekday] && (
                  <p className="field-error" role="alert">
                    {t(problems[weekday])}
                  </p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="form-grid">
        {isAdmin ? (
          <div className="field">
            <label htmlFor="cutoff">{t('calendar.cutoff')}</label>
            <input
              id="cutoff"
              type="time"
              value={cutoff}
              aria-describedby="cutoff-hint"
              onChange={(e) => {
                setCutoff(e.target.value);
                setDirty(true);
              }}
            />
            <small id="cutoff-hint" className="hint">
              {t('calendar.cutoffHint')}
            </small>
          </div>
        ) : (
          <p>
            {t('calendar.cutoff')}: <strong>{cutoff}</strong> — {t('calendar.cutoffHint')}
          </p>
        )}
        <p>
          {t('calendar.hoursPerDay')}: <strong>{settings.hours_per_working_day}</strong>
        </p>
      </div>
      {isAdmin && (
        <div className="form-actions">
          <BusyButton type="submit" busy={save.isPending} busyLabel={t('common.saving')} disabled={!dirty || invalid}>
            {t('calendar.saveHours')}
          </BusyButton>
        </div>
      )}
      <ErrorNotice error={save.error} />
      {save.isSuccess && <SuccessNotice>{t('common.saved')}</SuccessNotice>}
    </form>
  );
}

export function WorkingHoursEditor() {
  const settings = useCalendarSettings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />;
  // Re-mount the editor when the server copy changes, so the form starts from it.
  return <Editor key={JSON.stringify(settings.data)} settings={settings.data} />;
}
