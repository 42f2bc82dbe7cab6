export type Interval = { start: string; end: string };

/** Problems with one weekday's intervals: empty times, end before start, overlaps. */
export function intervalProblems(day: Interval[]): string | null {
  const sorted = [...day].sort((a, b) => a.start.localeCompare(b.start));
  for (const [i, iv] of sorted.entries()) {
    if (!iv.start || !iv.end) return 'calendar.errEmpty';
    if (iv.start >= iv.end) return 'calendar.errOrder';
    if (i > 0 && sorted[i - 1].end > iv.start) return 'calendar.errOverlap';
  }
  return null;
}
