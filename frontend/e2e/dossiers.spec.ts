import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import {
  act,
  apiToken,
  expectNoHorizontalScroll,
  LEADER,
  loginThroughForm,
  RECEPTIONIST,
  SPECIALIST,
  uniqueApplicant,
} from './helpers';

const BIRTH_REGISTRATION = '1.001193';
const APPLICANT = 'Nguyễn Văn An';
const MASKED = 'Nguyễn V. A.';


/** A signed-in page in its own browser context (one per staff member, as at separate desks). */
async function signedIn(browser: Browser, user: { username: string; password: string }): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await loginThroughForm(page, user.username, user.password);
  // Specialists land on their own work, the counter and leaders on the dossier list.
  await expect(page).toHaveURL(/\/console\/(ho-so|viec-cua-toi)$/);
  return page;
}

/** Opens the dossier page, then takes the action through its form (`act`). */
async function actOn(page: Page, dossierUrl: string, label: string, fill: (dialog: Locator) => Promise<void>) {
  await page.goto(dossierUrl);
  await act(page, label, fill);
}

test('a receptionist receives a birth registration, the citizen tracks it, and it goes through to the result', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { idNumber, phone } = uniqueApplicant();

  // --- Intake at the counter, by keyboard where a newcomer would use it.
  const counter = await signedIn(browser, RECEPTIONIST);
  await counter.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
  const search = counter.getByRole('searchbox', { name: 'Tìm thủ tục (tên hoặc mã)' });
  await expect(search).toBeFocused();
  await search.pressSequentially('khai sinh');
  await expect(counter.getByRole('button', { name: /Thủ tục đăng ký khai sinh\s/ }).first()).toBeVisible();
  await search.press('Enter');
  await expect(counter.getByText(BIRTH_REGISTRATION, { exact: true })).toBeVisible();

  const checklist = counter.getByRole('table', { name: 'Giấy tờ đã nhận' });
  const mandatoryRows = checklist.getByRole('row').filter({ hasText: 'Bắt buộc' });
  // The checklist arrives with the procedure's details, a moment after the pick.
  await expect(mandatoryRows.first()).toBeVisible();
  const mandatoryCount = await mandatoryRows.count();
  expect(mandatoryCount).toBeGreaterThan(0);
  for (let i = 0; i < mandatoryCount; i++) await mandatoryRows.nth(i).getByRole('checkbox').check();
  await expect(counter.getByText(`Đã nhận ${mandatoryCount}/${mandatoryCount} giấy tờ bắt buộc`)).toBeVisible();

  await counter.getByRole('textbox', { name: 'Họ và tên (Bắt buộc)' }).fill(APPLICANT);
  await counter.getByRole('textbox', { name: 'Số định danh cá nhân (Bắt buộc)' }).fill(idNumber);
  await counter.getByLabel('Ngày sinh').fill('1990-05-17');
  await counter.getByRole('textbox', { name: 'Điện thoại (Bắt buộc)' }).fill(phone);
  await counter.getByRole('textbox', { name: 'Địa chỉ (Bắt buộc)' }).fill('Thôn Đông, xã Vĩnh Hưng, tỉnh Phú Thọ');
  // The appointment is shown before confirming.
  await expect(counter.getByText(/Ngày hẹn trả: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await counter.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();

  // --- The receipt: two copies with the code and the QR code.
  await expect(counter).toHaveURL(/\/console\/ho-so\/\d+\/in\/01$/);
  const dossierId = Number(/ho-so\/(\d+)\//.exec(counter.url())![1]);
  const dossierUrl = `/console/ho-so/${dossierId}`;
  await expect(counter.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' })).toHaveCount(2);
  const code = (await counter.locator('.form-subtitle strong').first().textContent())!.trim();
  expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/);
  await expect(counter.getByText(code, { exact: true })).toHaveCount(2);
  const qr = counter.getByRole('img', { name: `Mã QR tra cứu hồ sơ ${code}` }).first();
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(counter.getByRole('button', { name: 'In / Print' })).toBeEnabled();

  // --- The citizen scans the QR: the public page, without signing in, shows no personal data.
  await counter.goto(dossierUrl);
  const publicHref = await counter.getByRole('link', { name: 'Mở trang tra cứu công khai' }).getAttribute('href');
  const publicPath = new URL(publicHref!).pathname;
  expect(publicPath).toMatch(/^\/d\/[A-Za-z0-9_-]{20,}$/);
  const citizenContext = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'vi-VN' });
  const citizen = await citizenContext.newPage();
  await citizen.goto(publicPath);
  await expect(citizen.locator('.track-status-text')).toHaveText('Đã tiếp nhận');
  await expect(citizen.getByText(MASKED, { exact: true })).toBeVisible();
  await expect(citizen.getByText(code, { exact: true })).toBeVisible();
  const publicText = await citizen.locator('body').innerText();
  expect(publicText).not.toContain(idNumber);
  expect(publicText).not.toContain(phone);
  expect(publicText).not.toContain(APPLICANT);
  await citizenContext.close();

  // --- Reception forwards to the specialist step.
  await actOn(counter, dossierUrl, 'Chuyển xử lý', async (dialog) => {
    await expect(dialog.getByLabel('Chuyển đến bước')).toHaveValue('Chuyên viên xử lý');
  });
  await expect(counter.locator('.page-head .status-tag')).toHaveText('Đang xử lý');

  // --- The leader approves.
  const leader = await signedIn(browser, LEADER);
  await actOn(leader, dossierUrl, 'Phê duyệt', async (dialog) => {
    await dialog.getByLabel('Ý kiến phê duyệt').fill('Đồng ý cấp giấy khai sinh');
  });

  // --- The specialist records the result.
  const specialist = await signedIn(browser, SPECIALIST);
  const resultNumber = `${Math.floor(Math.random() * 900) + 100}/2026/KS`;
  await actOn(specialist, dossierUrl, 'Có kết quả', async (dialog) => {
    await dialog.getByLabel('Số văn bản kết quả').fill(resultNumber);
    await expect(dialog.getByLabel('Ngày văn bản kết quả')).not.toHaveValue('');
  });
  await expect(specialist.locator('.page-head .status-tag')).toHaveText('Đã có kết quả');

  // --- Reception hands the result over.
  await actOn(counter, dossierUrl, 'Trả kết quả', async (dialog) => {
    await expect(dialog.getByLabel('Người nhận kết quả')).toHaveValue(APPLICANT);
    await dialog.getByLabel('Quan hệ với người nộp').fill('Bản thân');
    await dialog.getByLabel('Đã kiểm tra giấy tờ tùy thân của người nhận').check();
  });
  await expect(counter.locator('.page-head .status-tag')).toHaveText('Đã trả kết quả');

  // --- Every step is in the timeline and in the control sheet (form 06).
  const steps = ['Tiếp nhận hồ sơ', 'Chuyển xử lý', 'Lãnh đạo phê duyệt', 'Có kết quả', 'Trả kết quả'];
  const timeline = counter.locator('.event-timeline > li');
  await expect(timeline).toHaveCount(steps.length);
  for (const [i, step] of steps.entries()) await expect(timeline.nth(i).locator('.event-head strong')).toHaveText(step);
  await expect(counter.locator('.event-timeline')).toContainText(resultNumber);

  await counter.getByRole('link', { name: /Mẫu số 06/ }).click();
  await expect(counter).toHaveURL(new RegExp(`/console/ho-so/${dossierId}/in/06$`));
  // One row per step of the dossier's chain: who handed it on to which step, when, early/on time/late.
  const rows = counter.locator('.control-table tbody tr');
  const chain = [
    ['Tiếp nhận', 'Chuyên viên xử lý'],
    ['Chuyên viên xử lý', 'Trả kết quả'],
    ['Trả kết quả', 'Trả kết quả'],
  ];
  await expect(rows).toHaveCount(chain.length);
  for (const [i, [from, to]] of chain.entries()) {
    await expect(rows.nth(i).locator('td').nth(1)).toContainText(from);
    await expect(rows.nth(i).locator('td').nth(2)).toContainText(to);
    await expect(rows.nth(i)).toContainText(/Trước hạn|Đúng hạn|Quá hạn/);
  }

  for (const p of [counter, leader, specialist]) await p.context().close();
});

