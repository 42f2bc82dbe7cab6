import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin', password: 'demo1234' };

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
export async function apiToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/auth/token', { form: ADMIN });
  expect(res.ok(), `login through the API: ${res.status()}`).toBeTruthy();
  return ((await res.json()) as { access_token: string }).access_token;
}
