import type { TFunction } from '../i18n';
import type { Fee, ProcessingTime } from '../api/types';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string | Date): Record<string, string> | null {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of dateParts.formatToParts(d)) out[p.type] = p.value;
  return out;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** dd/MM/yyyy. A bare date ("2026-04-30") is a calendar date and is never shifted by time zones. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year}` : String(value);
}

/** HH:mm in Asia/Ho_Chi_Minh. */
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const p = parts(value);
  return p ? `${p.hour}:${p.minute}` : String(value);
}

/** HH:mm dd/MM/yyyy, the order used on Vietnamese receipts. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const p = parts(value);
  return p ? `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}` : String(value);
}

/** The calendar day of an instant in Asia/Ho_Chi_Minh as yyyy-MM-dd (a bare date is returned as it is). */
export function localDate(value: string | Date): string {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : '';
}

/** dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh, the order used on the public tracking page. */
export function formatDayTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const p = parts(value);
  return p ? `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}` : String(value);
}

/** Today's date in Asia/Ho_Chi_Minh as yyyy-MM-dd. */
export function todayIso(now: Date = new Date()): string {
  const p = parts(now)!;
  return `${p.year}-${p.month}-${p.day}`;
}

/** Current year in Asia/Ho_Chi_Minh. */
export function currentYear(now: Date = new Date()): number {
  return Number(parts(now)!.year);
}

/** "2026-11-28T08:30" (a datetime-local value, center time) → ISO with the +07:00 offset. */
export function localInputToIso(value: string): string {
  const withSeconds = /T\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
  return `${withSeconds}+07:00`;
}

/** An instant as a datetime-local value in center time (now by default). */
export function nowLocalInput(now: Date | string = new Date()): string {
  const p = parts(now)!;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Monday = 0 … Sunday = 6, as the API counts, for a yyyy-MM-dd date. */
export function weekdayOf(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return (js + 6) % 7;
}

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 50000 → "50.000 ₫". */
export function formatVnd(amount: number): string {
  return vnd.format(amount);
}

export function formatNumber(value: number): string {
  return number.format(value);
}

/** One processing time in words: "1 ngày làm việc", "8 giờ làm việc", "Trong ngày"; else the source text. */
export function formatProcessingTime(pt: Pick<ProcessingTime, 'amount' | 'unit' | 'text'>, t: TFunction): string {
  if (pt.unit === 'same_day') return t('time.same_day');
  if (pt.unit && pt.amount !== null && pt.amount !== undefined) {
    return t(`time.${pt.unit}`, { count: pt.amount, amount: formatNumber(pt.amount) });
  }
  const text = pt.text?.trim();
  return text ? text : t('time.unspecified');
}

/** One fee: "Miễn phí", "50.000 ₫", or the note when the amount is not fixed. */
export function formatFee(fee: Pick<Fee, 'amount_vnd' | 'note'>, t: TFunction): string {
  if (fee.amount_vnd === 0) return t('fees.free');
  if (fee.amount_vnd !== null && fee.amount_vnd !== undefined) return formatVnd(fee.amount_vnd);
  const note = fee.note?.trim();
  return note ? note : t('time.unspecified');
}

/** A short fee summary for a list: the first fee, or "Chưa quy định". */
export function feeSummary(fees: Pick<Fee, 'amount_vnd' | 'note' | 'description'>[], t: TFunction): string {
  if (fees.length === 0) return t('time.unspecified');
  const known = fees.filter((f) => f.amount_vnd !== null && f.amount_vnd !== undefined);
  if (known.length > 0 && known.every((f) => f.amount_vnd === 0)) return t('fees.free');
  return formatFee(known[0] ?? fees[0], t);
}

/** The processing time to show in a list: in person first. */
export function mainProcessingTime(times: ProcessingTime[]): ProcessingTime | undefined {
  return times.find((x) => x.channel === 'in_person') ?? times[0];
}

/** The name in the current language, falling back to Vietnamese. */
export function localName(item: { name_vi: string; name_en?: string | null }, lang: string): string {
  return lang.startsWith('en') && item.name_en ? item.name_en : item.name_vi;
}

/** A label given by the API in both languages (`label_vi`, `label_en`), or `text_vi`/`text_en`. */
export function localLabel(item: { label_vi: string; label_en: string }, lang: string): string {
  return lang.startsWith('en') && item.label_en ? item.label_en : item.label_vi;
}

export function localText(item: { text_vi: string; text_en: string }, lang: string): string {
  return lang.startsWith('en') && item.text_en ? item.text_en : item.text_vi;
}
