import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { ApiError, errorDetails, fieldErrors } from '../../api/errors';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { focusFirstInvalid } from '../../components/focus';
import { Modal } from '../../components/Modal';
import { Loading } from '../../components/Spinner';
import { BusyButton } from '../../components/SubmitButton';
import type { Candidate } from '../../api/types';
import { useAssign, useCandidates, useDossierSteps, useRelease } from './queries';
import { candidateReason, splitCandidates } from './candidates';
import { currentStep } from './chain';

/**
 * Why the server refused to give a step to someone (409): its Vietnamese reason (`details`) in Vietnamese,
 * its English message in English; any other error as usual.
 */
export function RefusalNotice({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const details = errorDetails(error);
  if (error instanceof ApiError && error.status === 409 && details.length > 0) {
    const reason = i18n.language.startsWith('en') && error.body?.message ? error.body.message : details.join('; ');
    return (
      <div className="notice notice-error" role="alert">
        <span>
          <strong>{t('assign.refused')}:</strong> {reason}
        </span>
      </div>
    );
  }
  return <ErrorNotice error={error} />;
}

/** "3 việc đang giữ, 1 quá hạn": what an officer already holds, the urgent part only when there is one. */
function useLoadText() {
  const { t } = useTranslation();
  return (c: Pick<Candidate, 'open_steps' | 'due_soon' | 'overdue'>) =>
    [
      t('assign.loadOpen', { count: c.open_steps }),
      c.due_soon > 0 ? t('assign.loadDueSoon', { count: c.due_soon }) : null,
      c.overdue > 0 ? t('assign.loadOverdue', { count: c.overdue }) : null,
    ]
      .filter(Boolean)
      .join(', ');
}

/**
 * The <option>s of an officer choice: the qualified, least loaded first, with their load; then the others,
 * disabled, each with why they may not take the step.
 */
export function CandidateOptions({ qualified, others }: { qualified: Candidate[]; others: Candidate[] }) {
  const { t, i18n } = useTranslation();
  const load = useLoadText();
  const offered = qualified.map((c) => (
    <option key={c.staff.id} value={c.staff.id}>
      {c.staff.full_name} · {load(c)}
    </option>
  ));
  if (others.length === 0) return offered;
  return (
    <>
      {qualified.length > 0 && <optgroup label={t('assign.qualifiedGroup')}>{offered}</optgroup>}
      <optgroup label={t('assign.othersGroup')}>
        {others.map((c) => (
          <option key={c.staff.id} value={c.staff.id} disabled>
            {c.staff.full_name} — {candidateReason(c, i18n.language)}
          </option>
        ))}
      </optgroup>
    </>
  );
}

/**
 * A leader gives the dossier's current step to another officer, with a reason. The server lists the officers
 * (/candidates): only the qualified ones may be chosen, the others show why not. Should the server still
 * refuse (someone's absence began meanwhile), the reason is shown while the dialog stays open.
 */
export function AssignDialog({
  dossierId,
  dossierCode,
  onClose,
  onDone,
}: {
  dossierId: number;
  dossierCode: string;
  onClose: () => void;
  onDone: (name: string) => void;
}) {
  const { t } = useTranslation();
  const steps = useDossierSteps(dossierId);
  const list = useCandidates(dossierId, 'current');
  const assign = useAssign(dossierId);
  const formRef = useRef<HTMLFormElement>(null);
  const [staffId, setStaffId] = useState('');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<{ staff?: string; reason?: string }>({});
  const server = fieldErrors(assign.error);

  const step = steps.data ? currentStep(steps.data.steps) : null;
  const { qualified, others } = splitCandidates(list.data?.candidates ?? [], step?.assignee?.id ?? null);
  const noOpenStep = !step || (list.error instanceof ApiError && list.error.status === 409);

  let body;
  if (steps.isPending || (step && list.isPending)) body = <Loading />;
  else if (steps.isError) body = <ErrorNotice error={steps.error} onRetry={() => void steps.refetch()} />;
  else if (noOpenStep) body = <p className="empty">{t('assign.noOpenStep')}</p>;
  else if (list.isError) body = <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />;
  else
    body = (
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const problems = {
            staff: staffId ? undefined : t('assign.pickRequired'),
            reason: reason.trim() ? undefined : t('validation.required'),
          };
          setLocal(problems);
          if (problems.staff || problems.reason) {
            focusFirstInvalid(e.currentTarget);
            return;
          }
          const person = qualified.find((c) => c.staff.id === Number(staffId));
          assign.mutate(
            { staff_id: Number(staffId), reason: reason.trim() },
            {
              onSuccess: () => onDone(person?.staff.full_name ?? ''),
              onError: () => {
                // Whoever was refused may have changed too (an absence began): ask the server again.
                void list.refetch();
                focusFirstInvalid(formRef.current);
              },
            },
          );
        }}
      >
        <dl className="facts">
          <div>
            <dt>{t('assign.step')}</dt>
            <dd>{step.name}</dd>
          </div>
          <div>
            <dt>{t('assign.holder')}</dt>
            <dd>{step.assignee?.full_name ?? t('assign.nobody')}</dd>
          </div>
        </dl>
        {qualified.length === 0 && (
          <p className="notice notice-error" role="alert">
            {t('assign.noCandidates')}
          </p>
        )}
        <Field
          label={t('assign.staff')}
          hint={qualified.length > 0 ? t('assign.staffHint') : undefined}
          error={local.staff ?? server.staff_id}
        >
          <select value={staffId} disabled={qualified.length === 0} onChange={(e) => setStaffId(e.target.value)}>
            <option value="">{t('assign.pick')}</option>
            <CandidateOptions qualified={qualified} others={others} />
          </select>
        </Field>
        <Field label={t('assign.reason')} error={local.reason ?? server.reason}>
          <textarea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <RefusalNotice error={assign.error} />
        <div className="form-actions">
          <BusyButton
            type="submit"
            busy={assign.isPending}
            busyLabel={t('assign.submitting')}
            disabled={qualified.length === 0}
          >
            {t('assign.submit')}
          </BusyButton>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    );

  return (
    <Modal title={t('assign.title')} onClose={onClose}>
      <p className="muted small code">{dossierCode}</p>
      {body}
    </Modal>
  );
}

/** The holder (or a leader) gives the current step back to the pool, with a reason. */
export function ReleaseDialog({
  dossierId,
  stepName,
  onClose,
  onDone,
}: {
  dossierId: number;
  stepName: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const release = useRelease(dossierId);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const server = fieldErrors(release.error);
  return (
    <Modal title={t('release.button')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setMissing(!reason.trim());
          if (!reason.trim()) {
            focusFirstInvalid(e.currentTarget);
            return;
          }
          release.mutate(reason.trim(), { onSuccess: onDone });
        }}
      >
        <p>{t('release.lead', { step: stepName })}</p>
        <Field label={t('release.reason')} error={missing ? t('validation.required') : server.reason}>
          <textarea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <ErrorNotice error={release.error && !server.reason ? release.error : null} />
        <div className="form-actions">
          <BusyButton type="submit" busy={release.isPending} busyLabel={t('common.saving')}>
            {t('release.button')}
          </BusyButton>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
