/**
 * Pure rules of the work screens (my work, pool, board, absences, process templates, step chain): hours and
 * minutes, urgency, who may be given a step or stand in for someone, the rows of the control sheet. No React, no network.
 */
import type {
  AbsenceKind,
  Candidate,
  PlannedStep,
  ProcessTemplate,
  Punctuality,
  Role,
  StaffBrief,
  StepKind,
  StepRead,
  TemplateStepInput,
  WorkItem,
} from '../../api/types';
import { localInputToIso } from '../../lib/format';

// ------------------------------------------------------------------ hours ↔ minutes

/** Budgets are edited in hours, in quarters of an hour. */
export const HOUR_STEP = 0.25;
/** The API's largest step budget (working minutes). */
export const MAX_BUDGET_MINUTES = 175_200;

/** 1.5 → 90. Rounded to whole minutes. */
export function hoursToMinutes(hours: number): number {
  return Math.round(hours * 60);
}

/** 90 → 1.5; rounded to two decimals so 20 minutes reads 0.33 and not 0.3333…. */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/**
 * What someone typed as hours ("1,5", "1.5", " 2 ") as a number; null when it is not a number ≥ 0 in
 * quarters of an hour within the API's limit.
 */
export function parseHours(text: string): number | null {
  const clean = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(clean)) return null;
  const hours = Number(clean);
  if (!Number.isFinite(hours) || hours < 0) return null;
  if (Math.abs(hours / HOUR_STEP - Math.round(hours / HOUR_STEP)) > 1e-9) return null;
  if (hoursToMinutes(hours) > MAX_BUDGET_MINUTES) return null;
  return hours;
}

