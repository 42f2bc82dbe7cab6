import { describe, expect, it } from 'vitest';
import type { WorkItem } from '../../api/types';
import { sortByStepDue, workTabFrom, workTone } from './urgency';

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
});
