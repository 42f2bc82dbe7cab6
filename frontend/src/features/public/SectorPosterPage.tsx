import { useEffect } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { qrSvgUrl } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { NotFoundPage } from '../../components/NotFound';
import { SkipLink } from '../../components/SkipLink';
import { Loading } from '../../components/Spinner';
import { feeSummary, formatProcessingTime, localName, mainProcessingTime } from '../../lib/format';
import { useAllSectorProcedures, usePublicSectors } from './queries';
import './poster.css';

/** A4 poster with one QR card per published procedure of a sector, to pin up at the counter. */
export default function SectorPosterPage() {
  const { id } = useParams();
  const sectorId = Number(id);
  const { t, i18n } = useTranslation();
  const sectors = usePublicSectors();
  const procedures = useAllSectorProcedures(sectorId);
  const sector = sectors.data?.find((s) => s.id === sectorId);
  const sectorName = sector ? localName(sector, i18n.language) : '';

  useEffect(() => {
    if (sectorName) document.title = `${t('poster.title')}: ${sectorName}`;
  }, [sectorName, t]);

  if (!Number.isInteger(sectorId) || sectorId <= 0) return <NotFoundPage />;

  return (
    <div className="poster-page">
      <SkipLink />
      <div className="poster-toolbar no-print">
        <Link to={`/linh-vuc/${sectorId}`}>← {t('common.back')}</Link>
        <div className="toolbar-actions">
          <LanguageSwitch />
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => window.print()}
            disabled={!procedures.data}
          >
            {t('poster.print')}
          </button>
        </div>
      </div>
      <main id="main" tabIndex={-1} className="poster-sheet">
        <header className="poster-head">
          <p className="poster-center">{t('common.appName')}</p>
          <h1>
            {t('poster.sector')}: {sectorName || '…'}
          </h1>
          <p className="poster-lead">{t('poster.lead')}</p>
        </header>
        {procedures.isPending || sectors.isPending ? (
          <Loading />
        ) : procedures.isError ? (
          <ErrorNotice error={procedures.error} onRetry={() => void procedures.refetch()} />
        ) : sectors.isSuccess && !sector ? (
          <NotFoundPage />
        ) : procedures.data.length === 0 ? (
          <p>{t('poster.empty')}</p>
        ) : (
          <ul className="poster-grid">
            {procedures.data.map((p) => {
              const time = mainProcessingTime(p.processing_times);
              return (
                <li key={p.code} className="poster-card">
                  <img
                    src={qrSvgUrl(p.code)}
                    width={112}
                    height={112}
                    alt={t('procedure.qrAlt', { code: p.code })}
                    loading="eager"
                  />
                  <div className="poster-card-text">
                    <h2>{localName(p, i18n.language)}</h2>
                    <p className="code">{p.code}</p>
                    <p>
                      <span className="muted">{t('procedure.time')}: </span>
                      {time ? formatProcessingTime(time, t) : t('time.unspecified')}
                    </p>
                    <p>
                      <span className="muted">{t('procedure.fee')}: </span>
                      {feeSummary(p.fees, t)}
                    </p>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </main>
    </div>
  );
}
