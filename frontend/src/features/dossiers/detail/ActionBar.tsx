import { Link } from 'react-router';
import { useTranslation } from '../../../i18n';
import type { DossierAction, FormNumber } from '../../../api/types';
import { BusyButton } from '../../../components/SubmitButton';
import { isDangerAction } from '../actions';
import type { HandOver } from './useDetailState';

/** What the caller may do now: the dossier's actions, claiming or handing over its step; then its printable forms. */
export function ActionBar({
  dossierId,
  awaiting,
  actions,
  forms,
  canClaim,
  canReassign,
  canRelease,
  claiming,
  onAction,
  onClaim,
  onHandOver,
}: {
  dossierId: number;
  /** Registered online or by post and not received yet. */
  awaiting: boolean;
  actions: DossierAction[];
  forms: FormNumber[];
  canClaim: boolean;
  canReassign: boolean;
  canRelease: boolean;
  claiming: boolean;
  onAction: (action: DossierAction) => void;
  onClaim: () => void;
  onHandOver: (kind: HandOver) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card action-bar" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('detail.actions')}</h2>
      {awaiting && <p className="notice notice-info awaiting-note">{t('detail.awaiting')}</p>}
      {actions.length === 0 && !canReassign && !canRelease && !canClaim ? (
        <p className="muted">{t('detail.noActions')}</p>
      ) : (
        <div className="button-row">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={`btn ${isDangerAction(a) ? 'btn-danger' : 'btn-primary'}`}
              onClick={() => onAction(a)}
            >
              {t(`actions.${a}`)}
            </button>
          ))}
          {canClaim && (
            <BusyButton
              type="button"
              className="btn btn-primary"
              busy={claiming}
              busyLabel={t('pool.claiming')}
              onClick={onClaim}
            >
              {t('pool.claim')}
            </BusyButton>
          )}
          {canReassign && (
            <button type="button" className="btn" onClick={() => onHandOver('assign')}>
              {t('board.reassign')}
            </button>
          )}
          {canRelease && (
            <button type="button" className="btn" onClick={() => onHandOver('release')}>
              {t('release.button')}
            </button>
          )}
        </div>
      )}
      <h3>{t('detail.forms')}</h3>
      <ul className="form-links">
        {forms.map((f) => (
          <li key={f}>
            <Link to={`/console/ho-so/${dossierId}/in/${f}`}>
              <span className="code">{t('print.number', { form: f })}</span> — {t(`forms.${f}`)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
