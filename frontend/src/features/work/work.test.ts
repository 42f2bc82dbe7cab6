import { describe, expect, it } from 'vitest';
import type { Candidate, StaffBrief, StepRead, WorkItem } from '../../api/types';
import {
  absenceState,
  badgeText,
  candidateReason,
  colleagueChoices,
  currentStep,
  draftTotalMinutes,
  formatHours,
  formatShare,
  forwardTargets,
  handoverRows,
  hoursToMinutes,
  minutesToHours,
  parseHours,
  parseProcedureCodes,
  PROCEDURE_CODE,
  roleOfKind,
  sortByStepDue,
  splitCandidates,
  stepDraftsOf,
  stepsBody,
  validateAbsence,
  validateSteps,
  workTabFrom,
  workTone,
} from './work';

describe('hours and minutes', () => {
  it('convert both ways in quarters of an hour', () => {
    expect(hoursToMinutes(0)).toBe(0);
    expect(hoursToMinutes(0.25)).toBe(15);
    expect(hoursToMinutes(1.5)).toBe(90);
    expect(hoursToMinutes(16)).toBe(960);
    expect(minutesToHours(90)).toBe(1.5);
    expect(minutesToHours(15)).toBe(0.25);
    // Budgets split by the server need not be quarters: 20 minutes reads 0.33 h.
    expect(minutesToHours(20)).toBe(0.33);
    for (const h of [0, 0.25, 0.5, 0.75, 1, 7.75, 2920]) expect(minutesToHours(hoursToMinutes(h))).toBe(h);
  });

  it('read what was typed, with a comma or a point, in quarters only', () => {
    expect(parseHours('1,5')).toBe(1.5);
    expect(parseHours(' 1.5 ')).toBe(1.5);
    expect(parseHours('0')).toBe(0);
    expect(parseHours('2.75')).toBe(2.75);
    expect(parseHours('1.2')).toBeNull();
    expect(parseHours('-1')).toBeNull();
    expect(parseHours('')).toBeNull();
    expect(parseHours('abc')).toBeNull();
    expect(parseHours('1e3')).toBeNull();
    expect(parseHours('2920')).toBe(2920); // 175 200 minutes, the API's limit
    expect(parseHours('2920.25')).toBeNull();
  });

  it('format hours in the language, without thousands separators', () => {
    expect(formatHours(90, 'vi')).toBe('1,5');
    expect(formatHours(90, 'en')).toBe('1.5');
    expect(formatHours(480, 'vi')).toBe('8');
    expect(formatHours(60_000, 'vi')).toBe('1000');
  });

  it('format a share as a whole percentage, or nothing when none finished', () => {
    expect(formatShare(0.8261, 'en')).toBe('83%');
    expect(formatShare(1, 'vi')).toMatch(/^100\s?%$/);
    expect(formatShare(null, 'vi')).toBeNull();
  });
});

function item(patch: Partial<WorkItem>): WorkItem {
  return {
    step_id: 1,
    step_name: 'Chuyên viên xử lý',
    step_kind: 'specialist',
    step_started_at: '2026-11-20T01:00:00Z',
    step_due_at: '2026-11-21T01:00:00Z',
    remaining: null,
    is_paused: false,
    assignee: null,
    department_id: null,
    dossier_id: 1,
    dossier_code: '000.00.25.H42-261120-0001',
    dossier_version: 1,
    status: { code: 4, label_vi: 'Đang xử lý', label_en: 'Being processed' },
    procedure_code: '1.001193',
    procedure_name: 'Đăng ký khai sinh',
    applicant_name: 'Nguyễn Văn An',
    dossier_due_at: '2026-11-22T10:00:00Z',
    ...patch,
  };
}

const late = { minutes: -30, is_overdue: true, is_due_soon: false, text_vi: 'trễ 30 phút', text_en: 'late by 30 minutes' };
const soon = { minutes: 30, is_overdue: false, is_due_soon: true, text_vi: 'còn 30 phút', text_en: '30 minutes left' };
const calm = { minutes: 900, is_overdue: false, is_due_soon: false, text_vi: 'còn 2 ngày', text_en: '2 days left' };

