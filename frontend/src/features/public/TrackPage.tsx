import { useEffect } from 'react';
import { useTranslation } from '../../i18n';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Spinner';
import { localLabel } from '../../lib/format';
import { DossierStatusView } from './DossierStatusView';
import { usePublicDossier } from './queries';

const TOKEN = /^[A-Za-z0-9_-]{20,64}$/;

/** `/d/:token`, what the receipt's QR code opens (its query string is for other readers and is ignored). */
export function TrackPage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation();
  const valid = TOKEN.test(token);
  const query = usePublicDossier(valid ? token : '');
  const status = query.data ? localLabel(query.data.status, i18n.language) : '';

  useEffect(() => {
    if (status) document.title = `${status} — ${t('track.title')}`;
  }, [status, t]);

  return (
    <div className="container page narrow-page">
      {!valid ? (
        <div className="notice notice-error" role="alert">
          {t('track.tokenNotFound')}
        </div>
      ) : query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorNotice
          error={query.error}
          options={{ byStatus: { 404: t('track.tokenNotFound') } }}
          onRetry={query.error instanceof ApiError && query.error.status < 500 ? undefined : () => void query.refetch()}
        />
      ) : (
        <DossierStatusView dossier={query.data} />
      )}
      <p className="no-print">
        <Link to="/tra-cuu">{t('track.lookupOther')}</Link>
      </p>
    </div>
  );
}
