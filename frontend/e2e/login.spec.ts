import { expect, test } from '@playwright/test';
import { loginThroughForm } from './helpers';

test('a wrong password shows a clear Vietnamese error and keeps the user on the login page', async ({ page }) => {
  // Not the demo admin: the server locks an account after a few failures, and reruns must not lock it.
  const username = `e2e-${Math.random().toString(36).slice(2, 8)}`;
  await loginThroughForm(page, username, 'sai-mat-khau-e2e');
  await expect(page.getByRole('alert')).toHaveText('Sai tên đăng nhập hoặc mật khẩu.');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel('Mật khẩu')).toBeVisible();
});

test('the console sends a visitor without a session to the login page and back', async ({ page }) => {
  await page.goto('/console/calendar');
  await expect(page).toHaveURL(/\/login\?next=%2Fconsole%2Fcalendar$/);
});
