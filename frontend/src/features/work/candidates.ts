/** Who may be given a step or stand in for someone, in the order the screens offer them. Pure. */
import type { Candidate, Role, StaffBrief, StepKind } from '../../api/types';

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
