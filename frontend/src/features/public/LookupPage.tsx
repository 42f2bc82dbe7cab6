import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { useLocation } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { DossierLookupForm } from './DossierLookupForm';
import { DossierStatusView } from './DossierStatusView';
import { usePublicDossierLookup, type DossierLookup } from './queries';

function isLookup(value: unknown): value is DossierLookup {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.phoneLast4 === 'string';
}

/**
 * `/tra-cuu`: look a dossier up by its code and the last 4 phone digits. The home page's form hands its
 * values over in the navigation state, never in the address (they are a second factor).
 */
export function LookupPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const initial = isLookup(location.state) ? location.state : null;
  const [lookup, setLookup] = useState<DossierLookup | null>(initial);
  const query = usePublicDossierLookup(lookup);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (query.isSuccess || query.isError) resultRef.current?.focus({ preventScroll: false });
  }, [query.isSuccess, query.isError, query.dataUpdatedAt, query.errorUpdatedAt]);

  return (
    <div className="container page narrow-page">
      <h1>{t('track.lookupTitle')}</h1>
      <p className="lead">{t('track.lookupLead')}</p>
      <DossierLookupForm initial={initial} busy={query.isFetching} onLookup={setLookup} />
      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {lookup && query.isError && (
          <ErrorNotice error={query.error} options={{ byStatus: { 404: t('track.notFound') } }} />
        )}
        {lookup && query.data && <DossierStatusView dossier={query.data} headingLevel={2} />}
      </div>
    </div>
  );
}
