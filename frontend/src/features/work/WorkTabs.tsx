import { useTranslation } from '../../i18n';
import type { WorkCounts } from '../../api/types';
import { WORK_TABS, type WorkTab } from './urgency';
import './work.css';

/** All / Due soon / Overdue, each with its count (once known), as toggle buttons. */
export function WorkTabs({ tab, counts, onTab }: { tab: WorkTab; counts: WorkCounts | undefined; onTab: (tab: WorkTab) => void }) {
  const { t } = useTranslation();
  const countOf = (k: WorkTab) => (counts ? (k === 'all' ? counts.open : counts[k]) : null);
  return (
    <div className="work-tabs" role="group" aria-label={t('work.tabs')}>
      {WORK_TABS.map((k) => {
        const n = countOf(k);
        return (
          <button key={k} type="button" className={`work-tab work-tab-${k}`} aria-pressed={tab === k} onClick={() => onTab(k)}>
            {t(`work.tab.${k}`)}
            {n !== null && <span className={`count-pill${k !== 'all' && n > 0 ? ` count-${k}` : ''}`}>{n}</span>}
          </button>
        );
      })}
    </div>
  );
}
