import { describe, expect, it } from 'vitest';
import type { DossierAction } from '../../api/types';
import {
  actionBody,
  actionFields,
  ACTIONS,
  formAfter,
  isDangerAction,
  missingDocumentsOf,
  offeredActions,
  validateAction,
  type ActionValues,
} from './actions';

function values(text: ActionValues['text'], missing: string[] = [], idChecked = false): ActionValues {
  return { text, missing, idChecked };
}

describe('the actions of the contract', () => {
  it('are offered in the order of the table, whatever order the API lists them in', () => {
    expect(offeredActions(['withdraw', 'forward', 'receive'])).toEqual(['receive', 'forward', 'withdraw']);
    expect(offeredActions([])).toEqual([]);
  });

  it('show the ones that end or refuse the dossier as danger buttons', () => {
    const danger = (Object.keys(ACTIONS) as DossierAction[]).filter(isDangerAction);
    expect(danger).toEqual(['refuse_at_reception', 'refuse_to_resolve', 'stop', 'withdraw']);
  });

  it('offer the receipt after receiving and form 03 after refusing at reception', () => {
    expect(formAfter('receive')).toBe('01');
    expect(formAfter('refuse_at_reception')).toBe('03');
    expect(formAfter('forward')).toBeUndefined();
  });
});

describe('action forms', () => {
  const counter: { delivery: 'counter' | 'post'; supplementRequests: number } = { delivery: 'counter', supplementRequests: 0 };

  it('ask exactly for the fields the workflow requires', () => {
    const names = (action: Parameters<typeof actionFields>[0], facts = counter) =>
      actionFields(action, facts).map((f) => `${f.name}${f.required ? '*' : ''}`);
    expect(names('forward')).toEqual(['to_step', 'assignee_id', 'note']);
    expect(names('request_supplement')).toEqual(['missing_documents*', 'reason*']);
    expect(names('request_supplement', { ...counter, supplementRequests: 1 })).toEqual([
      'missing_documents*',
      'reason*',
      'second_request_reason*',
    ]);
    expect(names('request_payment')).toEqual(['amount_vnd*', 'reason*']);
    expect(names('approve')).toEqual(['decision_note']);
    expect(names('extend')).toEqual(['new_due_at*', 'reason*']);
    expect(names('mark_done')).toEqual(['result_number*', 'result_date*']);
    expect(names('return_result')).toEqual(['collected_by*', 'relation*', 'id_checked*']);
    expect(names('return_result', { ...counter, delivery: 'post' })).toEqual(['collected_by*', 'relation*', 'tracking_number*']);
    for (const a of ['stop', 'withdraw', 'refuse_to_resolve', 'refuse_at_reception'] as const) expect(names(a)).toEqual(['reason*']);
    // Receiving an online or postal submission: the server computes the appointment, a note may go with it.
    expect(names('receive')).toEqual(['note']);
    expect(actionBody(actionFields('receive', counter), values({}))).toEqual({});
    expect(actionBody(actionFields('receive', counter), values({ note: ' Đủ giấy tờ ' }))).toEqual({ note: 'Đủ giấy tờ' });
    expect(validateAction(actionFields('refuse_at_reception', counter), values({ reason: ' ' }))).toEqual({
      reason: 'validation.required',
    });
    for (const a of ['supplement_received', 'payment_received'] as const) expect(names(a)).toEqual(['note']);
  });

  it('check the fields before sending', () => {
    const supplement = actionFields('request_supplement', counter);
    expect(validateAction(supplement, values({ reason: ' ' }))).toEqual({
      missing_documents: 'validation.pickDocuments',
      reason: 'validation.required',
    });
    expect(validateAction(supplement, values({ reason: 'Thiếu', missing_documents: 'Giấy A\n' }))).toEqual({});

    const payment = actionFields('request_payment', counter);
    expect(validateAction(payment, values({ amount_vnd: '12a', reason: 'Phí' }))).toEqual({ amount_vnd: 'validation.amount' });

    const ret = actionFields('return_result', counter);
    expect(validateAction(ret, values({ collected_by: 'An', relation: 'Bản thân' }))).toEqual({ id_checked: 'validation.idChecked' });
    expect(validateAction(ret, values({ collected_by: 'An', relation: 'Bản thân' }, [], true))).toEqual({});

    const extend = actionFields('extend', counter);
    const dueAt = '2026-11-30T10:00:00Z'; // 17:00 30/11 in Hanoi
    expect(validateAction(extend, values({ new_due_at: '2026-11-30T17:00', reason: 'x' }), { dueAt })).toEqual({
      new_due_at: 'validation.laterThanDue',
    });
    expect(validateAction(extend, values({ new_due_at: '2026-12-01T17:00', reason: 'x' }), { dueAt })).toEqual({});
  });

  it('send only the action fields, trimmed and typed', () => {
    expect(actionBody(actionFields('forward', counter), values({ to_step: ' Chuyên viên xử lý ', note: '', reason: 'x' }))).toEqual({
      to_step: 'Chuyên viên xử lý',
    });
    expect(actionBody(actionFields('forward', counter), values({ to_step: 'Lãnh đạo phê duyệt', assignee_id: '12' }))).toEqual({
      to_step: 'Lãnh đạo phê duyệt',
      assignee_id: 12,
    });
    // Nothing chosen: the plan's next step, to whoever auto-assignment picks.
    expect(actionBody(actionFields('forward', counter), values({ to_step: '', assignee_id: '' }))).toEqual({});
    expect(
      actionBody(
        actionFields('request_supplement', { ...counter, supplementRequests: 1 }),
        values({ reason: 'Thiếu', second_request_reason: 'Phát sinh', missing_documents: 'Giấy B\nTờ khai' }, ['Tờ khai']),
      ),
    ).toEqual({ missing_documents: ['Tờ khai', 'Giấy B'], reason: 'Thiếu', second_request_reason: 'Phát sinh' });
    expect(actionBody(actionFields('request_payment', counter), values({ amount_vnd: '8000', reason: 'Phí' }))).toEqual({
      amount_vnd: 8000,
      reason: 'Phí',
    });
    expect(actionBody(actionFields('extend', counter), values({ new_due_at: '2026-12-01T17:00', reason: 'x' }))).toEqual({
      new_due_at: '2026-12-01T17:00:00+07:00',
      reason: 'x',
    });
    expect(actionBody(actionFields('return_result', counter), values({ collected_by: 'An', relation: 'Bố' }, [], true))).toEqual({
      collected_by: 'An',
      relation: 'Bố',
      id_checked: true,
    });
  });

  it('list missing documents once, ticked first', () => {
    expect(missingDocumentsOf(values({ missing_documents: 'A\n\n B \nA' }, ['A', 'C']))).toEqual(['A', 'C', 'B']);
  });
});
