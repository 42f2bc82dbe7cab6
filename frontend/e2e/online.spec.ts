import { expect, test, type Browser, type Page } from '@playwright/test';
import { act, apiToken, expectNoHorizontalScroll, loginThroughForm, RECEPTIONIST, uniqueApplicant } from './helpers';

const BIRTH_REGISTRATION = '1.001193';
const AWAITING = 'Mới (chưa tiếp nhận)';
const AWAITING_BOX = 'Chỉ ghi nhận, chưa tiếp nhận (hồ sơ nộp trực tuyến/qua bưu chính chờ kiểm tra)';


/** A signed-in receptionist in a browser context of its own, at the given screen width. */
async function counterDesk(browser: Browser, width = 1280): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width, height: width < 600 ? 740 : 800 },
    isMobile: width < 600,
    hasTouch: width < 600,
  });
  const page = await context.newPage();
  await loginThroughForm(page, RECEPTIONIST.username, RECEPTIONIST.password);
  await expect(page).toHaveURL(/\/console\/(ho-so|viec-cua-toi)$/);
  return page;
}

/** Registers, through the API, an online birth registration awaiting reception with all mandatory documents. */
async function registerOnline(page: Page, applicant: string): Promise<{ id: number; code: string }> {
  const { idNumber, phone } = uniqueApplicant();
  const token = await apiToken(page.request, RECEPTIONIST);
  const created = await page.request.post('/api/dossiers', {
    headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': `e2e-online-${idNumber}` },
    data: {
      procedure_code: BIRTH_REGISTRATION,
      channel: 2,
      awaiting_reception: true,
      applicant: { full_name: applicant, id_number: idNumber, phone, address: 'Xã Vĩnh Hưng' },
      documents: [0, 1, 2].map((index) => ({ index, originals: 1, copies: 0 })),
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { id: number; code: string; status: { code: number }; due_at: string | null };
  expect(body.status.code).toBe(1);
  expect(body.due_at).toBeNull();
  return body;
}

test('an online submission is registered at the counter without being received, then received', async ({ browser }) => {
  test.setTimeout(60_000);
  const { idNumber, phone } = uniqueApplicant();
  const counter = await counterDesk(browser);
  await counter.goto('/console/tiep-nhan');
  const search = counter.getByRole('searchbox', { name: 'Tìm thủ tục (tên hoặc mã)' });
  await expect(search).toBeFocused();
  await search.fill(BIRTH_REGISTRATION);
  await search.press('Enter');
  await expect(counter.getByText(BIRTH_REGISTRATION, { exact: true })).toBeVisible();

  // Every mandatory document came with the submission (the center checks them when it receives it).
  const mandatoryRows = counter.getByRole('table', { name: 'Giấy tờ đã nhận' }).getByRole('row').filter({ hasText: 'Bắt buộc' });
  await expect(mandatoryRows.first()).toBeVisible();
  const mandatoryCount = await mandatoryRows.count();
  for (let i = 0; i < mandatoryCount; i++) await mandatoryRows.nth(i).getByRole('checkbox').check();

  await counter.getByRole('textbox', { name: 'Họ và tên (Bắt buộc)' }).fill('Phạm Thị Trực Tuyến');
  await counter.getByRole('textbox', { name: 'Số định danh cá nhân (Bắt buộc)' }).fill(idNumber);
  await counter.getByRole('textbox', { name: 'Điện thoại (Bắt buộc)' }).fill(phone);
  await counter.getByRole('textbox', { name: 'Địa chỉ (Bắt buộc)' }).fill('Thôn Yên Lập, xã Vĩnh Hưng');

  // At the counter the box is not offered, and the appointment is previewed.
  const awaitingBox = counter.getByRole('checkbox', { name: AWAITING_BOX });
  await expect(awaitingBox).toHaveCount(0);
  await expect(counter.getByText(/Ngày hẹn trả: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/)).toBeVisible();

  // Online: only registered, by keyboard. No appointment preview while the box is ticked.
  await counter.getByRole('combobox', { name: 'Hình thức nộp' }).selectOption({ label: 'Trực tuyến' });
  await awaitingBox.focus();
  await counter.keyboard.press('Space');
  await expect(awaitingBox).toBeChecked();
  await expect(counter.getByText(/Ngày hẹn trả: \d{2}:\d{2}/)).toHaveCount(0);
  await expect(counter.getByText('Chưa có ngày hẹn: ngày hẹn trả được tính khi tiếp nhận hồ sơ.')).toBeVisible();
  await counter.getByRole('button', { name: 'Ghi nhận hồ sơ (chưa tiếp nhận)' }).click();

  // Its page, not a receipt: status 1, no appointment, the two reception actions.
  await expect(counter).toHaveURL(/\/console\/ho-so\/\d+$/);
  await expect(counter.locator('.page-head .status-tag')).toHaveText(AWAITING);
  await expect(counter.locator('.due-strip')).toContainText('Tính khi tiếp nhận hồ sơ');
  await expect(counter.getByRole('link', { name: /Mẫu số 01/ })).toHaveCount(0);
  await expect(counter.getByRole('button', { name: 'Từ chối tiếp nhận', exact: true })).toHaveClass(/btn-danger/);
  await expect(counter.locator('.event-timeline > li').first()).toContainText('Nộp trực tuyến/bưu chính (chưa tiếp nhận)');

  // Received: the legal time starts now, the receipt is offered at once.
  await act(counter, 'Tiếp nhận hồ sơ', async (dialog) => {
    await dialog.getByLabel('Ghi chú').fill('Đã kiểm tra đủ giấy tờ');
  });
  await expect(counter.locator('.page-head .status-tag')).toHaveText('Đã tiếp nhận');
  await expect(counter.locator('.due-strip')).toContainText(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  await expect(counter.locator('.due-strip')).not.toContainText('Tính khi tiếp nhận hồ sơ');
  const timeline = counter.locator('.event-timeline > li .event-head strong');
  await expect(timeline).toHaveText(['Nộp trực tuyến/bưu chính (chưa tiếp nhận)', 'Tiếp nhận hồ sơ']);
  await counter.getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả (mẫu 01)' }).click();
  await expect(counter).toHaveURL(/\/console\/ho-so\/\d+\/in\/01$/);
  await expect(counter.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' })).toHaveCount(2);
  await counter.context().close();
});

test('a receptionist finds the submissions awaiting reception and refuses one with its reason', async ({ browser }) => {
  const counter = await counterDesk(browser);
  const { id, code } = await registerOnline(counter, 'Lê Văn Từ Chối');

  // The quick filter lists the submissions awaiting reception, this one among them.
  await counter.goto('/console/ho-so');
  const quick = counter.getByRole('group', { name: 'Lọc nhanh' }).getByRole('checkbox', { name: 'Chờ tiếp nhận' });
  // The filter lives in the address: the box shows it once the address has changed.
  await quick.click();
  await expect(counter).toHaveURL(/status=1/);
  await expect(quick).toBeChecked();
  await counter.getByRole('searchbox', { name: 'Tìm theo mã hồ sơ hoặc tên người nộp' }).fill(code);
  const row = counter.locator('.dossier-table tbody tr').filter({ hasText: code });
  await expect(row).toHaveCount(1);
  await expect(row.locator('.status-tag')).toHaveText(AWAITING);
  await row.getByRole('link', { name: code }).click();
  await expect(counter).toHaveURL(new RegExp(`/console/ho-so/${id}$`));

  // The reason is required.
  await counter.getByRole('button', { name: 'Từ chối tiếp nhận', exact: true }).click();
  const dialog = counter.getByRole('dialog', { name: 'Từ chối tiếp nhận' });
  await dialog.getByRole('button', { name: 'Từ chối tiếp nhận', exact: true }).click();
  await expect(dialog.getByLabel(/Lý do/)).toBeFocused();
  await expect(dialog.getByText('Vui lòng nhập thông tin này.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Hủy' }).click();

  await act(counter, 'Từ chối tiếp nhận', async (d) => {
    await d.getByLabel(/Lý do/).fill('Ảnh tờ khai không đọc được, đề nghị nộp lại');
  });
  await expect(counter.locator('.page-head .status-tag')).toHaveText('Từ chối tiếp nhận');
  await expect(counter.getByRole('heading', { name: 'Thao tác' }).locator('..')).toContainText(
    'Bạn không có thao tác nào với hồ sơ ở trạng thái này.',
  );
  // Form 03 carries the reason; a receipt (01) never applies.
  await expect(counter.getByRole('link', { name: /Mẫu số 01/ })).toHaveCount(0);
  await counter.getByRole('link', { name: 'In phiếu từ chối tiếp nhận (mẫu 03)' }).click();
  await expect(counter).toHaveURL(new RegExp(`/console/ho-so/${id}/in/03$`));
  await expect(counter.locator('.print-sheet')).toContainText('Ảnh tờ khai không đọc được, đề nghị nộp lại');
  await counter.context().close();
});

test('on a 360 px phone a submission awaiting reception can be received', async ({ browser }) => {
  const phone = await counterDesk(browser, 360);
  const { id } = await registerOnline(phone, 'Đỗ Thị Điện Thoại');
  await phone.goto(`/console/ho-so/${id}`);
  await expect(phone.locator('.page-head .status-tag')).toHaveText(AWAITING);
  const receive = phone.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true });
  await expect(receive).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Từ chối tiếp nhận', exact: true })).toBeVisible();
  await expectNoHorizontalScroll(phone);

  await receive.click();
  const dialog = phone.getByRole('dialog', { name: 'Tiếp nhận hồ sơ' });
  await expect(dialog).toBeVisible();
  await expectNoHorizontalScroll(phone);
  await dialog.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(phone.locator('.page-head .status-tag')).toHaveText('Đã tiếp nhận');
  await expect(phone.getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả (mẫu 01)' })).toBeVisible();
  await expectNoHorizontalScroll(phone);

  // The list with the quick filter fits the phone too.
  await phone.goto('/console/ho-so?status=1');
  await expect(phone.getByRole('checkbox', { name: 'Chờ tiếp nhận' })).toBeChecked();
  await expectNoHorizontalScroll(phone);
  await phone.context().close();
});
