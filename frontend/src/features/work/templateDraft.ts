/** The process template editor's working copy of its steps: budgets in hours as typed, checks, request body. Pure. */
import type { ProcessTemplate, StepKind, TemplateStepInput } from '../../api/types';
import { formatHours, hoursToMinutes, parseHours } from './hours';

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
