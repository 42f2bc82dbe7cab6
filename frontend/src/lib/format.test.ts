import { describe, expect, it } from 'vitest';
import { getFixedT } from '../i18n';
import {
  feeSummary,
  formatDate,
  formatDateTime,
  formatFee,
  formatProcessingTime,
  formatTime,
  formatVnd,
  formatDayTime,
  localDate,
  localInputToIso,
  localLabel,
  localName,
  localText,
  nowLocalInput,
  mainProcessingTime,
  todayIso,
  weekdayOf,
} from './format';

const vi = getFixedT('vi');
const en = getFixedT('en');
const NBSP = /\u00a0/g;

describe('formatProcessingTime', () => {
  const pt = (amount: number | null, unit: 'working_days' | 'working_hours' | 'calendar_days' | 'same_day' | null, text: string | null = null) => ({
    amount,
    unit,
    text,
  });

  it('renders each unit in Vietnamese', () => {
    expect(formatProcessingTime(pt(1, 'working_days'), vi)).toBe('1 ngày làm việc');
    expect(formatProcessingTime(pt(21.5, 'working_days'), vi)).toBe('21,5 ngày làm việc');
    expect(formatProcessingTime(pt(8, 'working_hours'), vi)).toBe('8 giờ làm việc');
    expect(formatProcessingTime(pt(30, 'calendar_days'), vi)).toBe('30 ngày');
    expect(formatProcessingTime(pt(null, 'same_day'), vi)).toBe('Trong ngày');
  });

  it('renders each unit in English with plurals', () => {
    expect(formatProcessingTime(pt(1, 'working_days'), en)).toBe('1 working day');
    expect(formatProcessingTime(pt(3, 'working_days'), en)).toBe('3 working days');
    expect(formatProcessingTime(pt(4, 'working_hours'), en)).toBe('4 working hours');
    expect(formatProcessingTime(pt(null, 'same_day'), en)).toBe('Same day');
  });

  it('falls back to the original text, then to "not specified"', () => {
    expect(formatProcessingTime(pt(null, null, 'Theo quy định của UBND tỉnh'), vi)).toBe('Theo quy định của UBND tỉnh');
    expect(formatProcessingTime(pt(null, 'working_days', '  '), vi)).toBe('Chưa quy định');
    expect(formatProcessingTime(pt(null, null, null), en)).toBe('Not specified');
  });

  it('picks the in-person time for lists', () => {
    const online = { channel: 'online' as const, ...pt(2, 'working_days') };
    const inPerson = { channel: 'in_person' as const, ...pt(1, 'working_days') };
    expect(mainProcessingTime([online, inPerson])).toBe(inPerson);
    expect(mainProcessingTime([online])).toBe(online);
    expect(mainProcessingTime([])).toBeUndefined();
  });
});

describe('fees and money', () => {
  it('formats VND the Vietnamese way', () => {
    expect(formatVnd(50000).replace(NBSP, ' ')).toBe('50.000 ₫');
    expect(formatVnd(1250000).replace(NBSP, ' ')).toBe('1.250.000 ₫');
  });

  it('says free, an amount, or the note', () => {
    expect(formatFee({ amount_vnd: 0, note: null }, vi)).toBe('Miễn phí');
    expect(formatFee({ amount_vnd: 0, note: null }, en)).toBe('Free');
    expect(formatFee({ amount_vnd: 8000, note: 'mỗi bản' }, vi).replace(NBSP, ' ')).toBe('8.000 ₫');
    expect(formatFee({ amount_vnd: null, note: 'Do HĐND tỉnh quy định' }, vi)).toBe('Do HĐND tỉnh quy định');
    expect(formatFee({ amount_vnd: null, note: null }, vi)).toBe('Chưa quy định');
  });

  it('summarises a list of fees', () => {
    expect(feeSummary([], vi)).toBe('Chưa quy định');
    expect(feeSummary([{ description: 'Lệ phí', amount_vnd: 0, note: null }], vi)).toBe('Miễn phí');
    expect(
      feeSummary(
        [
          { description: 'Theo tỉnh', amount_vnd: null, note: 'Theo tỉnh' },
          { description: 'Bản sao', amount_vnd: 8000, note: null },
        ],
        vi,
      ).replace(NBSP, ' '),
    ).toBe('8.000 ₫');
  });
});

describe('dates in Asia/Ho_Chi_Minh', () => {
  it('formats instants in Vietnam time whatever the machine time zone', () => {
    // 17:30 UTC is 00:30 the next day in Hanoi.
    expect(formatDateTime('2026-04-29T17:30:00Z')).toBe('00:30 30/04/2026');
    expect(formatDate('2026-04-29T17:30:00Z')).toBe('30/04/2026');
    expect(formatTime('2026-04-30T01:05:00+00:00')).toBe('08:05');
    expect(todayIso(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01-01');
  });

  it('never shifts a bare calendar date', () => {
    expect(formatDate('2026-09-02')).toBe('02/09/2026');
    expect(formatDate(null)).toBe('');
  });

  it('counts weekdays from Monday = 0 and builds offsets for the API', () => {
    expect(weekdayOf('2026-11-30')).toBe(0); // a Monday
    expect(weekdayOf('2026-11-29')).toBe(6); // a Sunday
    expect(localInputToIso('2026-11-28T08:30')).toBe('2026-11-28T08:30:00+07:00');
  });

  it('picks the name in the current language', () => {
    expect(localName({ name_vi: 'Hộ tịch', name_en: 'Civil status' }, 'en')).toBe('Civil status');
    expect(localName({ name_vi: 'Hộ tịch', name_en: null }, 'en')).toBe('Hộ tịch');
    expect(localName({ name_vi: 'Hộ tịch', name_en: 'Civil status' }, 'vi')).toBe('Hộ tịch');
  });
});

describe('dossier dates and bilingual labels', () => {
  it('gives the calendar day in Vietnam and the public page order dd/MM/yyyy HH:mm', () => {
    expect(localDate('2026-11-29T17:30:00Z')).toBe('2026-11-30');
    expect(localDate('2026-11-29')).toBe('2026-11-29');
    expect(formatDayTime('2026-11-29T17:30:00Z')).toBe('30/11/2026 00:30');
    expect(formatDayTime(null)).toBe('');
    expect(nowLocalInput('2026-11-30T10:00:00Z')).toBe('2026-11-30T17:00');
  });

  it('picks the API label or text of the current language', () => {
    const status = { label_vi: 'Đã tiếp nhận', label_en: 'Received' };
    expect(localLabel(status, 'vi')).toBe('Đã tiếp nhận');
    expect(localLabel(status, 'en')).toBe('Received');
    expect(localText({ text_vi: 'còn 1 ngày', text_en: '1 day left' }, 'en')).toBe('1 day left');
    expect(localText({ text_vi: 'còn 1 ngày', text_en: '' }, 'en')).toBe('còn 1 ngày');
  });
});
