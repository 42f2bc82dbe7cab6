import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', password: 'demo1234' };
/** Demo staff of the seeded center (see backend/motcua/seed/demo.py). */
export const RECEPTIONIST = { username: 'tiepnhan1', password: 'demo1234' };
export const SPECIALIST = { username: 'tuphap1', password: 'demo1234' };
export const SPECIALIST2 = { username: 'tuphap2', password: 'demo1234' };
export const LEADER = { username: 'lanhdao', password: 'demo1234' };

/** No horizontal scrolling: the page is exactly as wide as the viewport. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'page is wider than the viewport').toBeLessThanOrEqual(clientWidth);
}

export async function loginThroughForm(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** A bearer token for setting up and cleaning test data through the API. */
export async function apiToken(
  request: APIRequestContext,
  user: { username: string; password: string } = ADMIN,
): Promise<string> {
  const res = await request.post('/api/auth/token', { form: user });
  expect(res.ok(), `login through the API: ${res.status()}`).toBeTruthy();
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Data that differs on every run, so the specs can run again and again on the same database. */
export function uniqueApplicant() {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
  return { idNumber: `0${digits(11)}`, phone: `09${digits(8)}` };
}

/** Opens an action's form on the dossier page, lets `fill` complete it, submits, and waits for the result. */
export async function act(page: Page, label: string, fill: (dialog: Locator) => Promise<void> = async () => undefined) {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await expect(dialog).toBeVisible();
  await fill(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Đã thực hiện: ${label}.` })).toBeVisible();
}