/** Working minutes as hours in the language's number format: 90 → "1,5" (vi) / "1.5" (en). */
export function formatHours(minutes: number, lang: string): string {
  // No grouping: "1.000" would read back as one hour in Vietnamese input.
  return new Intl.NumberFormat(lang.startsWith('en') ? 'en-US' : 'vi-VN', {
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(minutesToHours(minutes));
}

/** A share 0–1 as a whole percentage ("83 %"), or null when nothing was finished yet. */
export function formatShare(share: number | null | undefined, lang: string): string | null {
  if (share === null || share === undefined) return null;
  return new Intl.NumberFormat(lang.startsWith('en') ? 'en-US' : 'vi-VN', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}

// ------------------------------------------------------------------ my work

export const WORK_TABS = ['all', 'due_soon', 'overdue'] as const;
export type WorkTab = (typeof WORK_TABS)[number];

export function workTabFrom(value: string | null): WorkTab {
  return WORK_TABS.includes(value as WorkTab) ? (value as WorkTab) : 'all';
}

export type WorkTone = 'overdue' | 'due-soon' | 'paused' | null;

/** Red when late, amber when due within a working day, grey when the clock stands still. */
export function workTone(item: Pick<WorkItem, 'remaining' | 'is_paused'>): WorkTone {
  if (item.is_paused) return 'paused';
  if (item.remaining?.is_overdue) return 'overdue';
  if (item.remaining?.is_due_soon) return 'due-soon';
  return null;
}

/** By step due time, the earliest first; steps without a due time last; ties by dossier code. */
export function sortByStepDue<T extends Pick<WorkItem, 'step_due_at' | 'dossier_code'>>(items: T[]): T[] {
  const at = (v: string | null) => (v ? Date.parse(v) : Number.POSITIVE_INFINITY);
  return [...items].sort(
    (a, b) => at(a.step_due_at) - at(b.step_due_at) || a.dossier_code.localeCompare(b.dossier_code),
  );
}

/** "99+" beyond 99, so that the bell's badge keeps its size. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

// ------------------------------------------------------------------ who may take a step

/** The role a step's kind needs (the backend's ROLE_OF_KIND). */
export function roleOfKind(kind: StepKind): Role {
  switch (kind) {
    case 'reception':
    case 'return':
      return 'receptionist';
    case 'specialist':
      return 'specialist';
    case 'leader':
      return 'leader';
  }
}

/** Roles that hold dossier steps (an administrator only manages the system). */
export const WORK_ROLES: readonly Role[] = ['receptionist', 'specialist', 'leader'];

/**
 * The officers a step may be given to, in the server's order (qualified first, least loaded first), split
 * into the ones to offer and the others with their reason; `holderId` (who has the step now) is left out.
 */
export function splitCandidates(
  candidates: Candidate[],
  holderId: number | null = null,
): { qualified: Candidate[]; others: Candidate[] } {
  const rest = candidates.filter((c) => c.staff.id !== holderId);
  return { qualified: rest.filter((c) => c.qualified), others: rest.filter((c) => !c.qualified) };
}

/** Why an officer may not be given the step, in the interface's language (the Vietnamese one as fallback). */
export function candidateReason(c: Pick<Candidate, 'reason_vi' | 'reason_en'>, lang: string): string {
  return (lang.startsWith('en') ? c.reason_en : null) ?? c.reason_vi ?? c.reason_en ?? '';
}

/**
 * Colleagues who may stand in for someone (a delegate) or be named absent: those holding steps, other than
 * `exclude`; first those sharing one of `roles` (they can take the same steps), then `departmentId`'s people,
 * then by name.
 */
export function colleagueChoices(
  directory: StaffBrief[],
  {
    exclude,
    departmentId = null,
    roles = [],
  }: { exclude: number | null; departmentId?: number | null; roles?: readonly Role[] },
): StaffBrief[] {
  const collator = new Intl.Collator('vi');
  const work = roles.filter((r) => WORK_ROLES.includes(r));
  const unlike = (s: StaffBrief) => Number(work.length > 0 && !s.roles.some((r) => work.includes(r)));
  const elsewhere = (s: StaffBrief) => Number(departmentId !== null && s.department_id !== departmentId);
  return directory
    .filter((s) => s.id !== exclude && s.roles.some((r) => WORK_ROLES.includes(r)))
    .sort(
      (a, b) => unlike(a) - unlike(b) || elsewhere(a) - elsewhere(b) || collator.compare(a.full_name, b.full_name),
    );
}

// ------------------------------------------------------------------ the step chain

/** The open step of a chain (the last one, while unfinished). */
export function currentStep(steps: StepRead[]): StepRead | null {
  const last = steps.at(-1);
  return last && !last.finished_at ? last : null;
}

/**
 * Where a forward may go: the later processing steps of the plan. The result step at the counter is reached
 * by marking the result done, never by forwarding (assignment/plans.py next_position).
 */
export function forwardTargets(planned: PlannedStep[]): PlannedStep[] {
  return planned.filter((p) => p.kind !== 'return');
}

/** One row of the process control sheet (form 06): who handed the dossier on, to whom, when, against which due. */
export interface HandoverRow {
  seq: number;
  step: string;
  /** Who held the step (or, if nobody did, who finished it). */
  from: string | null;
  /** The next step's name, or the action that ended processing. */
  to: { kind: 'step'; name: string; person: string | null } | { kind: 'action'; action: string } | { kind: 'open' };
  startedAt: string;
  at: string | null;
  dueAt: string | null;
  budgetMinutes: number;
  punctuality: Punctuality | null;
  actor: string | null;
}

/** One row per step of the chain, oldest first: the hand-over that ended it (or "in progress"). */
export function handoverRows(steps: StepRead[]): HandoverRow[] {
  const sorted = [...steps].sort((a, b) => a.seq - b.seq);
  return sorted.map((s, i) => {
    const next = sorted[i + 1];
    const to: HandoverRow['to'] = !s.finished_at
      ? { kind: 'open' }
      : next
        ? { kind: 'step', name: next.name, person: s.handed_to?.full_name ?? next.assignee?.full_name ?? null }
        : { kind: 'action', action: s.finish_action ?? '' };
    return {
      seq: s.seq,
      step: s.name,
      from: s.assignee?.full_name ?? s.finished_by?.full_name ?? null,
      to,
      startedAt: s.started_at,
      at: s.finished_at,
      dueAt: s.due_at,
      budgetMinutes: s.budget_minutes,
      punctuality: s.punctuality,
      actor: s.finished_by?.full_name ?? null,
    };
  });
}

// ------------------------------------------------------------------ absences

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

// ------------------------------------------------------------------ process templates

export interface StepDraft {
  name: string;
  kind: StepKind;
  departmentId: number | null;
  /** Hours as typed. */
  hours: string;
}

export function newStepDraft(kind: StepKind = 'specialist'): StepDraft {
  return { name: '', kind, departmentId: null, hours: '8' };
}

export function stepDraftsOf(template: Pick<ProcessTemplate, 'steps'>, lang = 'en'): StepDraft[] {
  return template.steps.map((s) => ({
    name: s.name,
    kind: s.kind,
    departmentId: s.department_id ?? null,
    hours: formatHours(s.budget_minutes, lang),
  }));
}

/** The budgets added up, in minutes; steps whose hours cannot be read count as nothing. */
export function draftTotalMinutes(steps: StepDraft[]): number {
  return steps.reduce((sum, s) => {
    const h = parseHours(s.hours);
    return sum + (h === null ? 0 : hoursToMinutes(h));
  }, 0);
}

/** Problems keyed `steps.<i>.name` / `steps.<i>.budget_minutes` (the API's field names) or `steps`. */
export function validateSteps(steps: StepDraft[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (steps.length === 0) errors.steps = 'templates.noSteps';
  steps.forEach((s, i) => {
    if (!s.name.trim()) errors[`steps.${i}.name`] = 'validation.required';
    if (parseHours(s.hours) === null) errors[`steps.${i}.budget_minutes`] = 'templates.hoursInvalid';
  });
  return errors;
}

/** The steps as the API takes them (call after validateSteps found nothing). */
export function stepsBody(steps: StepDraft[]): TemplateStepInput[] {
  return steps.map((s) => ({
    name: s.name.trim(),
    kind: s.kind,
    department_id: s.departmentId,
    budget_minutes: hoursToMinutes(parseHours(s.hours) ?? 0),
  }));
}

// ------------------------------------------------------------------ staff: single procedures

export const PROCEDURE_CODE = /^\d\.\d{6,9}([.-][A-Za-z0-9]{1,12})?$/;

/** Procedure codes typed one per line or separated by commas or spaces, without repeats. */
export function parseProcedureCodes(text: string): string[] {
  const codes = text
    .split(/[\s,;]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  return codes.filter((c, i) => codes.indexOf(c) === i);
}
