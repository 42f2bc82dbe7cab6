import { useTranslation } from '../../../i18n';
import type { DossierRead } from '../../../api/types';

/** The checklist as received: what each document required and what came, the missing mandatory ones in red. */
export function ReceivedDocumentsTable({ dossier: d }: { dossier: DossierRead }) {
  const { t } = useTranslation();
  return (
    <>
      {d.missing_documents.length > 0 && (
        <p className="notice notice-error">{t('detail.missingCount', { count: d.missing_documents.length })}</p>
      )}
      {d.documents.length === 0 ? (
        <p className="empty">{t('procedure.noDocuments')}</p>
      ) : (
        <table className="data-table stack-table received-docs">
          <caption className="visually-hidden">{t('detail.documents')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procedure.docName')}</th>
              <th scope="col">{t('detail.required')}</th>
              <th scope="col">{t('detail.received')}</th>
            </tr>
          </thead>
          <tbody>
            {d.documents.map((doc) => {
              const got = doc.originals + doc.copies > 0;
              return (
                <tr key={doc.index} className={!got && doc.mandatory ? 'row-missing' : undefined}>
                  <td data-label={t('procedure.docName')}>
                    {doc.name}{' '}
                    {doc.mandatory ? (
                      <span className="tag tag-strong">{t('procedure.mandatory')}</span>
                    ) : (
                      <span className="tag">{t('procedure.conditional')}</span>
                    )}
                  </td>
                  <td data-label={t('detail.required')} className="nowrap">
                    {t('detail.counts', { originals: doc.originals_required, copies: doc.copies_required })}
                  </td>
                  <td data-label={t('detail.received')} className="nowrap">
                    {got ? (
                      <span className="ok-text">✓ {t('detail.counts', { originals: doc.originals, copies: doc.copies })}</span>
                    ) : doc.mandatory ? (
                      <span className="off-text">✗ {t('detail.notReceived')}</span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
