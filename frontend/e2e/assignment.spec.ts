import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import {
  ADMIN,
  apiToken,
  expectNoHorizontalScroll,
  LEADER,
  loginThroughForm,
  RECEPTIONIST,
  SPECIALIST,
  SPECIALIST2,
  uniqueApplicant,
} from './helpers';

/** Death registration: civil status, handled by tuphap1 and tuphap2; no other spec uses it. */
const DEATH_REGISTRATION = '1.000656';
const APPLICANT = 'Lê Văn Giao';

type User = { username: string; password: string };
type Remaining = { is_overdue: boolean; is_due_soon: boolean } | null;
type Chain = { steps: { name: string; assignee: { id: number } | null; remaining: Remaining }[] };
type Candidates = { candidates: { staff: { id: number; full_name: string }; qualified: boolean; reason_vi: string | null }[] };
type TemplateStep = { name: string; kind: string; department_id?: number | null; budget_minutes: number };
type Template = { id: number; name: string; procedure_code: string | null; steps: TemplateStep[] };
type Api = Awaited<ReturnType<typeof api>>;


/** A typed JSON client for setting up data as one staff member; any non-2xx answer fails the test. */
async function api(request: APIRequestContext, user: User) {
  const headers = { Authorization: `Bearer ${await apiToken(request, user)}` };
  return {
    async json<T>(method: 'get' | 'post' | 'put' | 'patch' | 'delete', url: string, data?: unknown, extra: Record<string, string> = {}) {
      const res = await request[method](url, { headers: { ...headers, ...extra }, data });
      expect(res.ok(), `${method.toUpperCase()} ${url}: ${res.status()} ${await res.text()}`).toBeTruthy();
      return (res.status() === 204 ? null : await res.json()) as T;
    },
  };
}

/**
 * Gives the procedure these steps for the length of `body`, then puts back what the center had (a template
 * of its own, or none).
 */
async function withTemplate(admin: Api, steps: TemplateStep[], body: () => Promise<void>) {
  const existing = (await admin.json<Template[]>('get', '/api/process-templates')).find(
    (t) => t.procedure_code === DEATH_REGISTRATION,
  );
  const template = existing
    ? await admin.json<Template>('put', `/api/process-templates/${existing.id}`, { name: 'E2E giao việc', steps })
    : await admin.json<Template>('post', '/api/process-templates', {
        procedure_code: DEATH_REGISTRATION,
        name: 'E2E giao việc',
        steps,
      });
  try {
    await body();
  } finally {
    if (existing) {
      const original = existing.steps.map(({ name, kind, department_id, budget_minutes }) => ({ name, kind, department_id, budget_minutes }));
      await admin.json('put', `/api/process-templates/${existing.id}`, { name: existing.name, steps: original });
    } else {
      await admin.json('delete', `/api/process-templates/${template.id}`);
    }
  }
}

/** The counter receives a complete dossier and forwards it to the next step (to `assigneeId` if given). */
async function receiveAndForward(request: APIRequestContext, counter: Api, assigneeId?: number) {
  const procedure = await (await request.get(`/api/public/procedures/${DEATH_REGISTRATION}`)).json();
  const documents = (procedure.documents as { mandatory: boolean }[])
    .map((d, index) => ({ index, mandatory: d.mandatory }))
    .filter((d) => d.mandatory)
    .map(({ index }) => ({ index, originals: 1, copies: 0 }));
  const { idNumber, phone } = uniqueApplicant();
  const received = await counter.json<{ id: number; code: string; version: number }>(
    'post',
    '/api/dossiers',
    {
      procedure_code: DEATH_REGISTRATION,
      applicant: { full_name: APPLICANT, id_number: idNumber, phone, address: 'Xã Vĩnh Hưng' },
      documents,
    },
    { 'Idempotency-Key': `e2e-assign-${idNumber}` },
  );
  await counter.json('post', `/api/dossiers/${received.id}/actions/forward`, assigneeId ? { assignee_id: assigneeId } : {}, {
    'If-Match': String(received.version),
  });
  return received;
}

async function signedIn(browser: Browser, user: User, width = 1280): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width, height: 800 },
    ...(width < 500 ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  await loginThroughForm(page, user.username, user.password);
  return page;
}

/**
 * The row of a dossier in a work list (My work, an officer's steps) under a tab ("Tất cả", "Sắp đến hạn",
 * "Quá hạn"): the earliest due come first, so it may be on a later page.
 */
