import { describe, expect, it } from 'vitest';
import type { StepRead } from '../../api/types';
import { currentStep, forwardTargets, handoverRows } from './chain';

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
