import { describe, expect, it } from 'vitest';
import { getFixedT } from '../i18n';
import { ApiError, errorDetails, errorMessage, fieldErrors, fieldName, unwrap } from './errors';

const vi = getFixedT('vi');
const en = getFixedT('en');

function body(code: string, message: string, fields: { field: string; message: string }[] = []) {
  return { code, message, fields };
}

describe('errorMessage', () => {
  it('says the session ended on 401 and can be told what 401 means on a screen', () => {
    const err = new ApiError(401, body('not_authenticated', 'Not authenticated'));
    expect(errorMessage(err, vi)).toBe('Phiên làm việc đã hết. Vui lòng đăng nhập lại.');
    expect(errorMessage(err, vi, { byStatus: { 401: vi('login.invalid') } })).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(errorMessage(err, en, { byStatus: { 401: en('login.invalid') } })).toBe('Wrong username or password.');
  });

  it('gives the wait from Retry-After on 429', () => {
    const err = new ApiError(429, body('too_many_attempts', 'Too many'), 42);
    expect(errorMessage(err, vi)).toBe('Quá nhiều lần thử. Vui lòng thử lại sau 42 giây.');
    expect(errorMessage(err, en)).toBe('Too many attempts. Please try again in 42 seconds.');
    expect(errorMessage(new ApiError(429, null, null), vi)).toBe('Quá nhiều lần thử. Vui lòng thử lại sau ít phút.');
  });

  it('lists the fields of a 422 with their translated names', () => {
    const err = new ApiError(
      422,
      body('validation_error', 'Invalid', [
        { field: 'body.username', message: 'Field required' },
        { field: 'query.size', message: 'must be ≤ 100' },
      ]),
    );
    expect(errorMessage(err, vi)).toBe(
      'Dữ liệu chưa hợp lệ. Tên đăng nhập: Field required; Số mục mỗi trang: must be ≤ 100',
    );
    expect(errorMessage(err, en)).toBe('Some data is not valid. Username: Field required; Page size: must be ≤ 100');
  });

  it('keeps the server detail for conflicts and bad requests', () => {
    const err = new ApiError(409, body('conflict', 'username "an" exists'));
    expect(errorMessage(err, vi)).toBe('Dữ liệu bị trùng hoặc xung đột: username "an" exists');
    expect(errorMessage(new ApiError(400, null), en)).toBe('The request is not valid.');
  });

  it('prefers a known error code over the status', () => {
    const err = new ApiError(409, body('duplicate_username', 'dup'));
    expect(errorMessage(err, vi)).toBe('Tên đăng nhập đã được dùng.');
  });

  it('covers 403, 404, 5xx, network and unknown errors', () => {
    expect(errorMessage(new ApiError(403, null), vi)).toBe('Bạn không có quyền thực hiện thao tác này.');
    expect(errorMessage(new ApiError(404, null), en)).toBe('Not found.');
    expect(errorMessage(new ApiError(503, null), vi)).toBe('Máy chủ đang gặp sự cố. Vui lòng thử lại sau.');
    expect(errorMessage(new TypeError('Failed to fetch'), vi)).toBe(
      'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    );
    expect(errorMessage(new Error('boom'), en)).toBe('Something unexpected went wrong. Please try again.');
    expect(errorMessage(new ApiError(418, null), en)).toBe('The request failed (status 418).');
  });
});

describe('fieldErrors', () => {
  it('keys the first message per field, without its location', () => {
    const err = new ApiError(
      422,
      body('validation_error', 'Invalid', [
        { field: 'body.username', message: 'too short' },
        { field: 'body.username', message: 'second' },
        { field: 'body.documents.0.name', message: 'required' },
      ]),
    );
    expect(fieldErrors(err)).toEqual({ username: 'too short', 'documents.0.name': 'required' });
    expect(fieldErrors(new Error('x'))).toEqual({});
    expect(fieldName('custom')).toBe('custom');
  });
});

describe('unwrap', () => {
  it('returns data of a 2xx and throws an ApiError with Retry-After otherwise', async () => {
    const ok = { data: { a: 1 }, response: new Response('{}', { status: 200 }) };
    await expect(unwrap(Promise.resolve(ok))).resolves.toEqual({ a: 1 });

    const failed = {
      error: body('too_many_attempts', 'slow down'),
      response: new Response('', { status: 429, headers: { 'Retry-After': '30' } }),
    };
    const err = await unwrap(Promise.resolve(failed)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    expect((err as ApiError).retryAfter).toBe(30);
    expect((err as ApiError).body?.code).toBe('too_many_attempts');

    const notJson = { error: 'Internal Server Error', response: new Response('', { status: 500 }) };
    const err2 = (await unwrap(Promise.resolve(notJson)).catch((e: unknown) => e)) as ApiError;
    expect(err2.body).toBeNull();
    expect(err2.status).toBe(500);
  });
});

describe('errorDetails', () => {
  it('gives what a 409 is about, e.g. the missing documents of an intake', async () => {
    const failed = {
      error: { code: 'conflict', message: 'Mandatory documents are missing', fields: [], details: ['Tờ khai', 'Giấy chứng sinh'] },
      response: new Response('', { status: 409 }),
    };
    const err = await unwrap(Promise.resolve(failed)).catch((e: unknown) => e);
    expect(errorDetails(err)).toEqual(['Tờ khai', 'Giấy chứng sinh']);
    expect(errorDetails(new ApiError(409, body('conflict', 'x')))).toEqual([]);
    expect(errorDetails(new Error('x'))).toEqual([]);
  });
});
