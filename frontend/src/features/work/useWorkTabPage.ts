import { useSearchParams } from 'react-router';
import { workTabFrom, type WorkTab } from './urgency';

/** The work tab and page of a work list, kept in the address (`?tab=…&page=…`), and how to move them. */
export function useWorkTabPage() {
  const [params, setParams] = useSearchParams();
  const tab = workTabFrom(params.get('tab'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const go = (next: { tab?: WorkTab; page?: number }) =>
    setParams(
      () => {
        const p = new URLSearchParams();
        const nextTab = next.tab ?? tab;
        if (nextTab !== 'all') p.set('tab', nextTab);
        if ((next.page ?? 1) > 1) p.set('page', String(next.page));
        return p;
      },
      { replace: true },
    );
  return { tab, page, go };
}
