/** A dossier's chain of steps: the open step, where a forward may go, and the rows of form 06. Pure. */
import type { PlannedStep, Punctuality, StepRead } from '../../api/types';

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
