import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import type { ProcedureSummary } from '../../api/types';
import { feeSummary, formatProcessingTime, localName, mainProcessingTime } from '../../lib/format';

export function ProcedureCard({ procedure }: { procedure: ProcedureSummary }) {
  const { t, i18n } = useTranslation();
  const time = mainProcessingTime(procedure.processing_times);
  return (
    <li className="result-card">
      <h3 className="result-title">
        <Link to={`/p/${encodeURIComponent(procedure.code)}`}>{localName(procedure, i18n.language)}</Link>
      </h3>
      <dl className="result-meta">
        <div>
          <dt>{t('procedure.code')}</dt>
          <dd className="code">{procedure.code}</dd>
        </div>
        <div>
          <dt>{t('procedure.sector')}</dt>
          <dd>{localName(procedure.sector, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('procedure.time')}</dt>
          <dd>{time ? formatProcessingTime(time, t) : t('time.unspecified')}</dd>
        </div>
        <div>
          <dt>{t('procedure.fee')}</dt>
          <dd>{feeSummary(procedure.fees, t)}</dd>
        </div>
      </dl>
    </li>
  );
}
