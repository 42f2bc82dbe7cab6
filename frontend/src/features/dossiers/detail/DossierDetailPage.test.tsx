import { QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CandidateList, DossierRead, Me, StepChain } from '../../../api/types';
import { createQueryClient } from '../../../queryClient';
import { SessionContext } from '../../auth/session';
import DossierDetailPage from './DossierDetailPage';

// The app's client has a relative base URL, which Node's fetch cannot resolve: the same client with an origin.
vi.mock('../../../api/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../api/client')>();
  const { createMemoryTokenStore } = await import('../../../api/tokens');
  return {
    ...actual,
    api: actual.createApiClient({
      baseUrl: 'http://localhost',
      store: createMemoryTokenStore({ access_token: 'a', refresh_token: 'r' }),
      onAuthFailure: () => undefined,
    }),
  };
});

function dossier(patch: Partial<DossierRead> = {}): DossierRead {
  return {
    id: 7,
    code: '000.00.25.H42-261123-0001',
    status: { code: 2, label_vi: 'Đã tiếp nhận', label_en: 'Received' },
    procedure_code: '1.001193',
    procedure_name: 'Thủ tục đăng ký khai sinh',
    applicant_name: 'Nguyễn Văn An',
    received_at: '2026-11-23T01:00:00Z',
    due_at: '2026-11-23T10:00:00Z',
    remaining: { minutes: 120, is_overdue: false, is_due_soon: true, text_vi: 'còn 2 giờ', text_en: '2 hours left' },
    punctuality: null,
    current_step: 'Tiếp nhận',
    version: 3,
    channel: 1,
    procedure_version: 1,
    applicant: {
      full_name: 'Nguyễn Văn An',
      id_number: '001090012345',
      birth_date: null,
      phone: '0912345678',
      email: null,
      address: 'Xã Vĩnh Hưng',
    },
    representative: null,
    documents: [],
    missing_documents: [],
    sets_count: 1,
    fees: [],
    delivery: 'counter',
    delivery_address: null,
    note: null,
    received_by: { id: 1, full_name: 'Nguyễn Thị Mai' },
    original_due_at: null,
    duration_text: 'Trong ngày',
    is_paused: false,
    approved_at: null,
    finished_at: null,
    outcome: null,
    result_number: null,
    result_date: null,
    returned_at: null,
    allowed_actions: ['forward', 'withdraw'],
    public_url: 'http://127.0.0.1/d/abcdefghijklmnopqrstuvwxyz',
    lookup_count: 0,
    assignee: { id: 1, full_name: 'Nguyễn Thị Mai' },
    step_due_at: '2026-11-23T02:00:00Z',
    ...patch,
  };
}

const RECEPTIONIST: Me = {
  id: 1,
  username: 'tiepnhan1',
  full_name: 'Nguyễn Thị Mai',
  email: null,
  phone: null,
  is_active: true,
  roles: ['receptionist'],
  sector_ids: [],
  procedure_codes: [],
  department_id: null,
  center: { id: 1, name: 'Trung tâm Phục vụ hành chính công xã Vĩnh Hưng', unit_code: '000.00.25.H42' },
};

/** The reception step open, with the built-in chain ahead. */
const CHAIN: StepChain = {
  steps: [
    {
      id: 70,
      seq: 1,
      name: 'Tiếp nhận',
      kind: 'reception',
      department: null,
      department_id: null,
      assignee: { id: 1, full_name: 'Nguyễn Thị Mai' },
      assigned_how: 'intake',
      assigned_at: '2026-11-23T01:00:00Z',
      started_at: '2026-11-23T01:00:00Z',
      budget_minutes: 60,
      due_at: '2026-11-23T02:00:00Z',
      paused_minutes: 0,
      is_paused: false,
      finished_at: null,
      finished_by: null,
      finish_action: null,
      handed_to: null,
      punctuality: null,
      remaining: { minutes: 30, is_overdue: false, is_due_soon: true, text_vi: 'còn 30 phút', text_en: '30 minutes left' },
    },
  ],
  planned: [
    { position: 1, name: 'Chuyên viên xử lý', kind: 'specialist', department_id: null, budget_minutes: 960 },
    { position: 2, name: 'Lãnh đạo phê duyệt', kind: 'leader', department_id: null, budget_minutes: 480 },
    { position: 3, name: 'Trả kết quả', kind: 'return', department_id: null, budget_minutes: 240 },
  ],
};

