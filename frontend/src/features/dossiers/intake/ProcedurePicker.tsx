import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../../i18n';
import type { ProcedureSummary } from '../../../api/types';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Spinner } from '../../../components/Spinner';
import { useDebounced } from '../../../components/useDebounced';
import { formatProcessingTime, localName, mainProcessingTime } from '../../../lib/format';
import { usePublicProcedures } from '../../public/queries';

const SIZE = 8;

/**
 * Search the published procedures as you type; Enter picks the first result (once the results for what
 * was typed have arrived, so a fast typist never gets the previous word's first hit).
 */
export function ProcedurePicker({ onPick }: { onPick: (procedure: ProcedureSummary) => void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text, 250);
  // Enter was pressed before the results for the typed text arrived: pick the first one when they do.
  const pending = useRef(false);
  const results = usePublicProcedures({ q, sector: null, page: 1, size: SIZE });
  const current = q.trim() === text.trim() && !results.isPlaceholderData && results.isSuccess;
  const first = current ? results.data?.items[0] : undefined;

  useEffect(() => {
    if (pending.current && first) {
      pending.current = false;
      onPick(first);
    }
  }, [first, onPick]);

  return (
    <form
      className="picker"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (first) onPick(first);
        else if (text.trim()) pending.current = true;
      }}
    >
      <label htmlFor="procedure-search" className="label-strong">
        {t('intake.searchLabel')}
      </label>
      <div className="picker-row">
        <input
          id="procedure-search"
          type="search"
          className="search-input"
          value={text}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          aria-describedby="procedure-search-hint"
          aria-controls="procedure-results"
          onChange={(e) => {
            setText(e.target.value);
            pending.current = false;
          }}
        />
        {results.isFetching && <Spinner />}
      </div>
      <small id="procedure-search-hint" className="hint">
        {t('intake.searchHint')}
      </small>
      <ErrorNotice error={results.error} />
      <div id="procedure-results" aria-live="polite">
        {q.trim() && results.data && (
          <>
            <p className="result-count small">{t('home.count', { count: results.data.total })}</p>
            <ul className="picker-list">
              {results.data.items.map((p, i) => {
                const time = mainProcessingTime(p.processing_times);
                return (
                  <li key={p.code}>
                    <button
                      type="button"
                      className={`picker-item${i === 0 && current ? ' picker-first' : ''}`}
                      onClick={() => onPick(p)}
                    >
                      <span className="picker-name">{localName(p, i18n.language)}</span>
                      <span className="picker-meta">
                        <span className="code">{p.code}</span> · {localName(p.sector, i18n.language)} ·{' '}
                        {time ? formatProcessingTime(time, t) : t('time.unspecified')}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </div>
    </form>
  );
}
