import { useTranslation } from '../../i18n';
import type { Remaining } from '../../api/types';
import { localText } from '../../lib/format';
import { workTone } from './urgency';

/** The time left on a step: red when late, amber when due soon, grey and italic while paused. */
export function StepRemaining({ remaining, paused }: { remaining: Remaining | null; paused: boolean }) {
  const { t, i18n } = useTranslation();
  const tone = workTone({ remaining, is_paused: paused });
  if (tone === 'paused') return <span className="remaining remaining-paused">⏸ {t('work.paused')}</span>;
  if (!remaining) return <span className="muted">—</span>;
  return (
    <span className={`remaining${tone ? ` remaining-${tone}` : ''}`}>
      {tone === 'overdue' && <span aria-hidden="true">⚠ </span>}
      {localText(remaining, i18n.language)}
    </span>
  );
}