describe('my work', () => {
  it('reads the tab from the address, All by default', () => {
    expect(workTabFrom('overdue')).toBe('overdue');
    expect(workTabFrom('due_soon')).toBe('due_soon');
    expect(workTabFrom(null)).toBe('all');
    expect(workTabFrom('nonsense')).toBe('all');
  });

  it('colours a step by urgency; a paused step is neither late nor due', () => {
    expect(workTone(item({ remaining: late }))).toBe('overdue');
    expect(workTone(item({ remaining: soon }))).toBe('due-soon');
    expect(workTone(item({ remaining: calm }))).toBeNull();
    expect(workTone(item({ remaining: null, is_paused: true }))).toBe('paused');
    expect(workTone(item({ remaining: null }))).toBeNull();
  });

  it('sorts by step due time, steps without one last, ties by code', () => {
    const items = [
      item({ step_id: 1, step_due_at: null, dossier_code: 'A' }),
      item({ step_id: 2, step_due_at: '2026-11-22T01:00:00Z', dossier_code: 'B' }),
      item({ step_id: 3, step_due_at: '2026-11-21T01:00:00Z', dossier_code: 'D' }),
      item({ step_id: 4, step_due_at: '2026-11-21T01:00:00Z', dossier_code: 'C' }),
    ];
    expect(sortByStepDue(items).map((i) => i.step_id)).toEqual([4, 3, 2, 1]);
    expect(items.map((i) => i.step_id)).toEqual([1, 2, 3, 4]); // not sorted in place
  });

  it('caps the bell badge at 99+', () => {
    expect(badgeText(0)).toBe('0');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});

function candidate(id: number, patch: Partial<Candidate> = {}): Candidate {
  return {
    staff: { id, full_name: `Cán bộ ${id}` },
    department_id: 1,
    qualified: true,
    reason_vi: null,
    reason_en: null,
    open_steps: 0,
    due_soon: 0,
    overdue: 0,
    ...patch,
  };
}

function colleague(id: number, full_name: string, patch: Partial<StaffBrief> = {}): StaffBrief {
  return { id, full_name, department_id: 1, roles: ['specialist'], ...patch };
}

describe('who may take a step', () => {
  it('maps each kind of step to its role', () => {
    expect(roleOfKind('reception')).toBe('receptionist');
    expect(roleOfKind('return')).toBe('receptionist');
    expect(roleOfKind('specialist')).toBe('specialist');
    expect(roleOfKind('leader')).toBe('leader');
  });

  it('offers the qualified officers in the server order, the holder left out, the others apart', () => {
    const notCompetent = { qualified: false, reason_vi: 'Không được phân công lĩnh vực/thủ tục này', reason_en: 'Not assigned to this sector or procedure' };
    const list = [
      candidate(3, { open_steps: 1 }),
      candidate(1, { open_steps: 2 }), // the holder
      candidate(7, { open_steps: 4, overdue: 1 }),
      candidate(4, { qualified: false, reason_vi: 'Đang vắng mặt', reason_en: 'Absent' }),
      candidate(5, notCompetent),
    ];
    const { qualified, others } = splitCandidates(list, 1);
    expect(qualified.map((c) => c.staff.id)).toEqual([3, 7]);
    expect(others.map((c) => c.staff.id)).toEqual([4, 5]);
    // Nobody holds the step (a forward): everyone qualified is offered.
    expect(splitCandidates(list).qualified.map((c) => c.staff.id)).toEqual([3, 1, 7]);
    expect(splitCandidates([], 1)).toEqual({ qualified: [], others: [] });
  });

  it('gives the reason in the interface language, falling back to Vietnamese', () => {
    const c = { reason_vi: 'Đang vắng mặt', reason_en: 'Absent' };
    expect(candidateReason(c, 'vi')).toBe('Đang vắng mặt');
    expect(candidateReason(c, 'en-US')).toBe('Absent');
    expect(candidateReason({ reason_vi: 'Đang vắng mặt', reason_en: null }, 'en')).toBe('Đang vắng mặt');
    expect(candidateReason({ reason_vi: null, reason_en: null }, 'vi')).toBe('');
  });

  it('offers as delegates the colleagues who hold steps: the same role, then the same department, then by name', () => {
    const directory = [
      colleague(1, 'Đỗ Văn Lý'),
      colleague(2, 'Vũ Thị Lan Anh'),
      colleague(3, 'Bùi Quản Trị', { roles: ['admin'] }),
      colleague(4, 'An Văn Công', { department_id: 2, roles: ['leader', 'admin'] }),
      colleague(5, 'Ánh Thị Nhận', { department_id: null, roles: ['receptionist'] }),
      colleague(6, 'Lê Thị Bình'),
    ];
    const ids = (list: StaffBrief[]) => list.map((s) => s.id);
    expect(ids(colleagueChoices(directory, { exclude: 1, departmentId: 1 }))).toEqual([6, 2, 4, 5]);
    // A specialist's delegate: the other specialists first (they can take the same steps).
    expect(ids(colleagueChoices(directory, { exclude: 1, departmentId: 2, roles: ['specialist'] }))).toEqual([6, 2, 4, 5]);
    expect(ids(colleagueChoices(directory, { exclude: 1, departmentId: 1, roles: ['leader', 'admin'] }))).toEqual([4, 6, 2, 5]);
    // Vietnamese order: "Ánh" right after "An", "Đ" after "D".
    expect(ids(colleagueChoices(directory, { exclude: null }))).toEqual([4, 5, 1, 6, 2]);
  });
});

function stepRead(patch: Partial<StepRead>): StepRead {
  return {
    id: 1,
    seq: 1,
    name: 'Tiếp nhận',
    kind: 'reception',
    department: null,
    department_id: null,
    assignee: null,
    assigned_how: null,
    assigned_at: null,
    started_at: '2026-11-20T01:00:00Z',
    budget_minutes: 60,
    due_at: '2026-11-20T02:00:00Z',
    paused_minutes: 0,
    is_paused: false,
    finished_at: null,
    finished_by: null,
    finish_action: null,
    handed_to: null,
    punctuality: null,
    remaining: null,
    ...patch,
  };
}

describe('the step chain', () => {
  const mai = { id: 1, full_name: 'Nguyễn Thị Mai' };
  const ly = { id: 7, full_name: 'Đỗ Văn Lý' };
  const chain = [
    stepRead({
      seq: 2,
      id: 2,
      name: 'Chuyên viên xử lý',
      kind: 'specialist',
      assignee: ly,
      started_at: '2026-11-20T01:30:00Z',
      finished_at: '2026-11-21T03:00:00Z',
      finished_by: ly,
      finish_action: 'mark_done',
      handed_to: mai,
      punctuality: 'late',
    }),
    stepRead({
      seq: 1,
      assignee: mai,
      finished_at: '2026-11-20T01:30:00Z',
      finished_by: mai,
      finish_action: 'forward',
      handed_to: ly,
      punctuality: 'on_time',
    }),
    stepRead({ seq: 3, id: 3, name: 'Trả kết quả', kind: 'return', assignee: mai, started_at: '2026-11-21T03:00:00Z' }),
  ];

  it('finds the open step', () => {
    expect(currentStep(chain)?.seq).toBe(3);
    expect(currentStep(chain.slice(0, 2))).toBeNull();
    expect(currentStep([])).toBeNull();
  });

  it('gives one control-sheet row per step: from whom, to which step and whom, when, against which due', () => {
    const rows = handoverRows(chain);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]).toMatchObject({
      step: 'Tiếp nhận',
      from: 'Nguyễn Thị Mai',
      to: { kind: 'step', name: 'Chuyên viên xử lý', person: 'Đỗ Văn Lý' },
      at: '2026-11-20T01:30:00Z',
      dueAt: '2026-11-20T02:00:00Z',
      punctuality: 'on_time',
    });
    expect(rows[1].to).toEqual({ kind: 'step', name: 'Trả kết quả', person: 'Nguyễn Thị Mai' });
    expect(rows[1].punctuality).toBe('late');
    expect(rows[2].to).toEqual({ kind: 'open' });
    expect(rows[2].at).toBeNull();
  });

  it('names the ending action of the last step', () => {
    const done = handoverRows([stepRead({ finished_at: '2026-11-20T01:10:00Z', finish_action: 'withdraw', finished_by: mai })]);
    expect(done[0].to).toEqual({ kind: 'action', action: 'withdraw' });
    expect(done[0].from).toBe('Nguyễn Thị Mai');
  });

  it('forwards only to processing steps, never to the counter', () => {
    const planned = [
      { position: 2, name: 'Lãnh đạo phê duyệt', kind: 'leader' as const, department_id: null, budget_minutes: 480 },
      { position: 3, name: 'Trả kết quả', kind: 'return' as const, department_id: null, budget_minutes: 240 },
    ];
    expect(forwardTargets(planned).map((p) => p.name)).toEqual(['Lãnh đạo phê duyệt']);
  });
});

