import { useEffect } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { qrSvgUrl } from '../../api/client';
import { ApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { NotFoundPage } from '../../components/NotFound';
import { Loading } from '../../components/Spinner';
import { localName } from '../../lib/format';
import { DocumentsTable, Fees, ProcessingTimes, TextList } from './ProcedureDetails';
import { usePublicProcedure } from './queries';

export function ProcedurePage() {
  const { code = '' } = useParams();
  const { t, i18n } = useTranslation();
  const query = usePublicProcedure(code);
  const procedure = query.data;
  const name = procedure ? localName(procedure, i18n.language) : '';

  useEffect(() => {
    if (name) document.title = `${name} — ${t('common.appName')}`;
  }, [name, t]);

  if (query.isPending) return <Loading />;
  if (query.error instanceof ApiError && query.error.status === 404) return <NotFoundPage />;
  if (query.isError || !procedure) {
    return (
      <div className="container page">
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }

  return (
    <article className="container page procedure">
      <nav className="breadcrumb no-print" aria-label={t('common.breadcrumb')}>
        <Link to="/">{t('public.home')}</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/linh-vuc/${procedure.sector.id}`}>{localName(procedure.sector, i18n.language)}</Link>
      </nav>

      <header className="procedure-head">
        <div className="procedure-title">
          <h1>{name}</h1>
          {i18n.language.startsWith('en') && procedure.name_en && (
            <p className="muted" lang="vi">
              {procedure.name_vi}
            </p>
          )}
          <dl className="meta-grid">
            <div>
              <dt>{t('procedure.code')}</dt>
              <dd className="code">{procedure.code}</dd>
            </div>
            <div>
              <dt>{t('procedure.sector')}</dt>
              <dd>{localName(procedure.sector, i18n.language)}</dd>
            </div>
            {procedure.level && (
              <div>
                <dt>{t('procedure.level')}</dt>
                <dd>{procedure.level}</dd>
              </div>
            )}
            {procedure.agency && (
              <div>
                <dt>{t('procedure.agency')}</dt>
                <dd>{procedure.agency}</dd>
              </div>
            )}
          </dl>
        </div>
        <figure className="qr-box">
          <img
            src={qrSvgUrl(procedure.code)}
            width={144}
            height={144}
            alt={t('procedure.qrAlt', { code: procedure.code })}
          />
          <figcaption>{t('procedure.qrCaption')}</figcaption>
          <button type="button" className="btn btn-primary no-print" onClick={() => window.print()}>
            {t('common.print')}
          </button>
        </figure>
      </header>

      <div className="summary-grid">
        <section aria-labelledby="time-title" className="panel">
          <h2 id="time-title">{t('procedure.time')}</h2>
          <ProcessingTimes procedure={procedure} />
        </section>
        <section aria-labelledby="fee-title" className="panel">
          <h2 id="fee-title">{t('procedure.fees')}</h2>
          <Fees procedure={procedure} />
        </section>
      </div>

      <section aria-labelledby="docs-title">
        <h2 id="docs-title">{t('procedure.documents')}</h2>
        <DocumentsTable documents={procedure.documents} />
      </section>

      {procedure.steps.length > 0 && (
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">{t('procedure.steps')}</h2>
          <TextList items={procedure.steps} className="steps" />
        </section>
      )}

      {procedure.conditions.length > 0 && (
        <section aria-labelledby="cond-title">
          <h2 id="cond-title">{t('procedure.conditions')}</h2>
          <TextList items={procedure.conditions} />
        </section>
      )}

      {procedure.results.length > 0 && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t('procedure.results')}</h2>
          <ul>
            {procedure.results.map((r, i) => (
              <li key={i}>
                {r.name}
                {r.code && <span className="muted code"> ({r.code})</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="summary-grid">
        {procedure.channels.length > 0 && (
          <section aria-labelledby="channels-title">
            <h2 id="channels-title">{t('procedure.channels')}</h2>
            <ul className="tag-list">
              {procedure.channels.map((c) => (
                <li key={c} className="tag">
                  {t(`channels.${c}`, { defaultValue: c })}
                </li>
              ))}
            </ul>
          </section>
        )}
        {procedure.target_users.length > 0 && (
          <section aria-labelledby="users-title">
            <h2 id="users-title">{t('procedure.targetUsers')}</h2>
            <ul>
              {procedure.target_users.map((u, i) => (
                <li key={i}>{u}</li>
              ))}
            </ul>
          </section>
        )}
      </div>

      {procedure.legal_basis.length > 0 && (
        <section aria-labelledby="legal-title">
          <h2 id="legal-title">{t('procedure.legalBasis')}</h2>
          <ul className="legal-list">
            {procedure.legal_basis.map((l, i) => (
              <li key={i}>
                <span className="code">{l.code}</span>
                {l.title && <span> — {l.title}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <p className="muted small print-only">
        {t('procedure.printedFrom')}: {procedure.public_url}
      </p>
    </article>
  );
}