/** Who may take "Chuyên viên xử lý" next, as the server orders them. */
const NEXT_CANDIDATES: CandidateList = {
  step_name: 'Chuyên viên xử lý',
  step_kind: 'specialist',
  candidates: [
    { staff: { id: 12, full_name: 'Vũ Thị Lan Anh' }, department_id: 1, qualified: true, reason_vi: null, reason_en: null, open_steps: 1, due_soon: 0, overdue: 0 },
    { staff: { id: 11, full_name: 'Đỗ Văn Lý' }, department_id: 1, qualified: true, reason_vi: null, reason_en: null, open_steps: 3, due_soon: 0, overdue: 1 },
    {
      staff: { id: 13, full_name: 'Lý Văn Thành' },
      department_id: 2,
      qualified: false,
      reason_vi: 'Không được phân công lĩnh vực/thủ tục này',
      reason_en: 'Not assigned to this sector or procedure',
      open_steps: 0,
      due_soon: 0,
      overdue: 0,
    },
  ],
};

function renderPage() {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <SessionContext.Provider value={RECEPTIONIST}>
        <MemoryRouter initialEntries={['/console/ho-so/7']}>
          <Routes>
            <Route path="/console/ho-so/:id" element={<DossierDetailPage />} />
          </Routes>
        </MemoryRouter>
      </SessionContext.Provider>
    </QueryClientProvider>,
  );
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('dossier detail actions', () => {
  it('sends the version it read, and on a conflict says so and reloads the dossier', async () => {
    let reads = 0;
    const sent: Request[] = [];
    const candidatesAsked: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const { pathname } = new URL(request.url);
        if (request.method === 'GET' && pathname === '/api/dossiers/7') {
          reads += 1;
          return json(
            reads === 1
              ? dossier()
              : dossier({ version: 4, status: { code: 4, label_vi: 'Đang xử lý', label_en: 'Being processed' }, allowed_actions: [] }),
          );
        }
        if (pathname === '/api/dossiers/7/events') return json([]);
        if (pathname === '/api/dossiers/7/steps') return json(CHAIN);
        if (pathname === '/api/dossiers/7/candidates') {
          candidatesAsked.push(new URL(request.url).searchParams.get('step'));
          return json(NEXT_CANDIDATES);
        }
        if (pathname === '/api/departments') return json([]);
        if (request.method === 'POST') {
          sent.push(request);
          return json({ code: 'conflict', message: 'The dossier changed meanwhile', fields: [], details: [] }, 409);
        }
        return json({ code: 'not_found', message: 'x', fields: [] }, 404);
      }),
    );
    renderPage();

    // Only the allowed actions are offered.
    fireEvent.click(await screen.findByRole('button', { name: 'Chuyển xử lý' }));
    expect(screen.getByRole('button', { name: 'Rút hồ sơ' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Phê duyệt' })).not.toBeInTheDocument();

    // The forward form offers the later processing steps of the plan (not the counter), the next one first.
    const step = await screen.findByLabelText(/Chuyển đến bước/);
    expect(step).toHaveValue('Chuyên viên xử lý');
    expect([...(step as HTMLSelectElement).options].map((o) => o.value)).toEqual(['Chuyên viên xử lý', 'Lãnh đạo phê duyệt']);
    // Anyone forwarding may name the next step's officer: the qualified ones with their load, the others
    // disabled with their reason.
    const officer = (await screen.findByLabelText(/Giao cho cán bộ/)) as HTMLSelectElement;
    expect(candidatesAsked).toContain('next');
    expect([...officer.options].map((o) => [o.text, o.disabled])).toEqual([
      ['— Tự động (người phù hợp ít việc nhất) —', false],
      ['Vũ Thị Lan Anh · 1 việc đang giữ', false],
      ['Đỗ Văn Lý · 3 việc đang giữ, 1 quá hạn', false],
      ['Lý Văn Thành — Không được phân công lĩnh vực/thủ tục này', true],
    ]);
    fireEvent.change(officer, { target: { value: '12' } });
    // Another step than the next one: the list does not apply, auto-assignment decides.
    fireEvent.change(step, { target: { value: 'Lãnh đạo phê duyệt' } });
    expect(screen.queryByLabelText(/Giao cho cán bộ/)).not.toBeInTheDocument();
    fireEvent.change(step, { target: { value: 'Chuyên viên xử lý' } });
    expect(screen.getByLabelText(/Giao cho cán bộ/)).toHaveValue('');
    fireEvent.change(screen.getByLabelText(/Giao cho cán bộ/), { target: { value: '12' } });
    const submit = screen.getAllByRole('button', { name: 'Chuyển xử lý' }).at(-1)!;
    await act(async () => {
      fireEvent.click(submit);
    });

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].headers.get('If-Match')).toBe('3');
    expect(new URL(sent[0].url).pathname).toBe('/api/dossiers/7/actions/forward');
    expect(await sent[0].json()).toEqual({ to_step: 'Chuyên viên xử lý', assignee_id: 12 });

    expect(await screen.findByText('Hồ sơ vừa được người khác cập nhật, đã tải lại.')).toBeInTheDocument();
    await waitFor(() => expect(reads).toBe(2));
    expect(await screen.findByText('Đang xử lý', { selector: '.status-tag' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Chuyển xử lý' })).not.toBeInTheDocument();
  });

  it('puts a 422 message next to its field and keeps the form open', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const { pathname } = new URL(request.url);
        if (request.method === 'GET' && pathname === '/api/dossiers/7') return json(dossier({ allowed_actions: ['withdraw'] }));
        if (pathname === '/api/dossiers/7/events') return json([]);
        if (pathname === '/api/dossiers/7/steps') return json(CHAIN);
        if (pathname === '/api/departments') return json([]);
        return json(
          { code: 'validation_error', message: 'Invalid', fields: [{ field: 'body.reason', message: 'Lý do quá ngắn' }] },
          422,
        );
      }),
    );
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Rút hồ sơ' }));
    const reason = await screen.findByLabelText(/Lý do/);
    fireEvent.change(reason, { target: { value: 'x' } });
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: 'Rút hồ sơ' }).at(-1)!);
    });
    expect(await screen.findByText('Lý do quá ngắn')).toBeInTheDocument();
    expect(screen.getByLabelText(/Lý do/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('receives an online submission, or lists its missing documents and offers to refuse it instead', async () => {
    const awaiting = dossier({
      status: { code: 1, label_vi: 'Mới (chưa tiếp nhận)', label_en: 'New (not yet received)' },
      channel: 2,
      due_at: null,
      remaining: null,
      current_step: null,
      assignee: null,
      step_due_at: null,
      allowed_actions: ['receive', 'refuse_at_reception'],
      missing_documents: ['Giấy chứng sinh'],
    });
    const sent: { path: string; body: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const { pathname } = new URL(request.url);
        if (request.method === 'GET' && pathname === '/api/dossiers/7') return json(awaiting);
        if (pathname === '/api/dossiers/7/events') {
          return json([{ seq: 1, at: '2026-11-22T14:00:00Z', actor: null, action: 'submit', from_status: null, to_status: 1, note: null, data: {} }]);
        }
        if (pathname === '/api/dossiers/7/steps') return json({ steps: [], planned: [] });
        if (pathname === '/api/departments') return json([]);
        if (request.method === 'POST') {
          sent.push({ path: pathname, body: await request.json() });
          if (pathname.endsWith('/receive')) {
            return json(
              {
                code: 'conflict',
                message: 'Mandatory documents are missing: refuse to receive it, with the reason',
                fields: [],
                details: ['Giấy chứng sinh'],
              },
              409,
            );
          }
          return json(dossier({ status: { code: 3, label_vi: 'Từ chối tiếp nhận', label_en: 'Refused' }, version: 4, allowed_actions: [] }));
        }
        return json({ code: 'not_found', message: 'x', fields: [] }, 404);
      }),
    );
    renderPage();

    // Not received yet: no appointment, no receipt, and the two reception actions (the refusal as danger).
    expect(await screen.findByText('Tính khi tiếp nhận hồ sơ')).toBeInTheDocument();
    expect(screen.getByText('Ghi nhận lúc')).toBeInTheDocument();
    const refuse = screen.getByRole('button', { name: 'Từ chối tiếp nhận' });
    expect(refuse).toHaveClass('btn-danger');
    expect(screen.queryByRole('link', { name: /Mẫu số 01/ })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp nhận hồ sơ' }));
    const dialog = await screen.findByRole('dialog', { name: 'Tiếp nhận hồ sơ' });
    expect(screen.getByLabelText('Ghi chú')).toHaveValue('');
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: 'Tiếp nhận hồ sơ' }).at(-1)!);
    });

    // The server refuses: the missing documents are listed in the form, which stays open.
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Chưa thể tiếp nhận: còn thiếu giấy tờ bắt buộc');
    expect(alert.querySelectorAll('li')).toHaveLength(1);
    expect(alert).toHaveTextContent('Giấy chứng sinh');
    expect(dialog).toBeInTheDocument();
    expect(sent[0]).toEqual({ path: '/api/dossiers/7/actions/receive', body: {} });

    // Refusing instead starts from a reason naming them.
    fireEvent.click(screen.getByRole('button', { name: 'Từ chối tiếp nhận hồ sơ này' }));
    await screen.findByRole('dialog', { name: 'Từ chối tiếp nhận' });
    expect(screen.getByLabelText(/Lý do/)).toHaveValue('Hồ sơ thiếu giấy tờ bắt buộc: Giấy chứng sinh.');
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: 'Từ chối tiếp nhận' }).at(-1)!);
    });
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual({
      path: '/api/dossiers/7/actions/refuse_at_reception',
      body: { reason: 'Hồ sơ thiếu giấy tờ bắt buộc: Giấy chứng sinh.' },
    });
    // Done: form 03 is offered for printing right away.
    expect(await screen.findByRole('link', { name: 'In phiếu từ chối tiếp nhận (mẫu 03)' })).toHaveAttribute(
      'href',
      '/console/ho-so/7/in/03',
    );
  });
});
