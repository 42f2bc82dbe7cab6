import { useTranslation } from '../../../i18n';
import type { DossierRead, StepRead } from '../../../api/types';
import { Spinner } from '../../../components/Spinner';
import { formatDateTime } from '../../../lib/format';
import { StepRemaining } from '../../work/StepRemaining';
import { pauseReason, remainingTone } from '../lifecycle';
import { RemainingText } from '../RemainingText';

/** The dossier's appointment and time left, red or amber as it nears; its current step, holder and step due. */
export function DueStrip({ dossier: d, step, fetching }: { dossier: DossierRead; step: StepRead | null; fetching: boolean }) {
  const { t } = useTranslation();
  const tone = remainingTone(d.remaining);
  // Registered online or by post, not received yet (status 1): no appointment so far.
  const awaiting = d.status.code === 1;
  return (
    <div className={`due-strip${tone ? ` due-strip-${tone}` : ''}`}>
      <div>
        <span className="muted small">{t('dossier.dueAt')}</span>
        <strong className="code">
          {d.due_at ? formatDateTime(d.due_at) : awaiting ? t('dossier.awaitingDue') : t('intake.noTime')}
        </strong>
      </div>
      <div>
        <span className="muted small">
          {d.remaining || d.is_paused || !d.punctuality ? t('dossier.remaining') : t('dossier.punctuality')}
        </span>
        <RemainingText remaining={d.remaining} paused={pauseReason(d)} punctuality={d.punctuality} />
      </div>
      {d.current_step && (
        <div>
          <span className="muted small">{t('dossier.currentStep')}</span>
          <strong>{d.current_step}</strong>
        </div>
      )}
      {d.current_step && (
        <div>
          <span className="muted small">{t('dossier.assignee')}</span>
          <strong className="dossier-assignee">{d.assignee?.full_name ?? t('dossier.noAssignee')}</strong>
        </div>
      )}
      {d.step_due_at && (
        <div>
          <span className="muted small">{t('dossier.stepDueAt')}</span>
          <strong className="code">{formatDateTime(d.step_due_at)}</strong>
          {step && <StepRemaining remaining={step.remaining} paused={step.is_paused} />}
        </div>
      )}
      {fetching && <Spinner />}
    </div>
  );
}
