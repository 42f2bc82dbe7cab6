import { useTranslation } from '../../../i18n';
import type { DossierRead } from '../../../api/types';
import { formatDate } from '../../../lib/format';
import { Fact } from './Fact';

/** The applicant's identity and contact, and the representative who submitted for them, if any. */
export function ApplicantFacts({ dossier: d }: { dossier: DossierRead }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="facts">
        <Fact label={t('dossier.fullName')}>{d.applicant.full_name}</Fact>
        <Fact label={t('dossier.idNumber')}>
          <span className="code">{d.applicant.id_number}</span>
        </Fact>
        {d.applicant.birth_date && <Fact label={t('dossier.birthDate')}>{formatDate(d.applicant.birth_date)}</Fact>}
        <Fact label={t('dossier.phone')}>
          <span className="code">{d.applicant.phone}</span>
        </Fact>
        {d.applicant.email && <Fact label={t('dossier.email')}>{d.applicant.email}</Fact>}
        <Fact label={t('dossier.address')}>{d.applicant.address}</Fact>
      </dl>
      {d.representative && (
        <>
          <h3>{t('dossier.representative')}</h3>
          <dl className="facts">
            <Fact label={t('dossier.fullName')}>{d.representative.full_name}</Fact>
            <Fact label={t('dossier.idNumber')}>
              <span className="code">{d.representative.id_number}</span>
            </Fact>
            <Fact label={t('dossier.relation')}>{d.representative.relation}</Fact>
          </dl>
        </>
      )}
    </>
  );
}
