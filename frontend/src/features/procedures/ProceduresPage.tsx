import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Pagination } from '../../components/Pagination';
import { Loading, Spinner } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import { useDebounced } from '../../components/useDebounced';
import { formatDateTime, formatProcessingTime, localName, mainProcessingTime } from '../../lib/format';
import { useIsAdmin } from '../auth/session';
import { useSectors } from '../units/queries';
import { usePublishProcedure, useProcedureList } from './queries';

const PAGE_SIZE = 20;

export default function ProceduresPage() {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const [sector, setSector] = useState<number | null>(null);
  const [published, setPublished] = useState<boolean | null>(null);
  const [page, setPage] = useState(1);
  const list = useProcedureList({ q, sector, published, page });
  const sectors = useSectors();
  const publish = usePublishProcedure();

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('procedures.title')}</h1>
        {isAdmin && (
          <Link to="/console/procedures/new" className="btn btn-primary">
            + {t('procedures.add')}
          </Link>
        )}
      </div>
      <div className="toolbar">
        <Field label={t('procedures.search')} className="grow">
          <input
            type="search"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
          />
        </Field>
        <Field label={t('procedure.sector')}>
          <select
            value={sector ?? ''}
            onChange={(e) => {
              setSector(e.target.value ? Number(e.target.value) : null);
              setPage(1);
            }}
          >
            <option value="">{t('common.all')}</option>
            {sectors.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {localName(s, i18n.language)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('procedures.status')}>
          <select
            value={published === null ? '' : String(published)}
            onChange={(e) => {
              setPublished(e.target.value === '' ? null : e.target.value === 'true');
              setPage(1);
            }}
          >
            <option value="">{t('common.all')}</option>
            <option value="true">{t('procedures.published')}</option>
            <option value="false">{t('procedures.unpublished')}</option>
          </select>
        </Field>
        {list.isFetching && <Spinner />}
      </div>
      <ErrorNotice error={publish.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="empty">{t('common.noResults')}</p>
      ) : (
        <>
          <p className="result-count">{t('home.count', { count: list.data.total })}</p>
          <table className="data-table stack-table">
            <caption className="visually-hidden">{t('procedures.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('procedure.code')}</th>
                <th scope="col">{t('procedure.name')}</th>
                <th scope="col" className="col-time">
                  {t('procedure.time')}
                </th>
                <th scope="col">{t('procedures.status')}</th>
                <th scope="col">{t('procedures.updated')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => {
                const time = mainProcessingTime(p.processing_times);
                const busy = publish.isPending && publish.variables?.code === p.code;
                return (
                  <tr key={p.code}>
                    <td data-label={t('procedure.code')} className="code nowrap">
                      {p.code}
                    </td>
                    <td data-label={t('procedure.name')}>
                      <Link to={`/console/procedures/${encodeURIComponent(p.code)}`}>{localName(p, i18n.language)}</Link>
                      <div className="muted small">{localName(p.sector, i18n.language)}</div>
                    </td>
                    <td data-label={t('procedure.time')}>{time ? formatProcessingTime(time, t) : '—'}</td>
                    <td data-label={t('procedures.status')}>
                      <span className={`tag ${p.is_published ? 'tag-ok' : 'tag-off'}`}>
                        {p.is_published ? t('procedures.published') : t('procedures.unpublished')}
                      </span>
                      <div className="muted small">
                        {t('procedures.version')} {p.version}
                      </div>
                    </td>
                    <td data-label={t('procedures.updated')} className="nowrap">
                      {formatDateTime(p.updated_at)}
                    </td>
                    <td className="actions">
                      {p.is_published && (
                        <Link className="btn btn-small" to={`/p/${encodeURIComponent(p.code)}`}>
                          {t('procedures.viewShort')}
                          <span className="visually-hidden">
                            {' '}
                            {t('procedures.view')} {p.code}
                          </span>
                        </Link>
                      )}
                      {isAdmin && (
                        <BusyButton
                          type="button"
                          className="btn btn-small"
                          busy={busy}
                          onClick={() => publish.mutate({ code: p.code, publish: !p.is_published })}
                        >
                          {p.is_published ? t('procedures.unpublish') : t('procedures.publish')}
                          <span className="visually-hidden"> {p.code}</span>
                        </BusyButton>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Pagination page={page} size={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}
