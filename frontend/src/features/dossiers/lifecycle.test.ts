import { describe, expect, it } from 'vitest';
import type { DossierEvent } from '../../api/types';
import {
  applicableForms,
  buildControlRows,
  dueBefore,
  missingWithCounts,
  pauseReason,
  punctualityAt,
  remainingTone,
  supplementRequests,
  wasReceived,
} from './lifecycle';

let seq = 0;
function event(partial: Partial<DossierEvent> & Pick<DossierEvent, 'action' | 'to_status'>): DossierEvent {
  seq += 1;
  return {
    seq,
    at: '2026-11-23T02:00:00Z',
    actor: { id: 1, full_name: 'Nguyễn Thị Mai' },
    from_status: null,
    note: null,
    data: {},
    ...partial,
  };
}

describe('remaining time styling', () => {
  it('is red when overdue, amber when due within 24 hours, plain otherwise', () => {
    expect(remainingTone({ is_overdue: true, is_due_soon: false })).toBe('overdue');
    expect(remainingTone({ is_overdue: true, is_due_soon: true })).toBe('overdue');
    expect(remainingTone({ is_overdue: false, is_due_soon: true })).toBe('due-soon');
    expect(remainingTone({ is_overdue: false, is_due_soon: false })).toBeNull();
    expect(remainingTone(null)).toBeNull();
  });

  it('says what a paused clock waits for, from the API flag and the status', () => {
    const s = (code: number) => ({ code });
    expect(pauseReason({ is_paused: true, status: s(5) })).toBe('supplement');
    expect(pauseReason({ is_paused: true, status: s(6) })).toBe('payment');
    expect(pauseReason({ is_paused: true, status: s(4) })).toBe('other');
    // Waiting for payment does not pause the clock everywhere (a setting): the flag decides.
    expect(pauseReason({ is_paused: false, status: s(6) })).toBeNull();
    expect(pauseReason({ is_paused: false, status: s(4) })).toBeNull();
  });
});

describe('early / on time / late at date level in Vietnam', () => {
  it('compares calendar days, not hours', () => {
    // Due 17:00 on 30/11 (10:00 UTC).
    const due = '2026-11-30T10:00:00Z';
    expect(punctualityAt('2026-11-29T09:00:00Z', due)).toBe('early');
    expect(punctualityAt('2026-11-30T01:00:00Z', due)).toBe('on_time');
    expect(punctualityAt('2026-11-30T16:59:00Z', due)).toBe('on_time'); // 23:59 the same day in Hanoi
    expect(punctualityAt('2026-11-30T17:01:00Z', due)).toBe('late'); // 00:01 the next day in Hanoi
  });
});

describe('printable forms that apply', () => {
  const status = (code: number) => ({ status: { code, label_vi: '', label_en: '' } });

  it('always offers 01 and 06, and 02–05 after the event that produces them', () => {
    expect(applicableForms(status(2), [{ action: 'receive' }])).toEqual(['01', '06']);
    expect(
      applicableForms(status(8), [
        { action: 'receive' },
        { action: 'request_supplement' },
        { action: 'supplement_received' },
        { action: 'extend' },
        { action: 'stop' },
      ]),
    ).toEqual(['01', '02', '04', '05', '06']);
    expect(applicableForms(status(3), [{ action: 'refuse_at_reception' }])).toEqual(['01', '03', '06']);
  });

  it('offers the receipt (01) only once an online or postal submission has been received', () => {
    // Registered, waiting for its reception: nothing received, no appointment to print.
    expect(applicableForms(status(1), [{ action: 'submit' }])).toEqual(['06']);
    expect(applicableForms(status(1), [])).toEqual(['06']);
    expect(applicableForms(status(2), [{ action: 'submit' }, { action: 'receive' }])).toEqual(['01', '06']);
    // Refused at its reception: the refusal (03), never a receipt.
    expect(applicableForms(status(3), [{ action: 'submit' }, { action: 'refuse_at_reception' }])).toEqual(['03', '06']);
  });

  it('knows whether the center received the dossier', () => {
    expect(wasReceived(status(1), [{ action: 'submit' }])).toBe(false);
    expect(wasReceived(status(2), [{ action: 'submit' }, { action: 'receive' }])).toBe(true);
    expect(wasReceived(status(3), [{ action: 'submit' }, { action: 'refuse_at_reception' }])).toBe(false);
    // At the counter: received (or refused) there, in person.
    expect(wasReceived(status(2), [{ action: 'receive' }])).toBe(true);
    expect(wasReceived(status(5), [{ action: 'request_supplement' }])).toBe(true);
  });

  it('counts supplement requests, at the counter or later', () => {
    expect(supplementRequests([{ action: 'request_supplement' }, { action: 'forward' }, { action: 'request_supplement' }])).toBe(2);
  });
});

