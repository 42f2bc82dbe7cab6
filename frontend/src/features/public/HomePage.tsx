import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Pagination } from '../../components/Pagination';
import { Loading, Spinner } from '../../components/Spinner';
import { useDebounced } from '../../components/useDebounced';
import { localName } from '../../lib/format';
import { DossierLookupForm } from './DossierLookupForm';
import { ProcedureCard } from './ProcedureCard';
import { usePublicProcedures, usePublicSectors } from './queries';

const PAGE_SIZE = 20;

function toId(value: string | null | undefined): number | null {
  if (!value) return null;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const sector = toId(params.id) ?? toId(searchParams.get('sector'));
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const urlQ = searchParams.get('q') ?? '';
  const [text, setText] = useState(urlQ);
  const q = useDebounced(text, 300);
  const resultsRef = useRef<HTMLHeadingElement>(null);

  // Keep the address in step with what is typed, so a search can be shared or reloaded.
  useEffect(() => {
    if (q === urlQ) return;
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (q.trim()) next.set('q', q);
        else next.delete('q');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }, [q, urlQ, setSearchParams]);

  const sectors = usePublicSectors();
  const results = usePublicProcedures({ q, sector, page, size: PAGE_SIZE });
  const active = q.trim().length > 0 || sector !== null;
  const sectorInfo = sectors.data?.find((s) => s.id === sector);

  const setPage = (p: number) => {
    setSearchParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('page', String(p));
      return next;
    });
    resultsRef.current?.focus();
  };

  return (
    <>
      <section className="hero">
        <div className="container">
          <h1>{t('home.title')}</h1>
          <p className="lead">{t('home.lead')}</p>
          <form
            className="search-form"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              resultsRef.current?.focus();
            }}
          >
            <label htmlFor="search" className="visually-hidden">
              {t('home.searchLabel')}
            </label>
            <input
              id="search"
              type="search"
              className="search-input"
              value={text}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('home.searchPlaceholder')}
              aria-describedby="search-hint"
              onChange={(e) => setText(e.target.value)}
            />
            <button type="submit" className="btn btn-primary search-btn">
              {t('common.search')}
            </button>
          </form>
          <p id="search-hint" className="hint hero-hint">
            {t('home.searchHint')}
          </p>
        </div>
      </section>

      <div className={`container page${active ? ' home-grid' : ''}`}>
        {active ? (
          <section className="results" aria-labelledby="results-title">
            <div className="results-head">
              <h2 id="results-title" ref={resultsRef} tabIndex={-1}>
                {sectorInfo ? localName(sectorInfo, i18n.language) : t('home.results')}
              </h2>
              {results.isFetching && <Spinner />}
            </div>
            {sector !== null && (
              <p className="filter-bar">
                <Link className="btn btn-small" to={q ? `/?q=${encodeURIComponent(q)}` : '/'}>
                  {t('home.clearSector')}
                </Link>
                <Link className="btn btn-small" to={`/in/linh-vuc/${sector}`}>
                  {t('home.printSector')}
                </Link>
              </p>
            )}
            {results.isPending ? (
              <Loading />
            ) : results.isError ? (
              <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />
            ) : (
              <>
                <p className="result-count" aria-live="polite">
                  {t('home.count', { count: results.data.total })}
                </p>
                {results.data.items.length === 0 ? (
                  <p className="empty">{t('home.noResults')}</p>
                ) : (
                  <ul className="result-list">
                    {results.data.items.map((p) => (
                      <ProcedureCard key={p.code} procedure={p} />
                    ))}
                  </ul>
                )}
                <Pagination page={page} size={PAGE_SIZE} total={results.data.total} onPage={setPage} />
              </>
            )}
          </section>
        ) : (
          <div className="home-boxes">
            <section className="how-box" aria-labelledby="how-title">
              <h2 id="how-title" ref={resultsRef} tabIndex={-1}>
                {t('home.howTitle')}
              </h2>
              <ol className="how-list">
                <li>{t('home.how1')}</li>
                <li>{t('home.how2')}</li>
                <li>{t('home.how3')}</li>
              </ol>
            </section>
            <section className="lookup-box" aria-labelledby="lookup-title">
              <h2 id="lookup-title">{t('track.lookupTitle')}</h2>
              <p className="small muted">{t('track.lookupLead')}</p>
              <DossierLookupForm onLookup={(lookup) => navigate('/tra-cuu', { state: lookup })} />
            </section>
          </div>
        )}

        <nav className="sectors" aria-labelledby="sectors-title">
          <h2 id="sectors-title">{t('home.sectors')}</h2>
          {sectors.isPending ? (
            <Loading />
          ) : sectors.isError ? (
            <ErrorNotice error={sectors.error} onRetry={() => void sectors.refetch()} />
          ) : (
            <ul className={`sector-list${active ? '' : ' sector-grid'}`}>
              {sectors.data.map((s) => (
                <li key={s.id}>
                  <Link
                    to={`/linh-vuc/${s.id}${q ? `?q=${encodeURIComponent(q)}` : ''}`}
                    aria-current={s.id === sector ? 'page' : undefined}
                  >
                    <span>{localName(s, i18n.language)}</span>
                    <span className="badge">
                      {s.procedure_count}
                      <span className="visually-hidden"> {t('home.procedures', { count: s.procedure_count })}</span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>
      </div>
    </>
  );
}
