import { useTranslation } from '../../i18n';
import type { Punctuality, Remaining } from '../../api/types';
import { localText } from '../../lib/format';
import { remainingTone, type PauseReason } from './lifecycle';

/**
 * "còn 2 ngày 3 giờ" / "trễ 1 ngày", red when overdue and amber when due within 24 hours; while the clock is
 * paused, what it waits for instead ("Tạm dừng (chờ bổ sung)").
 */
export function RemainingText({
  remaining,
  paused = null,
  punctuality = null,
}: {
  remaining: Remaining | null;
  paused?: PauseReason | null;
  punctuality?: Punctuality | null;
}) {
  const { t, i18n } = useTranslation();
  if (paused)
    return (
      <span className="remaining remaining-paused">
        <span aria-hidden="true">⏸ </span>
        {t(`dossier.pausedFor.${paused}`)}
      </span>
    );
  if (remaining) {
    const tone = remainingTone(remaining);
    return (
      <span className={`remaining${tone ? ` remaining-${tone}` : ''}`}>
        {tone === 'overdue' && <span aria-hidden="true">⚠ </span>}
        {localText(remaining, i18n.language)}
      </span>
    );
  }
  if (punctuality) return <span className={`tag punctuality-${punctuality}`}>{t(`punctuality.${punctuality}`)}</span>;
  return <span className="muted">—</span>;
}
