/** Absences: whether one is current, upcoming or past, and the checks of the absence form. Pure. */
import type { AbsenceKind } from '../../api/types';
import { localInputToIso } from '../../lib/format';

export type AbsenceState = 'current' | 'upcoming' | 'past';

export function absenceState(a: { starts_at: string; ends_at: string }, now: Date = new Date()): AbsenceState {
  const t = now.getTime();
  if (Date.parse(a.ends_at) <= t) return 'past';
  if (Date.parse(a.starts_at) <= t) return 'current';
  return 'upcoming';
}

export interface AbsenceDraft {
  staffId: number | null;
  kind: AbsenceKind;
  from: string;
  to: string;
  delegateId: number | null;
  note: string;
}

export type AbsenceField = 'from' | 'to' | 'delegate';

/** Problems as `{field: i18n key}`: both times given, the end after the start, a delegate other than the absent. */
export function validateAbsence(d: AbsenceDraft, me: number): Partial<Record<AbsenceField, string>> {
  const errors: Partial<Record<AbsenceField, string>> = {};
  const from = d.from ? Date.parse(localInputToIso(d.from)) : NaN;
  const to = d.to ? Date.parse(localInputToIso(d.to)) : NaN;
  if (!d.from) errors.from = 'validation.required';
  else if (Number.isNaN(from)) errors.from = 'validation.date';
  if (!d.to) errors.to = 'validation.required';
  else if (Number.isNaN(to)) errors.to = 'validation.date';
  else if (!Number.isNaN(from) && to <= from) errors.to = 'absences.endBeforeStart';
  if (d.delegateId !== null && d.delegateId === (d.staffId ?? me)) errors.delegate = 'absences.delegateSelf';
  return errors;
}
