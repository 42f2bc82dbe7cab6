/** Step budgets are kept in working minutes and edited in hours, in quarters of an hour. Pure. */

/** Budgets are edited in hours, in quarters of an hour. */
export const HOUR_STEP = 0.25;
/** The API's largest step budget (working minutes). */
export const MAX_BUDGET_MINUTES = 175_200;

/** 1.5 → 90. Rounded to whole minutes. */
export function hoursToMinutes(hours: number): number {
  return Math.round(hours * 60);
}

/** 90 → 1.5; rounded to two decimals so 20 minutes reads 0.33 and not 0.3333…. */
export function minutesToHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/**
 * What someone typed as hours ("1,5", "1.5", " 2 ") as a number; null when it is not a number ≥ 0 in
 * quarters of an hour within the API's limit.
 */
export function parseHours(text: string): number | null {
  const clean = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(clean)) return null;
  const hours = Number(clean);
  if (!Number.isFinite(hours) || hours < 0) return null;
  if (Math.abs(hours / HOUR_STEP - Math.round(hours / HOUR_STEP)) > 1e-9) return null;
  if (hoursToMinutes(hours) > MAX_BUDGET_MINUTES) return null;
  return hours;
}

/** Working minutes as hours in the language's number format: 90 → "1,5" (vi) / "1.5" (en). */
export function formatHours(minutes: number, lang: string): string {
  // No grouping: "1.000" would read back as one hour in Vietnamese input.
  return new Intl.NumberFormat(lang.startsWith('en') ? 'en-US' : 'vi-VN', {
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(minutesToHours(minutes));
}
