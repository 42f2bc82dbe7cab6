import { describe, expect, it } from 'vitest';
import { formatHours, hoursToMinutes, minutesToHours, parseHours } from './hours';

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
});
