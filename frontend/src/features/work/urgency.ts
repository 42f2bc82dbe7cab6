/**
 * How urgent a step is (late, due soon, paused), the tabs of a work list that filter by it, and the order
 * of such a list. Pure.
 */
import type { WorkItem } from '../../api/types';

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
