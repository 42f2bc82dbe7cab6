import { describe, expect, it } from 'vitest';
import { draftTotalMinutes, stepDraftsOf, stepsBody, validateSteps } from './templateDraft';

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
