import type { TFunction } from '../i18n';

/** The body of every 4xx answer: `{code, message, fields: [{field, message}], details: [...]}`. */
export interface ErrorBody {
  code: string;
  message: string;
  fields: { field: string; message: string }[];
  /** What the error is about, e.g. the missing mandatory documents of a refused intake (409). */
  details?: string[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody | null;
  /** Seconds from the Retry-After header (429), when present. */
  readonly retryAfter: number | null;

  constructor(status: number, body: ErrorBody | null, retryAfter: number | null = null) {
    super(body?.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Turns an openapi-fetch result into its data, or throws an ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body = isErrorBody(error)
      ? {
          ...error,
          fields: Array.isArray(error.fields) ? error.fields : [],
          details: Array.isArray(error.details) ? error.details.map(String) : [],
        }
      : null;
    throw new ApiError(response.status, body, parseRetryAfter(response.headers.get('Retry-After')));
  }
  return data as T;
}

/** `body.username` → `username`; `body.documents.0.name` → `documents.0.name`. */
export function fieldName(field: string): string {
  const parts = field.split('.');
  return ['body', 'query', 'path', 'header'].includes(parts[0]) ? parts.slice(1).join('.') : field;
}

/** Field errors of a 422 answer keyed by field name without its location. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.body) return {};
  const out: Record<string, string> = {};
  for (const f of error.body.fields) {
    const name = fieldName(f.field);
    if (!(name in out)) out[name] = f.message;
  }
  return out;
}

/** The `details` of an error answer (e.g. the missing documents of a 409), or an empty list. */
export function errorDetails(error: unknown): string[] {
  return error instanceof ApiError && error.body?.details ? error.body.details : [];
}

export interface MessageOptions {
  /** A message for a status that means something specific on this screen (e.g. 401 on login). */
  byStatus?: Partial<Record<number, string>>;
}

/** The one place that turns any error into a sentence for the user, in the current language. */
export function errorMessage(error: unknown, t: TFunction, options: MessageOptions = {}): string {
  if (error instanceof ApiError) {
    const special = options.byStatus?.[error.status];
    if (special) return special;
    const code = error.body?.code;
    if (code && t(`errors.code.${code}`, { defaultValue: '' })) {
      return t(`errors.code.${code}`);
    }
    switch (error.status) {
      case 400:
      case 409:
        return error.body?.message
          ? t(`errors.status.${error.status}_detail`, { detail: error.body.message })
          : t(`errors.status.${error.status}`);
      case 401:
        return t('errors.status.401');
      case 403:
        return t('errors.status.403');
      case 404:
        return t('errors.status.404');
      case 422: {
        const fields = error.body?.fields ?? [];
        if (fields.length === 0) return t('errors.status.422');
        const list = fields.map((f) => `${t(`fields.${fieldName(f.field)}`, { defaultValue: fieldName(f.field) })}: ${f.message}`);
        return `${t('errors.status.422')} ${list.join('; ')}`;
      }
      case 429:
        return error.retryAfter !== null
          ? t('errors.status.429_wait', { seconds: error.retryAfter })
          : t('errors.status.429');
      default:
        return error.status >= 500 ? t('errors.status.5xx') : t('errors.unknown', { status: error.status });
    }
  }
  if (error instanceof TypeError) return t('errors.network');
  return t('errors.unexpected');
}
