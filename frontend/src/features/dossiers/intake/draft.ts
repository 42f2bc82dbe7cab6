/**
 * The counter intake form: its working copy, the client-side checks (mirroring the API's rules so that
 * mistakes show next to the field before anything is sent) and the request body.
 */
import type { Channel, DossierCreate, DueDateQuery, Fee, IfIncomplete, ProcessingTime } from '../../../api/types';
import { CHANNEL_CODES } from '../../../api/types';

/** 12-digit citizen identity number (Law on Identification 2023). */
export const ID_NUMBER_PATTERN = /^\d{12}$/;
/** Vietnamese phone number, as the API checks it. */
export const PHONE_PATTERN = /^(\+84|0)[1-9][0-9]{8,9}$/;
export const EMAIL_PATTERN = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/;
const OLDEST_BIRTH_DATE = '1900-01-01';
export const MAX_COUNT = 100;
export const MAX_SETS = 50;
export const MAX_FEE = 1_000_000_000;

/**
 * A fresh Idempotency-Key for one intake form. `crypto.randomUUID()` exists only in secure contexts
 * (https or localhost); a center reached over plain http on its LAN still gets 128 random bits.
 */
export function newIdempotencyKey(cryptoImpl: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto): string {
  if (typeof cryptoImpl.randomUUID === 'function') return `intake-${cryptoImpl.randomUUID()}`;
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  return `intake-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Digits typed with spaces, dots or dashes ("0912 345 678") are accepted: the separators are dropped. */
export function compactNumber(value: string): string {
  return value.replace(/[\s.\-()]/g, '');
}

export function isIdNumber(value: string): boolean {
  return ID_NUMBER_PATTERN.test(compactNumber(value));
}

export function isPhone(value: string): boolean {
  return PHONE_PATTERN.test(compactNumber(value));
}

export function isEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value.trim());
}

/** An i18n key explaining what is wrong with a date of birth (yyyy-MM-dd), or null when it is acceptable. */
export function birthDateProblem(value: string, today: string): string | null {
  if (!value) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return 'validation.date';
  if (value > today) return 'validation.birthFuture';
  if (value < OLDEST_BIRTH_DATE) return 'validation.birthTooOld';
  return null;
}

export interface DocumentCount {
  originals: number;
  copies: number;
}

export interface FeeRow {
  description: string;
  amount: string;
}

export interface IntakeDraft {
  channel: Channel;
  /**
   * Only register an online or postal submission (status 1), to be received or refused later; ignored for
   * the counter channel (see `awaitsReception`).
   */
  awaitingReception: boolean;
  applicant: { full_name: string; id_number: string; birth_date: string; phone: string; email: string; address: string };
  hasRepresentative: boolean;
  representative: { full_name: string; id_number: string; relation: string };
  /** Received counts by checklist position; a position absent or at 0/0 was not received. */
  documents: Record<number, DocumentCount>;
  sets_count: string;
  fees: FeeRow[];
  delivery: 'counter' | 'post';
  delivery_address: string;
  note: string;
}

export function emptyDraft(): IntakeDraft {
  return {
    channel: 'in_person',
    awaitingReception: false,
    applicant: { full_name: '', id_number: '', birth_date: '', phone: '', email: '', address: '' },
    hasRepresentative: false,
    representative: { full_name: '', id_number: '', relation: '' },
    documents: {},
    sets_count: '1',
    fees: [],
    delivery: 'counter',
    delivery_address: '',
    note: '',
  };
}

/** The fees of the procedure that have a fixed amount, as the counter charges them by default. */
export function feeRowsFrom(fees: Pick<Fee, 'description' | 'amount_vnd'>[]): FeeRow[] {
  return fees
    .filter((f) => f.amount_vnd !== null && f.amount_vnd !== undefined)
    .map((f) => ({ description: f.description, amount: String(f.amount_vnd) }));
}

export function isReceived(count: DocumentCount | undefined): boolean {
  return Boolean(count && count.originals + count.copies > 0);
}

/** What ticking a checklist row records: the counts the checklist asks for, at least one paper. */
export function tickedCount(required: { originals: number; copies: number }): DocumentCount {
  if (required.originals + required.copies > 0) return { originals: required.originals, copies: required.copies };
  return { originals: 1, copies: 0 };
}

export function clampCount(value: string | number): number {
  const n = Math.trunc(Number(value));
  return Number.isFinite(n) ? Math.min(MAX_COUNT, Math.max(0, n)) : 0;
}

function isWholeNumber(value: string, min: number, max: number): boolean {
  if (!/^\d+$/.test(value.trim())) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

/**
 * Problems of the draft as `{field: i18n key}`, with the API's field names (`applicant.phone`,
 * `fees.0.amount_vnd`, …) so that server-side 422 errors land in the same places.
 */
export function validateIntake(draft: IntakeDraft, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const a = draft.applicant;
  const name = a.full_name.trim();
  if (!name) errors['applicant.full_name'] = 'validation.required';
  else if (name.length < 2) errors['applicant.full_name'] = 'validation.tooShort';
  if (!a.id_number.trim()) errors['applicant.id_number'] = 'validation.required';
  else if (!isIdNumber(a.id_number)) errors['applicant.id_number'] = 'validation.idNumber';
  const birth = birthDateProblem(a.birth_date, today);
  if (birth) errors['applicant.birth_date'] = birth;
  if (!a.phone.trim()) errors['applicant.phone'] = 'validation.required';
  else if (!isPhone(a.phone)) errors['applicant.phone'] = 'validation.phone';
  if (a.email.trim() && !isEmail(a.email)) errors['applicant.email'] = 'validation.email';
  const address = a.address.trim();
  if (!address) errors['applicant.address'] = 'validation.required';
  else if (address.length < 2) errors['applicant.address'] = 'validation.tooShort';

  if (draft.hasRepresentative) {
    const r = draft.representative;
    if (r.full_name.trim().length < 2) {
      errors['representative.full_name'] = r.full_name.trim() ? 'validation.tooShort' : 'validation.required';
    }
    if (!r.id_number.trim()) errors['representative.id_number'] = 'validation.required';
    else if (!isIdNumber(r.id_number)) errors['representative.id_number'] = 'validation.idNumber';
    if (!r.relation.trim()) errors['representative.relation'] = 'validation.required';
  }

  if (!isWholeNumber(draft.sets_count, 1, MAX_SETS)) errors.sets_count = 'validation.sets';
  draft.fees.forEach((f, i) => {
    if (!f.description.trim()) errors[`fees.${i}.description`] = 'validation.required';
    if (!isWholeNumber(f.amount, 0, MAX_FEE)) errors[`fees.${i}.amount_vnd`] = 'validation.amount';
  });
  if (draft.delivery === 'post' && !draft.delivery_address.trim()) {
    errors.delivery_address = 'validation.required';
  }
  return errors;
}

/** Whether the draft registers a submission awaiting reception: asked for, and submitted online or by post. */
export function awaitsReception(draft: Pick<IntakeDraft, 'channel' | 'awaitingReception'>): boolean {
  return draft.awaitingReception && draft.channel !== 'in_person';
}

function orNull(value: string): string | null {
  const v = value.trim();
  return v ? v : null;
}

/**
 * The request body for `POST /api/dossiers` from a valid draft. A submission awaiting reception keeps the
 * default `reject` (its missing documents are judged when it is received) and carries no reason.
 */
export function toDossierCreate(
  draft: IntakeDraft,
  procedureCode: string,
  options: { ifIncomplete?: IfIncomplete; reason?: string } = {},
): DossierCreate {
  const a = draft.applicant;
  const awaiting = awaitsReception(draft);
  const documents = Object.entries(draft.documents)
    .map(([index, c]) => ({ index: Number(index), originals: clampCount(c.originals), copies: clampCount(c.copies) }))
    .filter((d) => d.originals + d.copies > 0)
    .sort((x, y) => x.index - y.index);
  return {
    procedure_code: procedureCode,
    channel: CHANNEL_CODES[draft.channel],
    applicant: {
      full_name: a.full_name.trim(),
      id_number: compactNumber(a.id_number),
      birth_date: a.birth_date || null,
      phone: compactNumber(a.phone),
      email: orNull(a.email),
      address: a.address.trim(),
    },
    representative: draft.hasRepresentative
      ? {
          full_name: draft.representative.full_name.trim(),
          id_number: compactNumber(draft.representative.id_number),
          relation: draft.representative.relation.trim(),
        }
      : null,
    documents,
    sets_count: Number(draft.sets_count),
    fees: draft.fees.map((f) => ({ description: f.description.trim(), amount_vnd: Number(f.amount) })),
    delivery: draft.delivery,
    delivery_address: draft.delivery === 'post' ? orNull(draft.delivery_address) : null,
    note: orNull(draft.note),
    if_incomplete: awaiting ? 'reject' : (options.ifIncomplete ?? 'reject'),
    reason: !awaiting && options.reason ? orNull(options.reason) : null,
    awaiting_reception: awaiting,
  };
}

/**
 * The processing time the API will use for a channel: the first one of that channel with a known unit,
 * else the first one of any channel with a known unit (the same choice as the backend's intake).
 */
export function processingTimeFor(times: ProcessingTime[], channel: Channel): ProcessingTime | null {
  return times.find((t) => t.channel === channel && t.unit) ?? times.find((t) => t.unit) ?? null;
}

export type Duration = Omit<DueDateQuery, 'start'>;

/** The duration to ask the calendar about for a processing time, or null when the law sets no time. */
export function durationOf(time: ProcessingTime | null): Duration | null {
  if (!time || !time.unit) return null;
  if (time.unit === 'same_day') return { same_day: true };
  if (time.amount === null || time.amount === undefined) return null;
  return { [time.unit]: time.amount };
}
