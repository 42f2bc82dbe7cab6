import { useCallback, useState, type RefObject } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from '../../../i18n';
import { ApiError, errorDetails, fieldErrors } from '../../../api/errors';
import type { IfIncomplete, ProcedureSummary } from '../../../api/types';
import { focusFirstInvalid } from '../../../components/focus';
import { todayIso } from '../../../lib/format';
import { useDueDatePreview } from '../../calendar/queries';
import { usePublicProcedure } from '../../public/queries';
import { useReceiveDossier } from '../queries';
import {
  awaitsReception,
  durationOf,
  emptyDraft,
  feeRowsFrom,
  isReceived,
  newIdempotencyKey,
  processingTimeFor,
  tickedCount,
  toDossierCreate,
  validateIntake,
  type IntakeDraft,
} from './draft';

type Applicant = IntakeDraft['applicant'];
type Representative = IntakeDraft['representative'];

/**
 * The intake form's state and what it does: the procedure picked, the working copy of the form, the checks
 * before sending, the appointment preview, and the answer of the server — a field error goes next to its
 * field, missing mandatory documents (409) open the box that requests or refuses instead.
 */
export interface IntakeRefs {
  form: RefObject<HTMLFormElement | null>;
  /** The checklist's heading, focused once a procedure is picked. */
  checklist: RefObject<HTMLHeadingElement | null>;
  /** The missing-documents box, focused when it opens. */
  missing: RefObject<HTMLDivElement | null>;
}

export function useIntake(refs: IntakeRefs) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [picked, setPicked] = useState<ProcedureSummary | null>(null);
  const [draft, setDraft] = useState<IntakeDraft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[] | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  // One key per intake form: a double click or a retry of the same form never creates a second dossier.
  const [idempotencyKey] = useState(() => newIdempotencyKey());
  const receive = useReceiveDossier();
  const procedure = usePublicProcedure(picked?.code ?? '');

  // An online or postal submission only registered now: no appointment and no reception check yet.
  const awaiting = awaitsReception(draft);
  const time = procedure.data ? processingTimeFor(procedure.data.processing_times, draft.channel) : null;
  const duration = durationOf(time);
  const due = useDueDatePreview(procedure.data && !awaiting ? duration : null);
  const documents = procedure.data?.documents ?? [];
  const mandatory = documents.map((d, i) => ({ d, i })).filter(({ d }) => d.mandatory);

  const pick = useCallback((p: ProcedureSummary) => {
    setPicked(p);
    setDraft((d) => ({ ...d, documents: {}, fees: feeRowsFrom(p.fees) }));
    setMissing(null);
    window.setTimeout(() => refs.checklist.current?.focus(), 0);
  }, [refs.checklist]);

  const submit = (options: { ifIncomplete?: IfIncomplete; reason?: string } = {}) => {
    if (!picked) return;
    receive.mutate(
      { body: toDossierCreate(draft, picked.code, options), idempotencyKey },
      {
        onSuccess: (dossier) => {
          // Registered, not received (status 1): nothing to print yet, the dossier waits on its page.
          if (dossier.status.code === 1) {
            navigate(`/console/ho-so/${dossier.id}`);
            return;
          }
          const form = dossier.status.code === 5 ? '02' : dossier.status.code === 3 ? '03' : '01';
          navigate(`/console/ho-so/${dossier.id}/in/${form}`);
        },
        onError: (error) => {
          const details = errorDetails(error);
          if (error instanceof ApiError && error.status === 409 && details.length > 0) {
            setMissing(details);
            window.setTimeout(() => refs.missing.current?.focus(), 0);
          } else if (error instanceof ApiError && error.status === 422) {
            setErrors(fieldErrors(error));
            focusFirstInvalid(refs.form.current);
          }
        },
      },
    );
  };

  return {
    picked,
    draft,
    procedure,
    receive,
    missing,
    reason,
    reasonError,
    awaiting,
    time,
    duration,
    due,
    documents,
    mandatory,
    pick,
    /** Another procedure: back to the search. */
    unpick() {
      setPicked(null);
      setMissing(null);
    },
    change(patch: Partial<IntakeDraft>) {
      setDraft((d) => ({ ...d, ...patch }));
    },
    setApplicant(name: keyof Applicant, value: string) {
      setDraft((d) => ({ ...d, applicant: { ...d.applicant, [name]: value } }));
    },
    setRepresentative(name: keyof Representative, value: string) {
      setDraft((d) => {
        const representative = { ...d.representative, [name]: value };
        return { ...d, representative, hasRepresentative: Object.values(representative).some((v) => v.trim()) };
      });
    },
    setDocument(index: number, originals: number, copies: number) {
      setMissing(null);
      setDraft((d) => ({ ...d, documents: { ...d.documents, [index]: { originals, copies } } }));
    },
    tickMandatory() {
      setMissing(null);
      setDraft((d) => {
        const next = { ...d.documents };
        for (const { d: doc, i } of mandatory) {
          if (!isReceived(next[i])) next[i] = tickedCount(doc);
        }
        return { ...d, documents: next };
      });
    },
    setAwaitingReception(value: boolean) {
      setMissing(null);
      setDraft((d) => ({ ...d, awaitingReception: value }));
    },
    /** The message of a field's problem: an i18n key from the checks here, or the server's own words. */
    error(name: string): string | undefined {
      const key = errors[name];
      return key ? (key.startsWith('validation.') ? t(key) : key) : undefined;
    },
    /** Confirm (or register): the checks first, the first problem focused. */
    confirm(form: HTMLFormElement) {
      const problems = validateIntake(draft, todayIso());
      setErrors(problems);
      if (Object.keys(problems).length > 0) {
        focusFirstInvalid(form);
        return;
      }
      submit();
    },
    setReason(value: string) {
      setReason(value);
      setReasonError(undefined);
    },
    requestSupplement() {
      submit({ ifIncomplete: 'request_supplement', reason });
    },
    /** Refuse to receive: only with a reason (printed on form 03). */
    refuse() {
      if (!reason.trim()) {
        setReasonError(t('validation.required'));
        focusFirstInvalid(refs.missing.current?.closest('form') ?? null);
        return;
      }
      submit({ ifIncomplete: 'refuse', reason });
    },
    backToChecklist() {
      setMissing(null);
    },
  };
}

export type IntakeForm = ReturnType<typeof useIntake>;
