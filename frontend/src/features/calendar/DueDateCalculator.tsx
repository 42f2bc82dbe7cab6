import { useState } from 'react';
import { useTranslation } from '../../i18n';
import type { DueDateQuery } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { BusyButton } from '../../components/SubmitButton';
import { formatDateTime, localInputToIso, nowLocalInput } from '../../lib/format';
import { useDueDate } from './queries';

type Mode = 'working_days' | 'working_hours' | 'calendar_days' | 'same_day';
const MODES: Mode[] = ['working_days', 'working_hours', 'calendar_days', 'same_day'];

export function DueDateCalculator() {
  const { t, i18n } = useTranslation();
  const due = useDueDate();
  const [start, setStart] = useState(() => nowLocalInput());
  const [mode, setMode] = useState<Mode>('working_days');
  const [amount, setAmount] = useState('5');
  const amountValue = Number(amount);
  const amountOk = mode === 'same_day' || (amount !== '' && Number.isFinite(amountValue) && amountValue >= 0);

  return (
    <form
      className="card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!start || !amountOk) return;
        const query: DueDateQuery = { start: localInputToIso(start) };
        if (mode === 'same_day') query.same_day = true;
        else query[mode] = amountValue;
        due.mutate(query);
      }}
    >
      <div className="form-grid">
        <Field label={t('calendar.start')} hint={t('calendar.startHint')}>
          <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </Field>
        <Field label={t('calendar.mode')}>
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`calendar.modes.${m}`)}
              </option>
            ))}
          </select>
        </Field>
        {mode !== 'same_day' && (
          <Field label={t('calendar.amount')} error={amountOk ? undefined : t('common.required')}>
            <input
              type="number"
              inputMode="decimal"
              min={0}
              step={mode === 'working_days' ? 0.5 : 1}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </Field>
        )}
      </div>
      <BusyButton type="submit" busy={due.isPending} busyLabel={t('calendar.computing')}>
        {t('calendar.compute')}
      </BusyButton>
      <ErrorNotice error={due.error} />
      {due.data && (
        <div className="due-result" aria-live="polite">
          <p>
            {t('calendar.dueAt')}: <strong className="big">{formatDateTime(due.data.due_at)}</strong>
          </p>
          {due.data.explanation.length > 0 && (
            <>
              <h4>{t('calendar.explanation')}</h4>
              <ol className="explanation">
                {due.data.explanation.map((x, i) => (
                  <li key={i}>{i18n.language.startsWith('en') && x.text_en ? x.text_en : x.text}</li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </form>
  );
}
