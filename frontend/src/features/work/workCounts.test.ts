import { describe, expect, it } from 'vitest';
import { badgeText, formatShare } from './workCounts';

describe('counts of work', () => {
  it('caps the bell badge at 99+', () => {
    expect(badgeText(0)).toBe('0');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });

  it('format a share as a whole percentage, or nothing when none finished', () => {
    expect(formatShare(0.8261, 'en')).toBe('83%');
    expect(formatShare(1, 'vi')).toMatch(/^100\s?%$/);
    expect(formatShare(null, 'vi')).toBeNull();
  });
});
