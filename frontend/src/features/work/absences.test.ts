import { describe, expect, it } from 'vitest';
import { absenceState, validateAbsence } from './absences';

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
