import { describe, expect, it } from 'vitest';
import type { ProcessingTime } from '../../../api/types';
import {
  awaitsReception,
  birthDateProblem,
  clampCount,
  compactNumber,
  durationOf,
  emptyDraft,
  feeRowsFrom,
  isEmail,
  isIdNumber,
  isPhone,
  newIdempotencyKey,
  processingTimeFor,
  tickedCount,
  toDossierCreate,
  validateIntake,
  type IntakeDraft,
} from './draft';

const TODAY = '2026-11-28';

function validDraft(): IntakeDraft {
  const d = emptyDraft();
  d.applicant = {
    full_name: 'Nguyễn Văn An',
    id_number: '001090012345',
    birth_date: '1990-05-17',
    phone: '0912345678',
    email: '',
    address: 'Thôn Đông, xã Vĩnh Hưng',
  };
  d.documents = { 0: { originals: 1, copies: 0 }, 2: { originals: 0, copies: 2 }, 1: { originals: 0, copies: 0 } };
  d.fees = [{ description: 'Lệ phí', amount: '8000' }];
  return d;
}

describe('Vietnamese identity and phone checks (as the API checks them)', () => {
  it('accepts exactly 12 digits for a citizen ID, typed with or without spaces', () => {
    expect(isIdNumber('001090012345')).toBe(true);
    expect(isIdNumber('001 090 012 345')).toBe(true);
    expect(isIdNumber('00109001234')).toBe(false); // 11 digits
    expect(isIdNumber('0010900123456')).toBe(false); // 13 digits
    expect(isIdNumber('00109001234a')).toBe(false);
  });

  it('accepts 0 or +84 followed by 9 or 10 digits not starting with 0', () => {
    expect(isPhone('0912345678')).toBe(true);
    expect(isPhone('+84912345678')).toBe(true);
    expect(isPhone('0912 345 678')).toBe(true);
    expect(isPhone('02103123456')).toBe(true); // landline with a 3-digit area code
    expect(isPhone('0012345678')).toBe(false);
    expect(isPhone('912345678')).toBe(false);
    expect(isPhone('09123456')).toBe(false);
    expect(isPhone('091234567890')).toBe(false);
    expect(compactNumber(' 0912-345.678 ')).toBe('0912345678');
  });

  it('checks e-mail addresses loosely', () => {
    expect(isEmail('an@example.vn')).toBe(true);
    expect(isEmail('an@example')).toBe(false);
    expect(isEmail('an example@x.vn')).toBe(false);
  });

  it('refuses a birth date in the future or before 1900, and accepts none', () => {
    expect(birthDateProblem('', TODAY)).toBeNull();
    expect(birthDateProblem('2026-11-28', TODAY)).toBeNull();
    expect(birthDateProblem('2026-11-29', TODAY)).toBe('validation.birthFuture');
    expect(birthDateProblem('1899-12-31', TODAY)).toBe('validation.birthTooOld');
    expect(birthDateProblem('28/11/1990', TODAY)).toBe('validation.date');
  });
});

describe('validateIntake', () => {
  it('passes a complete draft', () => {
    expect(validateIntake(validDraft(), TODAY)).toEqual({});
  });

  it('names the problems with the API field names', () => {
    const d = validDraft();
    d.applicant.full_name = ' ';
    d.applicant.id_number = '123';
    d.applicant.phone = '12345';
    d.applicant.email = 'nope';
    d.applicant.birth_date = '2030-01-01';
    d.applicant.address = '';
    d.sets_count = '0';
    d.fees = [{ description: '', amount: '-5' }];
    d.delivery = 'post';
    expect(validateIntake(d, TODAY)).toEqual({
      'applicant.full_name': 'validation.required',
      'applicant.id_number': 'validation.idNumber',
      'applicant.phone': 'validation.phone',
      'applicant.email': 'validation.email',
      'applicant.birth_date': 'validation.birthFuture',
      'applicant.address': 'validation.required',
      sets_count: 'validation.sets',
      'fees.0.description': 'validation.required',
      'fees.0.amount_vnd': 'validation.amount',
      delivery_address: 'validation.required',
    });
  });

  it('asks for the whole representative once any of it is given', () => {
    const d = validDraft();
    d.hasRepresentative = true;
    d.representative = { full_name: 'Nguyễn Văn Bố', id_number: '', relation: '' };
    expect(validateIntake(d, TODAY)).toEqual({
      'representative.id_number': 'validation.required',
      'representative.relation': 'validation.required',
    });
    d.representative = { full_name: 'Nguyễn Văn Bố', id_number: '001060012345', relation: 'Bố' };
    expect(validateIntake(d, TODAY)).toEqual({});
  });
});