async function findInWorkList(page: Page, tabName: string, code: string) {
  const row = page.locator('tr', { has: page.getByRole('link', { name: code }) });
  const tab = page.getByRole('button', { name: new RegExp(`^${tabName} \\d+$`) });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-pressed', 'true');
  const settled = page.locator('.work-results:not([aria-busy])');
  const next = page.getByRole('button', { name: /Trang sau/ });
  const pageOf = page.locator('.pagination [aria-live]');
  await expect(settled).toBeVisible();
  for (let i = 0; i < 10 && (await row.count()) === 0 && (await next.isVisible()) && (await next.isEnabled()); i++) {
    const shown = await pageOf.innerText();
    await next.click();
    // The new page number shows at once, the new page's rows when they arrive.
    await expect(pageOf).not.toHaveText(shown);
    await expect(settled).toBeVisible();
  }
  await expect(row).toBeVisible();
  return row;
}

test('a leader reassigns a late dossier to another specialist, who finds it in My work', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const admin = await api(request, ADMIN);
  const counter = await api(request, RECEPTIONIST);
  const leaderApi = await api(request, LEADER);
  const fromId = (await (await api(request, SPECIALIST)).json<{ id: number }>('get', '/api/auth/me')).id;

  // The specialist step has no time at all: during working hours it is late as soon as it starts (outside
  // them it falls due at the next opening, i.e. "due soon").
  const steps = [
    { name: 'Tiếp nhận', kind: 'reception', budget_minutes: 15 },
    { name: 'Chuyên viên xử lý', kind: 'specialist', budget_minutes: 0 },
    { name: 'Lãnh đạo phê duyệt', kind: 'leader', budget_minutes: 60 },
    { name: 'Trả kết quả', kind: 'return', budget_minutes: 60 },
  ];
  await withTemplate(admin, steps, async () => {
    // --- The counter forwards a new dossier to tuphap1 (named, so the test knows who holds it).
    const received = await receiveAndForward(request, counter, fromId);
    const before = await leaderApi.json<Chain>('get', `/api/dossiers/${received.id}/steps`);
    const open = before.steps.at(-1)!;
    expect(open.name).toBe('Chuyên viên xử lý');
    expect(open.assignee?.id).toBe(fromId);
    const late = open.remaining?.is_overdue === true;
    expect(late || open.remaining?.is_due_soon === true).toBe(true);
    test.info().annotations.push({ type: 'step', description: late ? 'overdue' : 'not yet due (outside working hours)' });

    // --- The leader opens the dossier and reassigns it; a wrong choice is refused with its reason.
    const leader = await signedIn(browser, LEADER);
    await expect(leader).toHaveURL(/\/console\/ho-so$/);
    await leader.goto(`/console/ho-so/${received.id}`);
    await expect(leader.locator('.dossier-assignee')).toHaveText('Đỗ Văn Lý');
    const chain = leader.getByRole('table', { name: 'Các bước xử lý' });
    await expect(chain.locator('tr.row-current')).toContainText('Chuyên viên xử lý');
    await expect(chain.locator('tr.row-planned')).toHaveCount(2);
    if (late) await expect(chain.locator('tr.row-current')).toContainText(/trễ|đã quá hạn/);

    await leader.getByRole('button', { name: 'Giao lại', exact: true }).click();
    const dialog = leader.getByRole('dialog', { name: 'Giao lại hồ sơ' });
    await expect(dialog).toBeVisible();
    const staff = dialog.getByLabel('Giao cho');
    // The choices are exactly the qualified officers the server lists (/candidates), the holder left out,
    // each with their load; the police officer holds no civil-status sector: disabled, with the reason.
    const listed = await leaderApi.json<Candidates>('get', `/api/dossiers/${received.id}/candidates?step=current`);
    const qualified = listed.candidates.filter((c) => c.qualified && c.staff.id !== fromId).map((c) => c.staff.full_name);
    expect(qualified).toContain('Vũ Thị Lan Anh');
    const offered = staff.locator('option:not([disabled]):not([value=""])');
    await expect(offered).toHaveCount(qualified.length);
    expect((await offered.allInnerTexts()).map((text) => text.split(' · ')[0].trim())).toEqual(qualified);
    await expect(offered.first()).toContainText(/· \d+ việc đang giữ/);
    await expect(staff.locator('option', { hasText: 'Đỗ Văn Lý' })).toHaveCount(0);
    const police = staff.locator('option', { hasText: 'Lý Văn Thành' });
    await expect(police).toBeDisabled();
    await expect(police).toContainText('Không được phân công lĩnh vực/thủ tục này');
    // Without a choice the form says what is missing.
    await dialog.getByRole('button', { name: 'Giao lại', exact: true }).click();
    await expect(dialog.getByText('Chọn một cán bộ.')).toBeVisible();

    await dialog.getByLabel('Lý do').fill('Đồng chí Lý đi công tác đột xuất');
    await staff.selectOption({ label: await staff.locator('option', { hasText: 'Vũ Thị Lan Anh' }).innerText() });
    await dialog.getByRole('button', { name: 'Giao lại', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(leader.getByRole('status').filter({ hasText: 'Đã giao hồ sơ cho Vũ Thị Lan Anh.' })).toBeVisible();
    await expect(leader.locator('.dossier-assignee')).toHaveText('Vũ Thị Lan Anh');
    await expect(leader.locator('.event-timeline')).toContainText('Đỗ Văn Lý → Vũ Thị Lan Anh');
    await expect(chain.locator('tr.row-current')).toContainText('lãnh đạo giao');

    // --- tuphap2, on a phone, lands on My work and finds the dossier, highlighted, under "Overdue" when late
    // and "Due soon" when not.
    const specialist = await signedIn(browser, SPECIALIST2, 360);
    await expect(specialist).toHaveURL(/\/console\/viec-cua-toi$/);
    await expect(specialist.getByRole('heading', { name: 'Việc của tôi', level: 1 })).toBeVisible();
    const row = await findInWorkList(specialist, late ? 'Quá hạn' : 'Sắp đến hạn', received.code);
    await expect(row).toHaveClass(late ? /row-overdue/ : /row-due-soon/);
    await expect(row).toContainText('Chuyên viên xử lý');
    await expectNoHorizontalScroll(specialist);

    // The bell tells them too; opening the notification leads to the dossier.
    await specialist.getByRole('button', { name: /^Thông báo, \d+ chưa đọc$/ }).click();
    const note = specialist.getByRole('link', { name: new RegExp(`Bạn được giao hồ sơ ${received.code.replace(/\./g, '\\.')}`) });
    await expect(note).toBeVisible();
    await note.click();
    await expect(specialist).toHaveURL(new RegExp(`/console/ho-so/${received.id}$`));
    await expect(specialist.locator('.dossier-assignee')).toHaveText('Vũ Thị Lan Anh');

    // --- The former holder no longer has it.
    const mine = await (await api(request, SPECIALIST)).json<{ items: { dossier_id: number }[] }>('get', '/api/me/work?size=100');
    expect(mine.items.map((i) => i.dossier_id)).not.toContain(received.id);

    for (const p of [leader, specialist]) await p.context().close();
  });
});

test('a specialist claims a step from the department pool and then has it in My work', async ({ browser, request }) => {
  test.setTimeout(60_000);
  const admin = await api(request, ADMIN);
  const counter = await api(request, RECEPTIONIST);
  const department = (await (await api(request, SPECIALIST2)).json<{ department_id: number }>('get', '/api/auth/me')).department_id;
  expect(department).toBeTruthy();
  const before = (await admin.json<{ id: number; assignment_mode: string }[]>('get', '/api/departments')).find(
    (d) => d.id === department,
  )!;
  // The department gives its steps out through its pool, and the specialist step belongs to it.
  await admin.json('patch', `/api/departments/${department}`, { assignment_mode: 'pool' });
  try {
    const steps = [
      { name: 'Tiếp nhận', kind: 'reception', budget_minutes: 15 },
      { name: 'Chuyên viên xử lý', kind: 'specialist', department_id: department, budget_minutes: 480 },
      { name: 'Trả kết quả', kind: 'return', budget_minutes: 60 },
    ];
    await withTemplate(admin, steps, async () => {
      const received = await receiveAndForward(request, counter);

      const specialist = await signedIn(browser, SPECIALIST2);
      await expect(specialist).toHaveURL(/\/console\/viec-cua-toi$/);
      await specialist.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Hàng chờ phòng' }).click();
      await expect(specialist.getByRole('heading', { name: 'Hàng chờ phòng', level: 1 })).toBeVisible();
      const row = specialist.locator('tr', { has: specialist.getByRole('link', { name: received.code }) });
      await expect(row).toContainText('Chuyên viên xử lý');
      await row.getByRole('button', { name: `Nhận xử lý ${received.code}` }).click();
      const done = specialist.getByRole('status').filter({ hasText: `Đã nhận hồ sơ ${received.code}` });
      await expect(done).toBeVisible();
      await expect(row).toHaveCount(0);

      await done.getByRole('link', { name: 'Mở Việc của tôi' }).click();
      await expect(specialist).toHaveURL(/\/console\/viec-cua-toi$/);
      await findInWorkList(specialist, 'Tất cả', received.code);
      await specialist.context().close();
    });
  } finally {
    await admin.json('patch', `/api/departments/${department}`, { assignment_mode: before.assignment_mode });
  }
});

test('on a phone, a leader opens an officer\'s late steps from the board and reassigns one', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const admin = await api(request, ADMIN);
  const counter = await api(request, RECEPTIONIST);
  const leaderApi = await api(request, LEADER);
  const fromId = (await (await api(request, SPECIALIST)).json<{ id: number }>('get', '/api/auth/me')).id;
  const steps = [
    { name: 'Tiếp nhận', kind: 'reception', budget_minutes: 15 },
    { name: 'Chuyên viên xử lý', kind: 'specialist', budget_minutes: 0 },
    { name: 'Trả kết quả', kind: 'return', budget_minutes: 60 },
  ];
  await withTemplate(admin, steps, async () => {
    const received = await receiveAndForward(request, counter, fromId);
    const open = (await leaderApi.json<Chain>('get', `/api/dossiers/${received.id}/steps`)).steps.at(-1)!;
    expect(open.assignee?.id).toBe(fromId);
    const late = open.remaining?.is_overdue === true;
    expect(late || open.remaining?.is_due_soon === true).toBe(true);
    const [tab, query, what] = late ? ['Quá hạn', 'overdue', 'bước quá hạn'] : ['Sắp đến hạn', 'due_soon', 'bước sắp đến hạn'];

    // --- The board: each officer's counts open the steps behind them.
    const leader = await signedIn(browser, LEADER, 360);
    await expect(leader).toHaveURL(/\/console\/ho-so$/);
    await leader.goto('/console/dieu-hanh');
    await expect(leader.getByRole('heading', { name: 'Bảng điều hành', level: 1 })).toBeVisible();
    const board = leader.getByRole('table', { name: 'Theo cán bộ' });
    await expect(board.getByRole('link', { name: 'Đỗ Văn Lý', exact: true })).toBeVisible();
    await expectNoHorizontalScroll(leader);
    await board.getByRole('link', { name: new RegExp(`^\\d+ ${what} của Đỗ Văn Lý$`) }).click();
    await expect(leader).toHaveURL(new RegExp(`/console/dieu-hanh/can-bo/${fromId}\\?tab=${query}$`));
    await expect(leader.getByRole('heading', { name: 'Việc của Đỗ Văn Lý', level: 1 })).toBeVisible();
    await expect(leader.getByRole('button', { name: new RegExp(`^${tab} \\d+$`) })).toHaveAttribute('aria-pressed', 'true');
    const row = await findInWorkList(leader, tab, received.code);
    await expect(row).toContainText('Chuyên viên xử lý');
    await expectNoHorizontalScroll(leader);

    // --- One click on the row: the reassign dialog, its choices from /candidates.
    await row.getByRole('button', { name: `Giao lại ${received.code}` }).click();
    const dialog = leader.getByRole('dialog', { name: 'Giao lại hồ sơ' });
    await expect(dialog).toBeVisible();
    const staff = dialog.getByLabel('Giao cho');
    await expect(staff.locator('option', { hasText: 'Đỗ Văn Lý' })).toHaveCount(0);
    await expectNoHorizontalScroll(leader);
    await staff.selectOption({ label: await staff.locator('option', { hasText: 'Vũ Thị Lan Anh' }).innerText() });
    await dialog.getByLabel('Lý do').fill('Chia bớt việc quá hạn');
    await dialog.getByRole('button', { name: 'Giao lại', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(leader.getByRole('status').filter({ hasText: 'Đã giao hồ sơ cho Vũ Thị Lan Anh.' })).toBeVisible();
    await expect(leader.locator('tr', { has: leader.getByRole('link', { name: received.code }) })).toHaveCount(0);

    const after = (await leaderApi.json<Chain>('get', `/api/dossiers/${received.id}/steps`)).steps.at(-1)!;
    expect(after.assignee?.id).not.toBe(fromId);
    await leader.context().close();
  });
});
