import { describe, expect, it } from 'vitest';
import type { Candidate, StaffBrief } from '../../api/types';
import { candidateReason, colleagueChoices, roleOfKind, splitCandidates } from './candidates';

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
