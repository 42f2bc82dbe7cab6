import type { ReactNode } from 'react';
import type { TFunction } from '../../../i18n';
import type { DossierEvent, DossierRead, FormNumber, StepChain, Unit } from '../../../api/types';
import { formatDateTime } from '../../../lib/format';
import { placeAndDate, upper } from './formText';

/** What every form is printed from. */
export interface FormProps {
  dossier: DossierRead;
  events: DossierEvent[];
  /** The chain of steps (loaded for form 06 only). */
  steps: StepChain | null;
  unit: Unit;
  qr: string;
  t: TFunction;
}

/** The head of every form: its number, the QR code, the agency, the national motto, place and date, title. */
export function FormHead({
  form,
  dossier,
  unit,
  qr,
  t,
  at,
  copy,
}: {
  form: FormNumber;
  dossier: DossierRead;
  unit: Unit;
  qr: string;
  t: TFunction;
  at: string;
  copy?: string;
}) {
  return (
    <>
      <div className="form-topline">
        <span>{copy}</span>
        <span>{t('print.number', { form })}</span>
      </div>
      <header className="form-head">
        <figure className="form-qr">
          <img src={qr} alt={t('print.qrAlt', { code: dossier.code })} />
        </figure>
        <div className="form-agency">
          <p>{upper(`${t('print.committee')} ${unit.commune.name}`)}</p>
          <p className="form-center">{upper(unit.name)}</p>
          <p className="form-rule" aria-hidden="true" />
        </div>
        <div className="form-nation">
          <p className="form-republic">{t('print.nation')}</p>
          <p className="form-motto">{t('print.motto')}</p>
          <p className="form-date">{placeAndDate(unit, at, t)}</p>
        </div>
      </header>
      <h1 className="form-title">{upper(t(`forms.${form}`))}</h1>
      <p className="form-subtitle">
        {t('print.code')}: <strong className="code">{dossier.code}</strong>
      </p>
    </>
  );
}

export function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <p className="form-line">
      <span className="form-label">{label}:</span> {children}
    </p>
  );
}

/** Who asks for what: the applicant (and representative), their address and contact, the procedure. */
export function ApplicantLines({ dossier, t, contact = true }: { dossier: DossierRead; t: TFunction; contact?: boolean }) {
  return (
    <>
      <Line label={t('print.applicant')}>
        <strong>{dossier.applicant.full_name}</strong>
      </Line>
      {dossier.representative && (
        <Line label={t('print.representative')}>
          {dossier.representative.full_name} ({dossier.representative.relation})
        </Line>
      )}
      <Line label={t('print.address')}>{dossier.applicant.address}</Line>
      {contact && (
        <p className="form-line form-pair">
          <span>
            <span className="form-label">{t('print.phone')}:</span> {dossier.applicant.phone}
          </span>
          <span>
            <span className="form-label">{t('print.email')}:</span> {dossier.applicant.email || '—'}
          </span>
        </p>
      )}
      <Line label={t('print.request')}>{dossier.procedure_name}</Line>
    </>
  );
}

/** When and where the dossier was received: the line forms 02–05 start with. */
export function ReceivedOnLine({ dossier, unit, t }: Pick<FormProps, 'dossier' | 'unit' | 't'>) {
  return (
    <p className="form-line">{t('print.receivedOn', { time: formatDateTime(dossier.received_at), center: unit.name })}</p>
  );
}

export function Signatures({
  left,
  right,
  t,
}: {
  left?: { title: string; name?: string };
  right: { title: string; name?: string };
  t: TFunction;
}) {
  return (
    <div className="form-signatures">
      {[left, right].map((s, i) =>
        s ? (
          <div key={i} className="form-signature">
            <p className="form-sign-title">{s.title}</p>
            <p className="form-sign-hint">{t('print.signHint')}</p>
            <p className="form-sign-name">{s.name}</p>
          </div>
        ) : (
          <div key={i} />
        ),
      )}
    </div>
  );
}

/** The dossier never had the event the form prints. */
export function NotApplicable({ t }: { t: TFunction }) {
  return <p className="empty">{t('print.notApplicable')}</p>;
}
