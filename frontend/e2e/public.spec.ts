import { expect, test } from '@playwright/test';
import { expectNoHorizontalScroll } from './helpers';

test('a citizen finds marriage registration without typing accents and reads it', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Tra cứu thủ tục hành chính' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Đăng nhập cán bộ' })).toBeVisible();

  await page.getByRole('searchbox', { name: 'Tên hoặc mã thủ tục' }).fill('dang ky ket hon');
  const result = page.getByRole('link', { name: 'Thủ tục đăng ký kết hôn', exact: true });
  await expect(result).toBeVisible();
  await expect(page.getByRole('listitem').filter({ has: result })).toContainText('1.000894');
  await expectNoHorizontalScroll(page);

  await result.click();
  await expect(page).toHaveURL(/\/p\/1\.000894$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký kết hôn' })).toBeVisible();
  await expect(page.getByText('1.000894').first()).toBeVisible();

  const documents = page.getByRole('table', { name: 'Thành phần hồ sơ' });
  await expect(documents).toBeVisible();
  expect(await documents.getByRole('row').count()).toBeGreaterThan(1);

  const qr = page.getByRole('img', { name: /Mã QR mở trang thủ tục 1\.000894/ });
  await expect(qr).toBeVisible();
  await expect(qr).toHaveAttribute('src', '/api/public/procedures/1.000894/qr.svg');
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(page.getByRole('button', { name: 'In' })).toBeVisible();

  // Readable on a 360 px phone: nothing sticks out sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalScroll(page);
});

test('the procedure page answers a typed address and switches to English', async ({ page }) => {
  await page.goto('/p/1.000894');
  await expect(page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký kết hôn' })).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Required documents' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' })).toBeVisible();
});
