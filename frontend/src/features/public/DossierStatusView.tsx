import { useTranslation } from '../../i18n';
import type { PublicDossier } from '../../api/types';
import { formatDayTime, localLabel } from '../../lib/format';

/**
 * What a citizen sees of a dossier: the status in big plain words, the procedure, the masked name, the
 * dates and a vertical timeline. The API never sends the ID number, phone, address or documents.
 */
export function DossierStatusView({ dossier, headingLevel = 1 }: { dossier: PublicDossier; headingLevel?: 1 | 2 }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const steps = [...dossier.timeline].sort((a, b) => a.at.localeCompare(b.at));
  // Submitted online or by post and not received yet: no reception, no appointment so far.
  const awaiting = dossier.status.code === 1;
  return (
    <article className="track" aria-labelledby="track-title">
      <Heading id="track-title" className="track-title">
        {t('track.title')}
      </Heading>
      <div className={`track-status status-${dossier.status.code}`}>
        <span className="track-status-label">{t('track.status')}</span>
        <strong className="track-status-text">{localLabel(dossier.status, lang)}</strong>
      </div>
      <dl className="track-facts">
        <div>
          <dt>{t('track.code')}</dt>
          <dd className="code">{dossier.code}</dd>
        </div>
        <div className="track-wide">
          <dt>{t('track.procedure')}</dt>
          <dd>{dossier.procedure_name}</dd>
        </div>
        <div>
          <dt>{t('track.applicant')}</dt>
          <dd>{dossier.applicant}</dd>
        </div>
        <div>
          <dt>{awaiting ? t('track.submittedAt') : t('track.receivedAt')}</dt>
          <dd className="code">{formatDayTime(dossier.received_at)}</dd>
        </div>
        <div>
          <dt>{t('track.dueAt')}</dt>
          <dd className="code">
            {dossier.due_at ? formatDayTime(dossier.due_at) : awaiting ? t('track.awaitingDue') : t('track.noDue')}
          </dd>
        </div>
        {dossier.current_step && (
          <div>
            <dt>{t('track.currentStep')}</dt>
            <dd>{dossier.current_step}</dd>
          </div>
        )}
        {dossier.finished_at && (
          <div>
            <dt>{t('track.finishedAt')}</dt>
            <dd className="code">{formatDayTime(dossier.finished_at)}</dd>
          </div>
        )}
        {dossier.returned_at && (
          <div>
            <dt>{t('track.returnedAt')}</dt>
            <dd className="code">{formatDayTime(dossier.returned_at)}</dd>
          </div>
        )}
      </dl>
      {steps.length > 0 && (
        <section aria-labelledby="track-timeline">
          <h2 id="track-timeline">{t('track.timeline')}</h2>
          <ol className="timeline">
            {steps.map((s, i) => (
              <li key={i} className={i === steps.length - 1 ? 'timeline-current' : undefined}>
                <span className="timeline-dot" aria-hidden="true" />
                <strong>{localLabel(s.status, lang)}</strong>
                <span className="muted code">{formatDayTime(s.at)}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <p className="muted small">{t('track.privacy')}</p>
    </article>
  );
}
