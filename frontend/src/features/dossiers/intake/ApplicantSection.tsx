import { useTranslation, type TFunction } from '../../../i18n';
import { todayIso } from '../../../lib/format';
import { PersonFields, type PersonInput } from './PersonFields';
import type { IntakeForm } from './useIntake';

/** The name and ID number every person of a dossier has (the applicant's are required). */
function identityInputs(
  t: TFunction,
  { required, idHint }: { required: boolean; idHint?: string },
): PersonInput<'full_name' | 'id_number'>[] {
  return [
    { name: 'full_name', label: t('dossier.fullName'), required, maxLength: 200 },
    { name: 'id_number', label: t('dossier.idNumber'), required, hint: idHint, inputMode: 'numeric', maxLength: 16 },
  ];
}

/** Step 3: the applicant, and the representative who submits for them (folded away until filled in). */
export function ApplicantSection({ form }: { form: IntakeForm }) {
  const { t } = useTranslation();
  const { draft } = form;
  return (
    <section className="card" aria-labelledby="intake-applicant">
      <h2 id="intake-applicant" className="step-title">
        <span className="step-no">3</span> {t('intake.applicant')}
      </h2>
      <PersonFields
        inputs={[
          ...identityInputs(t, { required: true, idHint: t('intake.idHint') }),
          { name: 'birth_date', label: t('dossier.birthDate'), type: 'date', min: '1900-01-01', max: todayIso() },
          {
            name: 'phone',
            label: t('dossier.phone'),
            required: true,
            hint: t('intake.phoneHint'),
            type: 'tel',
            inputMode: 'tel',
            maxLength: 16,
          },
          { name: 'email', label: t('dossier.email'), type: 'email', maxLength: 254 },
          { name: 'address', label: t('dossier.address'), required: true, maxLength: 500, wide: true },
        ]}
        values={draft.applicant}
        onChange={form.setApplicant}
        error={(name) => form.error(`applicant.${name}`)}
      />
      <details
        className="collapsible"
        open={
          draft.hasRepresentative ||
          Boolean(
            form.error('representative.full_name') ||
              form.error('representative.id_number') ||
              form.error('representative.relation'),
          ) ||
          undefined
        }
      >
        <summary>{t('intake.representative')}</summary>
        <p className="hint">{t('intake.representativeHint')}</p>
        <PersonFields
          inputs={[
            ...identityInputs(t, { required: false }),
            { name: 'relation', label: t('dossier.relation'), hint: t('intake.relationHint'), maxLength: 100 },
          ]}
          values={draft.representative}
          onChange={form.setRepresentative}
          error={(name) => form.error(`representative.${name}`)}
        />
      </details>
    </section>
  );
}