test('an incomplete dossier gets a supplement request (form 02) instead of a receipt', async ({ browser }) => {
  const { idNumber, phone } = uniqueApplicant();
  const counter = await signedIn(browser, RECEPTIONIST);
  await counter.goto('/console/tiep-nhan');
  const search = counter.getByRole('searchbox', { name: 'Tìm thủ tục (tên hoặc mã)' });
  await expect(search).toBeFocused();
  await search.fill(BIRTH_REGISTRATION);
  await search.press('Enter');
  const checklist = counter.getByRole('table', { name: 'Giấy tờ đã nhận' });
  const firstMandatory = checklist.getByRole('row').filter({ hasText: 'Bắt buộc' }).first();
  await firstMandatory.getByRole('checkbox').check();
  await counter.getByRole('textbox', { name: 'Họ và tên (Bắt buộc)' }).fill('Trần Thị Bổ Sung');
  await counter.getByRole('textbox', { name: 'Số định danh cá nhân (Bắt buộc)' }).fill(idNumber);
  await counter.getByRole('textbox', { name: 'Điện thoại (Bắt buộc)' }).fill(phone);
  await counter.getByRole('textbox', { name: 'Địa chỉ (Bắt buộc)' }).fill('Xã Vĩnh Hưng');
  await counter.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();

  const missing = counter.getByRole('alert').filter({ hasText: 'Còn thiếu giấy tờ bắt buộc' });
  await expect(missing).toBeVisible();
  await expect(missing.getByRole('listitem')).toHaveCount(2);
  const needed = await missing.getByRole('listitem').allInnerTexts();
  await missing.getByLabel('Lý do').fill('Thiếu giấy chứng sinh và giấy tờ tùy thân');
  await missing.getByRole('button', { name: 'Yêu cầu bổ sung (mẫu 02)' }).click();

  await expect(counter).toHaveURL(/\/console\/ho-so\/\d+\/in\/02$/);
  await expect(counter.getByRole('heading', { name: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ' })).toBeVisible();
  const table = counter.locator('.print-sheet .form-table');
  for (const name of needed) await expect(table).toContainText(name);
  await expect(counter.locator('.print-sheet')).toContainText('Thiếu giấy chứng sinh và giấy tờ tùy thân');
  await expect(counter.getByRole('img', { name: /Mã QR tra cứu hồ sơ/ })).toBeVisible();
  await counter.context().close();
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('a citizen looks a dossier up by its code and the last 4 digits of the phone', async ({ page, request }) => {
    const { idNumber, phone } = uniqueApplicant();
    const token = await apiToken(request, RECEPTIONIST);
    const created = await request.post('/api/dossiers', {
      headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': `e2e-${idNumber}` },
      data: {
        procedure_code: BIRTH_REGISTRATION,
        applicant: { full_name: APPLICANT, id_number: idNumber, phone, address: 'Xã Vĩnh Hưng' },
        documents: [0, 1, 2].map((index) => ({ index, originals: 1, copies: 0 })),
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { code } = (await created.json()) as { code: string };

    await page.goto('/');
    const form = page.getByRole('form', { name: 'Tra cứu hồ sơ' });
    await form.getByLabel('Mã hồ sơ').fill(code.toLowerCase());
    // Wrong digits: the same "not found" as a wrong code.
    await form.getByLabel('4 số cuối điện thoại').fill(phone.slice(-4) === '0000' ? '1111' : '0000');
    await form.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(page).toHaveURL(/\/tra-cuu$/);
    await expect(page.getByRole('alert')).toContainText('Không tìm thấy hồ sơ');

    const again = page.getByRole('form', { name: 'Tra cứu hồ sơ' });
    await again.getByLabel('4 số cuối điện thoại').fill(phone.slice(-4));
    await again.getByRole('button', { name: 'Tra cứu' }).click();
    await expect(page.locator('.track-status-text')).toHaveText('Đã tiếp nhận');
    await expect(page.getByText(MASKED, { exact: true })).toBeVisible();
    await expect(page.getByText(code, { exact: true })).toBeVisible();
    expect(page.url()).not.toContain(phone.slice(-4));
    await expect(page.locator('body')).not.toContainText(phone);
    await expectNoHorizontalScroll(page);
  });
});
