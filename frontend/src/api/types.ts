/**
 * Domain types derived from the API paths (not from schema names), so that renaming a
 * backend schema does not break the frontend; only a changed path or field does.
 */
import type { paths } from './schema';

type Ok<R> = R extends { 200: { content: { 'application/json': infer T } } }
  ? T
  : R extends { 201: { content: { 'application/json': infer T } } }
    ? T
    : never;

type Op<P extends keyof paths, M extends string> = M extends keyof paths[P] ? NonNullable<paths[P][M]> : never;

export type ResponseOf<P extends keyof paths, M extends string = 'get'> =
  Op<P, M> extends { responses: infer R } ? Ok<R> : never;

export type BodyOf<P extends keyof paths, M extends string> =
  Op<P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type QueryOf<P extends keyof paths, M extends string = 'get'> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type Item<T> = T extends (infer I)[] ? I : never;

export type ProcedureSummaryPage = ResponseOf<'/api/public/procedures'>;
export type ProcedureSummary = Item<ProcedureSummaryPage['items']>;
export type ProcedurePublic = ResponseOf<'/api/public/procedures/{code}'>;
export type ProcessingTime = Item<ProcedureSummary['processing_times']>;
export type Fee = Item<ProcedureSummary['fees']>;
export type ProcedureDocument = Item<ProcedurePublic['documents']>;
export type PublicSector = Item<ResponseOf<'/api/public/sectors'>>;

export type TokenPair = ResponseOf<'/api/auth/token', 'post'>;
export type Me = ResponseOf<'/api/auth/me'>;
export type Staff = ResponseOf<'/api/staff/{staff_id}'>;
export type StaffPage = ResponseOf<'/api/staff'>;
export type StaffCreate = BodyOf<'/api/staff', 'post'>;
export type StaffUpdate = BodyOf<'/api/staff/{staff_id}', 'patch'>;
export type Role = Item<Staff['roles']>;

export type Department = Item<ResponseOf<'/api/departments'>>;
export type DepartmentCreate = BodyOf<'/api/departments', 'post'>;
export type DepartmentUpdate = BodyOf<'/api/departments/{department_id}', 'patch'>;
export type Sector = Item<ResponseOf<'/api/sectors'>>;
export type SectorCreate = BodyOf<'/api/sectors', 'post'>;
export type SectorUpdate = BodyOf<'/api/sectors/{sector_id}', 'patch'>;
export type Unit = ResponseOf<'/api/units/current'>;
export type UnitUpdate = BodyOf<'/api/units/current', 'patch'>;

export type CalendarSettings = ResponseOf<'/api/calendar'>;
export type WorkingInterval = Item<CalendarSettings['working_hours']>;
export type CalendarDay = Item<ResponseOf<'/api/calendar/days'>>;
export type CalendarDayCreate = BodyOf<'/api/calendar/days', 'post'>;
export type CalendarDayUpdate = BodyOf<'/api/calendar/days/{day_id}', 'patch'>;
export type DueDate = ResponseOf<'/api/calendar/due-date'>;
export type DueDateQuery = QueryOf<'/api/calendar/due-date'>;

export type ProcedureAdminPage = ResponseOf<'/api/procedures'>;
export type ProcedureAdminSummary = Item<ProcedureAdminPage['items']>;
export type ProcedureAdmin = ResponseOf<'/api/procedures/{code}'>;
export type ProcedureCreate = BodyOf<'/api/procedures', 'post'>;
export type ProcedureUpdate = BodyOf<'/api/procedures/{code}', 'put'>;
export type ProcedureListQuery = QueryOf<'/api/procedures'>;

