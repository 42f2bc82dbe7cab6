/** How counts of work read: the bell's badge and the board's on-time share. Pure. */

/** "99+" beyond 99, so that the bell's badge keeps its size. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/** A share 0–1 as a whole percentage ("83 %"), or null when nothing was finished yet. */
export function formatShare(share: number | null | undefined, lang: string): string | null {
  if (share === null || share === undefined) return null;
  return new Intl.NumberFormat(lang.startsWith('en') ? 'en-US' : 'vi-VN', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}