describe('absences', () => {
  const now = new Date('2026-11-28T03:00:00Z');
  it('tell current, upcoming and past apart', () => {
    expect(absenceState({ starts_at: '2026-11-28T01:00:00Z', ends_at: '2026-11-29T01:00:00Z' }, now)).toBe('current');
    expect(absenceState({ starts_at: '2026-11-29T01:00:00Z', ends_at: '2026-11-30T01:00:00Z' }, now)).toBe('upcoming');
    expect(absenceState({ starts_at: '2026-11-27T01:00:00Z', ends_at: '2026-11-28T03:00:00Z' }, now)).toBe('past');
  });

  it('need both times, the end after the start, and a delegate other than the absent', () => {
    const base = { staffId: null, kind: 'leave' as const, from: '', to: '', delegateId: null, note: '' };
    expect(validateAbsence(base, 5)).toEqual({ from: 'validation.required', to: 'validation.required' });
    expect(validateAbsence({ ...base, from: '2026-12-01T08:00', to: '2026-12-01T08:00' }, 5)).toEqual({
      to: 'absences.endBeforeStart',
    });
    expect(validateAbsence({ ...base, from: '2026-12-01T08:00', to: '2026-12-02T17:00', delegateId: 5 }, 5)).toEqual({
      delegate: 'absences.delegateSelf',
    });
    expect(validateAbsence({ ...base, staffId: 9, from: '2026-12-01T08:00', to: '2026-12-02T17:00', delegateId: 5 }, 5)).toEqual({});
  });
});