describe('process control sheet (form 06)', () => {
  it('has one row per event, with who handed the dossier from where to where', () => {
    const events = [
      event({ action: 'receive', to_status: 2, at: '2026-11-23T01:00:00Z', data: { due_at: '2026-11-23T17:00:00+07:00' } }),
      event({ action: 'forward', from_status: 2, to_status: 4, data: { to_step: 'Chuyên viên xử lý' } }),
      event({ action: 'approve', from_status: 4, to_status: 4, note: 'Đồng ý', actor: { id: 2, full_name: 'Trần Văn Quang' } }),
      event({ action: 'mark_done', from_status: 4, to_status: 9, at: '2026-11-23T08:00:00Z' }),
      event({ action: 'return_result', from_status: 9, to_status: 10, at: '2026-11-25T02:00:00Z' }),
    ];
    const rows = buildControlRows([...events].reverse(), { due_at: '2026-11-23T10:00:00Z' });
    expect(rows.map((r) => r.action)).toEqual(['receive', 'forward', 'approve', 'mark_done', 'return_result']);
    expect(rows.map((r) => [r.from, r.to])).toEqual([
      [{ kind: 'applicant' }, { kind: 'reception' }],
      [{ kind: 'reception' }, { kind: 'step', name: 'Chuyên viên xử lý' }],
      [
        { kind: 'step', name: 'Chuyên viên xử lý' },
        { kind: 'step', name: 'Chuyên viên xử lý' },
      ],
      [{ kind: 'step', name: 'Chuyên viên xử lý' }, { kind: 'result' }],
      [{ kind: 'result' }, { kind: 'applicant' }],
    ]);
    expect(rows[2]).toMatchObject({ actor: 'Trần Văn Quang', note: 'Đồng ý', fromStatus: 4, toStatus: 4 });
    // Only the finishing row (done, the same day as the appointment) is judged; handing over later is not.
    expect(rows.map((r) => r.punctuality)).toEqual([null, null, null, 'on_time', null]);
  });

  it('judges the finish of a stopped or late dossier, and nothing without an appointment', () => {
    const late = [
      event({ action: 'receive', to_status: 2 }),
      event({ action: 'stop', from_status: 2, to_status: 8, at: '2026-11-27T03:00:00Z' }),
    ];
    expect(buildControlRows(late, { due_at: '2026-11-26T10:00:00Z' }).map((r) => r.punctuality)).toEqual([null, 'late']);
    expect(buildControlRows(late, { due_at: null }).map((r) => r.punctuality)).toEqual([null, null]);
    const refused = [event({ action: 'refuse_at_reception', to_status: 3 })];
    expect(buildControlRows(refused, { due_at: null })[0]).toMatchObject({ punctuality: null, to: { kind: 'reception' } });
  });

  it('brings an online or postal submission to reception, where it is received or refused', () => {
    const submitted = event({ action: 'submit', to_status: 1, at: '2026-11-22T14:00:00Z', actor: null });
    const received = event({
      action: 'receive',
      from_status: 1,
      to_status: 2,
      at: '2026-11-23T01:30:00Z',
      data: { due_at: '2026-11-24T10:00:00Z', received_at: '2026-11-23T01:30:00Z' },
    });
    const forwarded = event({ action: 'forward', from_status: 2, to_status: 4, data: { to_step: 'Chuyên viên xử lý' } });
    const rows = buildControlRows([forwarded, received, submitted], { due_at: '2026-11-24T10:00:00Z' });
    expect(rows.map((r) => r.action)).toEqual(['submit', 'receive', 'forward']);
    expect(rows.map((r) => [r.from, r.to])).toEqual([
      [{ kind: 'applicant' }, { kind: 'reception' }],
      [{ kind: 'reception' }, { kind: 'reception' }],
      [{ kind: 'reception' }, { kind: 'step', name: 'Chuyên viên xử lý' }],
    ]);
    expect(rows.map((r) => [r.fromStatus, r.toStatus])).toEqual([
      [null, 1],
      [1, 2],
      [2, 4],
    ]);
    expect(rows[0].actor).toBeNull();
    // Nothing is finished yet: no row is judged.
    expect(rows.map((r) => r.punctuality)).toEqual([null, null, null]);

    // Refused at its reception: it stays at reception, and a refusal is never early, on time or late.
    const refused = buildControlRows(
      [submitted, event({ action: 'refuse_at_reception', from_status: 1, to_status: 3, note: 'Thiếu tờ khai' })],
      { due_at: null },
    );
    expect(refused.map((r) => [r.from, r.to])).toEqual([
      [{ kind: 'applicant' }, { kind: 'reception' }],
      [{ kind: 'reception' }, { kind: 'reception' }],
    ]);
    expect(refused[1]).toMatchObject({ punctuality: null, note: 'Thiếu tờ khai', fromStatus: 1, toStatus: 3 });
  });

  it('keeps the place when a forward names no step', () => {
    const rows = buildControlRows(
      [event({ action: 'receive', to_status: 2 }), event({ action: 'forward', from_status: 2, to_status: 4, data: {} })],
      { due_at: null },
    );
    expect(rows[1].to).toEqual({ kind: 'reception' });
  });
});

describe('forms 02 and 04', () => {
  it('gives the checklist counts of the documents asked for', () => {
    const checklist = [{ name: 'Tờ khai', originals_required: 1, copies_required: 0 }];
    expect(missingWithCounts(['Tờ khai', 'Giấy khác'], checklist)).toEqual([
      { name: 'Tờ khai', originals: 1, copies: 0 },
      { name: 'Giấy khác', originals: null, copies: null },
    ]);
  });

  it('finds the appointment in force before an extension', () => {
    const events = [
      { seq: 1, data: { due_at: '2026-11-23T17:00:00+07:00' } },
      { seq: 2, data: {} },
      { seq: 3, data: { due_at: '2026-11-24T17:00:00+07:00', paused_working_minutes: 480 } },
      { seq: 4, data: { due_at: '2026-11-30T17:00:00+07:00' } },
    ];
    expect(dueBefore(events, 4, null)).toBe('2026-11-24T17:00:00+07:00');
    expect(dueBefore(events, 1, '2026-11-20T10:00:00Z')).toBe('2026-11-20T10:00:00Z');
  });
});
