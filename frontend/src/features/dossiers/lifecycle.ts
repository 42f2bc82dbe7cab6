/**
 * Pure rules of the dossier screens: remaining-time styling, which printable forms apply, the rows of the
 * process control sheet (form 06) and the documents forms 02 and 04 print. Each action's form: actions.ts.
 */
import type {
  DossierEvent,
  DossierRead,
  FormNumber,
  Punctuality,
  ReceivedDocument,
  Remaining,
} from '../../api/types';
import { localDate } from '../../lib/format';

// ------------------------------------------------------------------ remaining time

export type Tone = 'overdue' | 'due-soon' | null;

/** Red for overdue, amber for due within 24 hours, nothing otherwise (finished, paused or no due time). */
export function remainingTone(remaining: Pick<Remaining, 'is_overdue' | 'is_due_soon'> | null | undefined): Tone {
  if (!remaining) return null;
  if (remaining.is_overdue) return 'overdue';
  if (remaining.is_due_soon) return 'due-soon';
  return null;
}

export type PauseReason = 'supplement' | 'payment' | 'other';

/**
 * Why the legal clock stands still, or null while it runs: the API says whether it is paused (`is_paused`),
 * the status says what the center waits for (5: documents to supplement, 6: payment).
 */
export function pauseReason(d: { is_paused: boolean; status: { code: number } }): PauseReason | null {
  if (!d.is_paused) return null;
  if (d.status.code === 5) return 'supplement';
  if (d.status.code === 6) return 'payment';
  return 'other';
}

/** Early / on time / late: the finish and the appointment compared as calendar days in Vietnam. */
export function punctualityAt(finishedAt: string, dueAt: string): Punctuality {
  const finished = localDate(finishedAt);
  const due = localDate(dueAt);
  if (finished < due) return 'early';
  if (finished === due) return 'on_time';
  return 'late';
}

// ------------------------------------------------------------------ printable forms

/**
 * Whether the center has received the dossier: not a submission registered online or by post that still
 * waits for its reception (status 1), nor one refused at that reception (`submit` and never `receive`).
 */
export function wasReceived(dossier: Pick<DossierRead, 'status'>, events: Pick<DossierEvent, 'action'>[]): boolean {
  if (dossier.status.code === 1) return false;
  const did = (action: string) => events.some((e) => e.action === action);
  return !did('submit') || did('receive');
}

/**
 * Form 06 always; the receipt (01) once the center received the dossier (at the counter, or an online or
 * postal submission at its reception); 02–05 once the event that produces them happened.
 */
export function applicableForms(
  dossier: Pick<DossierRead, 'status'>,
  events: Pick<DossierEvent, 'action'>[],
): FormNumber[] {
  const did = (action: string) => events.some((e) => e.action === action);
  const forms: FormNumber[] = wasReceived(dossier, events) ? ['01'] : [];
  if (did('request_supplement')) forms.push('02');
  if (did('refuse_at_reception') || dossier.status.code === 3) forms.push('03');
  if (did('extend')) forms.push('04');
  if (did('stop')) forms.push('05');
  forms.push('06');
  return forms;
}

/** The latest event of an action (the one a form 02–05 prints), if any. */
export function lastEvent<E extends Pick<DossierEvent, 'action' | 'seq'>>(events: E[], action: string): E | undefined {
  return events.filter((e) => e.action === action).sort((a, b) => b.seq - a.seq)[0];
}

/** How many supplement requests the dossier has had (at the counter or later). */
export function supplementRequests(events: Pick<DossierEvent, 'action'>[]): number {
  return events.filter((e) => e.action === 'request_supplement').length;
}

// ------------------------------------------------------------------ form 06

/** Where the dossier is: a named step, or one of the fixed places around the processing. */
export type Place = { kind: 'applicant' } | { kind: 'reception' } | { kind: 'result' } | { kind: 'step'; name: string };

export interface ControlRow {
  seq: number;
  at: string;
  action: string;
  actor: string | null;
  from: Place;
  to: Place;
  fromStatus: number | null;
  toStatus: number;
  note: string | null;
  /** Only where it can be computed: the row that finished the dossier, against its appointment. */
  punctuality: Punctuality | null;
}

/** Statuses that end processing (the finish for early/on time/late); refused at reception has no appointment. */
const FINISHING = new Set([7, 8, 9, 10]);

/**
 * Where an event leaves the dossier. Its first event (from no status) brings it to reception: received or
 * refused at the counter, or a submission registered online or by post (`submit`, status 1) that waits
 * there to be received (`receive`, 1 → 2) or refused (`refuse_at_reception`, 1 → 3), both at reception.
 */
function placeAfter(event: DossierEvent, current: Place): Place {
  if (event.from_status === null) return { kind: 'reception' };
  switch (event.action) {
    case 'receive':
    case 'refuse_at_reception':
      return { kind: 'reception' };
    case 'forward': {
      const name = typeof event.data.to_step === 'string' ? event.data.to_step.trim() : '';
      return name ? { kind: 'step', name } : current;
    }
    case 'mark_done':
    case 'refuse_to_resolve':
      return { kind: 'result' };
    case 'return_result':
      return { kind: 'applicant' };
    default:
      return current;
  }
}

/**
 * One row per event, oldest first: who handed the dossier from where to where, when, with which note.
 * The row that finished the dossier says whether that was early, on time or late (date level); per-step
 * time budgets are not known yet, so other rows leave it empty.
 */
export function buildControlRows(events: DossierEvent[], dossier: Pick<DossierRead, 'due_at'>): ControlRow[] {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let place: Place = { kind: 'applicant' };
  let finished = false;
  return sorted.map((e) => {
    const from = place;
    const to = placeAfter(e, place);
    place = to;
    let punctuality: Punctuality | null = null;
    if (!finished && FINISHING.has(e.to_status) && e.from_status !== null && e.from_status !== e.to_status) {
      finished = true;
      if (dossier.due_at) punctuality = punctualityAt(e.at, dossier.due_at);
    }
    return {
      seq: e.seq,
      at: e.at,
      action: e.action,
      actor: e.actor?.full_name ?? null,
      from,
      to,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      punctuality,
    };
  });
}

// ------------------------------------------------------------------ forms 02 and 04

/** The missing documents of a supplement request with the counts the checklist asks for (null if not in it). */
export function missingWithCounts(
  names: string[],
  checklist: Pick<ReceivedDocument, 'name' | 'originals_required' | 'copies_required'>[],
): { name: string; originals: number | null; copies: number | null }[] {
  return names.map((name) => {
    const doc = checklist.find((d) => d.name === name);
    return { name, originals: doc ? doc.originals_required : null, copies: doc ? doc.copies_required : null };
  });
}

/** The documents an event asked for (`data.missing_documents`), as text. */
export function eventMissingDocuments(event: Pick<DossierEvent, 'data'> | undefined): string[] {
  const list = event?.data.missing_documents;
  return Array.isArray(list) ? list.map(String) : [];
}

/**
 * The appointment in force just before an event (form 04 prints the old and the new date): the last
 * `due_at` an earlier event set, else the fallback (the dossier's first appointment).
 */
export function dueBefore(events: Pick<DossierEvent, 'seq' | 'data'>[], seq: number, fallback: string | null): string | null {
  const earlier = [...events].filter((e) => e.seq < seq && typeof e.data.due_at === 'string').sort((a, b) => b.seq - a.seq);
  return earlier.length > 0 ? String(earlier[0].data.due_at) : fallback;
}