describe('toDossierCreate', () => {
  it('sends received documents only, by checklist position, and cleans the input', () => {
    const d = validDraft();
    d.applicant.phone = '0912 345 678';
    d.note = '  ';
    const body = toDossierCreate(d, '1.001193');
    expect(body).toMatchObject({
      procedure_code: '1.001193',
      channel: 1,
      applicant: { phone: '0912345678', email: null, birth_date: '1990-05-17' },
      representative: null,
      documents: [
        { index: 0, originals: 1, copies: 0 },
        { index: 2, originals: 0, copies: 2 },
      ],
      sets_count: 1,
      fees: [{ description: 'Lệ phí', amount_vnd: 8000 }],
      delivery: 'counter',
      delivery_address: null,
      note: null,
      if_incomplete: 'reject',
      reason: null,
      awaiting_reception: false,
    });
  });

  it('registers an online or postal submission awaiting reception, never one at the counter', () => {
    const d = validDraft();
    d.awaitingReception = true;
    // At the counter the dossier is received now, whatever the box said before the channel changed.
    expect(awaitsReception(d)).toBe(false);
    expect(toDossierCreate(d, '1.001193').awaiting_reception).toBe(false);
    for (const [channel, code] of [
      ['online', 2],
      ['postal', 3],
    ] as const) {
      d.channel = channel;
      expect(awaitsReception(d)).toBe(true);
      // The choice for missing documents stays the default: they are judged at reception.
      const body = toDossierCreate(d, '1.001193', { ifIncomplete: 'refuse', reason: 'Thiếu giấy' });
      expect(body).toMatchObject({ channel: code, awaiting_reception: true, if_incomplete: 'reject', reason: null });
    }
    d.awaitingReception = false;
    expect(toDossierCreate(d, '1.001193').awaiting_reception).toBe(false);
  });

  it('carries the choice for an incomplete dossier and the post address', () => {
    const d = validDraft();
    d.channel = 'postal';
    d.delivery = 'post';
    d.delivery_address = 'Số 1, đường A';
    const body = toDossierCreate(d, '1.001193', { ifIncomplete: 'refuse', reason: ' Thiếu giấy chứng sinh ' });
    expect(body.channel).toBe(3);
    expect(body.delivery_address).toBe('Số 1, đường A');
    expect(body.if_incomplete).toBe('refuse');
    expect(body.reason).toBe('Thiếu giấy chứng sinh');
  });
});

describe('checklist helpers', () => {
  it('ticks a document with the counts the checklist asks for, at least one paper', () => {
    expect(tickedCount({ originals: 1, copies: 2 })).toEqual({ originals: 1, copies: 2 });
    expect(tickedCount({ originals: 0, copies: 0 })).toEqual({ originals: 1, copies: 0 });
  });

  it('keeps counts within 0..100', () => {
    expect(clampCount('')).toBe(0);
    expect(clampCount('-3')).toBe(0);
    expect(clampCount('250')).toBe(100);
    expect(clampCount('2.7')).toBe(2);
  });

  it('prefills the fees that have an amount', () => {
    expect(
      feeRowsFrom([
        { description: 'Lệ phí', amount_vnd: 0 },
        { description: 'Theo tỉnh', amount_vnd: null },
        { description: 'Bản sao', amount_vnd: 8000 },
      ]),
    ).toEqual([
      { description: 'Lệ phí', amount: '0' },
      { description: 'Bản sao', amount: '8000' },
    ]);
  });
});

describe('the processing time behind the appointment', () => {
  const pt = (channel: ProcessingTime['channel'], amount: number | null, unit: ProcessingTime['unit']): ProcessingTime => ({
    channel,
    amount,
    unit,
    text: null,
  });

  it('takes the chosen channel, else any channel with a known unit, like the API', () => {
    const times = [pt('in_person', null, null), pt('online', 3, 'working_days'), pt('postal', 5, 'working_days')];
    expect(processingTimeFor(times, 'postal')).toEqual(times[2]);
    expect(processingTimeFor(times, 'in_person')).toEqual(times[1]);
    expect(processingTimeFor([pt('in_person', null, null)], 'in_person')).toBeNull();
    expect(processingTimeFor([], 'online')).toBeNull();
  });

  it('asks the calendar for the right duration', () => {
    expect(durationOf(pt('in_person', 0, 'same_day'))).toEqual({ same_day: true });
    expect(durationOf(pt('in_person', 2.5, 'working_days'))).toEqual({ working_days: 2.5 });
    expect(durationOf(pt('in_person', 8, 'working_hours'))).toEqual({ working_hours: 8 });
    expect(durationOf(pt('in_person', 30, 'calendar_days'))).toEqual({ calendar_days: 30 });
    expect(durationOf(pt('in_person', null, 'working_days'))).toBeNull();
    expect(durationOf(null)).toBeNull();
  });
});

describe('idempotency keys', () => {
  const PATTERN = /^[A-Za-z0-9._:-]{8,100}$/; // what the API accepts

  it('are new for every form and acceptable to the API, with or without randomUUID', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(PATTERN);
    expect(newIdempotencyKey()).not.toBe(a);
    // An insecure context (plain http on the center's LAN): no randomUUID.
    const insecure = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    const b = newIdempotencyKey(insecure);
    expect(b).toMatch(/^intake-[0-9a-f]{32}$/);
    expect(b).toMatch(PATTERN);
  });
});