describe('process templates', () => {
  it('turn the edited steps into the API body, hours into minutes', () => {
    const steps = [
      { name: ' Tiếp nhận ', kind: 'reception' as const, departmentId: null, hours: '0,5' },
      { name: 'Chuyên viên xử lý', kind: 'specialist' as const, departmentId: 3, hours: '12.25' },
    ];
    expect(validateSteps(steps)).toEqual({});
    expect(draftTotalMinutes(steps)).toBe(30 + 735);
    expect(stepsBody(steps)).toEqual([
      { name: 'Tiếp nhận', kind: 'reception', department_id: null, budget_minutes: 30 },
      { name: 'Chuyên viên xử lý', kind: 'specialist', department_id: 3, budget_minutes: 735 },
    ]);
  });

  it('name the problems by the API field names', () => {
    expect(validateSteps([])).toEqual({ steps: 'templates.noSteps' });
    expect(
      validateSteps([
        { name: '', kind: 'leader', departmentId: null, hours: '1' },
        { name: 'Trả kết quả', kind: 'return', departmentId: null, hours: '0.1' },
      ]),
    ).toEqual({ 'steps.0.name': 'validation.required', 'steps.1.budget_minutes': 'templates.hoursInvalid' });
    // Unreadable hours count as nothing in the running total.
    expect(draftTotalMinutes([{ name: 'x', kind: 'leader', departmentId: null, hours: 'x' }])).toBe(0);
  });

  it('load a saved template for editing with hours an input accepts', () => {
    const drafts = stepDraftsOf({
      steps: [{ name: 'Lãnh đạo phê duyệt', kind: 'leader', department_id: null, budget_minutes: 90, department_name: null }],
    });
    expect(drafts).toEqual([{ name: 'Lãnh đạo phê duyệt', kind: 'leader', departmentId: null, hours: '1.5' }]);
  });
});

describe('procedure codes of a staff member', () => {
  it('split on commas, spaces and lines, without repeats', () => {
    expect(parseProcedureCodes('1.001193, 2.000815\n1.001193 ;  ')).toEqual(['1.001193', '2.000815']);
    expect(parseProcedureCodes('   ')).toEqual([]);
  });

  it('match the national code format', () => {
    expect(PROCEDURE_CODE.test('1.001193')).toBe(true);
    expect(PROCEDURE_CODE.test('1.001193.000.00.00.H42')).toBe(false);
    expect(PROCEDURE_CODE.test('2.000815-ABC')).toBe(true);
    expect(PROCEDURE_CODE.test('1193')).toBe(false);
  });
});
