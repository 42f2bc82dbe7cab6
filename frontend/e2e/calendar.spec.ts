import { expect, test } from '@playwright/test';
import { ADMIN, apiToken, loginThroughForm } from './helpers';

const NAME = 'Nghỉ thử nghiệm e2e';
const YEAR = 2027;

/** A random weekday in June–July 2027 (no public holiday there), so reruns rarely meet. */
function randomWeekday(): string {
  for (;;) {
    const day = new Date(Date.UTC(YEAR, 5, 1 + Math.floor(Math.random() * 61)));
    const wd = day.getUTCDay();
    if (wd !== 0 && wd !== 6) return day.toISOString().slice(0, 10);
  }
}

/** Removes what an earlier, interrupted run may have left behind. */
async function removeTestDays(request: import('@playwright/test').APIRequestContext) {
  const token = await apiToken(request);
  const headers = { Authorization: `Bearer ${token}` };
  const res = await request.get(`/api/calendar/days?year=${YEAR}`, { headers });
  expect(res.ok()).toBeTruthy();
  for (const day of (await res.json()) as { id: number; name: string }[]) {
    if (day.name === NAME) await request.delete(`/api/calendar/days/${day.id}`, { headers });
  }
}

test.beforeEach(async ({ request }) => removeTestDays(request));
test.afterEach(async ({ request }) => removeTestDays(request));

test('an admin adds a day off to the calendar, sees it, then deletes it', async ({ page }) => {
  const date = randomWeekday();
  const [y, m, d] = date.split('-');
  const shown = `${d}/${m}/${y}`;

  await loginThroughForm(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/console$/);
  await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Lịch làm việc' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lịch làm việc' })).toBeVisible();

  const form = page.locator('form.add-day');
  await form.getByLabel('Ngày', { exact: true }).fill(date);
  await form.getByLabel('Loại').selectOption('day_off');
  await form.getByLabel('Tên, lý do').fill(NAME);
  await form.getByRole('button', { name: 'Thêm ngày' }).click();

  await expect(page.getByRole('heading', { name: `Năm ${YEAR}` })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: NAME });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(shown);
  await expect(row).toContainText('Ngày nghỉ');

  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: `Xóa ${shown}` }).click();
  await expect(page.getByRole('row').filter({ hasText: NAME })).toHaveCount(0);
});
