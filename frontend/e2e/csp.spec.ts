import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { loginThroughForm, RECEPTIONIST } from './helpers';

/** Records what the page's Content-Security-Policy (the server's own) blocks. */
async function recordViolations(context: BrowserContext) {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('the app works under the server’s Content-Security-Policy, with no referrer sent', async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  await recordViolations(context);
  const page = await context.newPage();
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  const referers: string[] = [];
  page.on('request', async (request) => {
    const referer = (await request.allHeaders())['referer'];
    if (referer) referers.push(`${request.url()} ← ${referer}`);
  });

  // The citizens' pages, in both languages (English comes as its own chunk), under the server's headers.
  const home = await page.goto('/');
  const headers = home?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("script-src 'self';");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['referrer-policy']).toBe('no-referrer');
  await page.getByRole('searchbox', { name: 'Tên hoặc mã thủ tục' }).fill('ket hon');
  await page.getByRole('link', { name: 'Thủ tục đăng ký kết hôn', exact: true }).click();
  await expect(page.getByRole('img', { name: /Mã QR mở trang thủ tục/ })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Required documents' })).toBeVisible();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.goto('/tra-cuu');
  await expect(page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  // The console: its lazily loaded screens with their CSS, a dossier, and a printed form (its QR code is a data: URL).
  await loginThroughForm(page, RECEPTIONIST.username, RECEPTIONIST.password);
  await expect(page).toHaveURL(/\/console\/ho-so$/);
  await page.getByRole('link', { name: /^000\./ }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Quá trình xử lý' })).toBeVisible();
  await page.getByRole('link', { name: /Mẫu số 06/ }).click();
  const qr = page.getByRole('img', { name: /Mã QR tra cứu hồ sơ/ });
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await page.getByRole('navigation', { name: 'Chức năng' }).getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(page.getByRole('searchbox', { name: 'Tìm thủ tục (tên hoặc mã)' })).toBeVisible();

  expect(await violations(page)).toEqual([]);
  expect(blocked).toEqual([]);
  expect(referers).toEqual([]);
  await context.close();
});