export const ROLES = ['admin', 'leader', 'receptionist', 'specialist'] as const satisfies readonly Role[];
export const CHANNELS = ['in_person', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const TIME_UNITS = ['working_days', 'working_hours', 'calendar_days', 'same_day'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

export type DossierCreate = BodyOf<'/api/dossiers', 'post'>;
export type ApplicantInput = DossierCreate['applicant'];
export type RepresentativeInput = NonNullable<DossierCreate['representative']>;
export type FeeInput = Item<NonNullable<DossierCreate['fees']>>;
export type IfIncomplete = NonNullable<DossierCreate['if_incomplete']>;
export type DossierRead = ResponseOf<'/api/dossiers/{dossier_id}'>;
export type DossierPage = ResponseOf<'/api/dossiers'>;
export type DossierSummary = Item<DossierPage['items']>;
export type DossierListQuery = QueryOf<'/api/dossiers'>;
export type DossierStatus = DossierRead['status'];
export type Remaining = NonNullable<DossierRead['remaining']>;
export type Punctuality = NonNullable<DossierRead['punctuality']>;
export type ReceivedDocument = Item<DossierRead['documents']>;
export type DossierEvent = Item<ResponseOf<'/api/dossiers/{dossier_id}/events'>>;
export type ActionBody = BodyOf<'/api/dossiers/{dossier_id}/actions/{action}', 'post'>;
export type PublicDossier = ResponseOf<'/api/public/dossiers/{token}'>;
export type PublicStep = Item<PublicDossier['timeline']>;

/** Status codes exchanged with the national portal (DOMAIN.md). */
export const STATUS_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
/** The API's channel numbers, in the order of CHANNELS (1 in person, 2 online, 3 postal). */
export const CHANNEL_CODES = { in_person: 1, online: 2, postal: 3 } as const satisfies Record<Channel, 1 | 2 | 3>;
/** The contract's DossierAction enum (`allowed_actions`, and the `{action}` of `…/actions/{action}`). */
export type DossierAction = Item<DossierRead['allowed_actions']>;
export const FORMS = ['01', '02', '03', '04', '05', '06'] as const;
export type FormNumber = (typeof FORMS)[number];

// ------------------------------------------------------------------ assignment (steps, work, absences, templates)

export type WorkPage = ResponseOf<'/api/me/work'>;
export type WorkItem = Item<WorkPage['items']>;
export type WorkCounts = WorkPage['counts'];
export type Board = ResponseOf<'/api/work/board'>;
export type BoardStaff = Item<Board['staff']>;
export type BoardDepartment = Item<Board['departments']>;
export type StepChain = ResponseOf<'/api/dossiers/{dossier_id}/steps'>;
export type StepRead = Item<StepChain['steps']>;
export type PlannedStep = Item<StepChain['planned']>;
export type StepKind = StepRead['kind'];
export type AssignBody = BodyOf<'/api/dossiers/{dossier_id}/assign', 'post'>;
export type CandidateList = ResponseOf<'/api/dossiers/{dossier_id}/candidates'>;
export type Candidate = Item<CandidateList['candidates']>;
export type StaffBrief = Item<ResponseOf<'/api/staff/directory'>>;
export type Absence = Item<ResponseOf<'/api/absences'>>;
export type AbsenceCreate = BodyOf<'/api/absences', 'post'>;
export type AbsenceKind = Absence['kind'];
export type ProcessTemplate = ResponseOf<'/api/process-templates/{template_id}'>;
export type TemplateCreate = BodyOf<'/api/process-templates', 'post'>;
export type TemplateWrite = BodyOf<'/api/process-templates/{template_id}', 'put'>;
export type TemplateStepInput = Item<TemplateWrite['steps']>;
export type TemplateStep = Item<ProcessTemplate['steps']>;
export type BudgetWarning = Item<ProcessTemplate['warnings']>;
export type EffectivePlan = ResponseOf<'/api/process-templates/effective'>;
export type NotificationPage = ResponseOf<'/api/me/notifications'>;
export type Notification = Item<NotificationPage['items']>;
export type AssignmentMode = Department['assignment_mode'];

export const STEP_KINDS = ['reception', 'specialist', 'leader', 'return'] as const satisfies readonly StepKind[];
export const ABSENCE_KINDS = ['leave', 'training', 'sick', 'business', 'other'] as const satisfies readonly AbsenceKind[];
export const ASSIGNMENT_MODES = ['auto', 'pool'] as const satisfies readonly AssignmentMode[];
