import { expect, test } from '@playwright/test';
import { BUDGET_GZIP_BYTES, measurePage, publicPages, trackingToken } from '../scripts/public-weight.mjs';
import { RECEPTIONIST } from './helpers';

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

test('the citizens’ pages load at most 120 kB of JavaScript (gzip) and none of the console', async ({ browser }) => {
  const baseURL = test.info().project.use.baseURL!;
  const pages = await publicPages(baseURL, await trackingToken(baseURL, RECEPTIONIST));
  for (const { name, path, language } of pages) {
    await test.step(`${name} (${path})`, async () => {
      const weight = await measurePage(browser, new URL(path, baseURL).href, {
        language,
        // The page itself, not an error page, was weighed.
        check: async (page) => {
          await expect(page.locator('main h1, main h2').first()).toBeVisible();
        },
      });
      test.info().annotations.push({
        type: 'weight',
        description: `${name} ${path}: ${weight.files} files, ${kB(weight.raw_bytes)}, gzip ${kB(weight.gzip_bytes)}`,
      });
      expect.soft(weight.gzip_bytes, `${name}: ${weight.scripts.join(' ')}`).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
      expect.soft(weight.console_scripts, `${name} loads console code`).toEqual([]);
      // The entry's stylesheet only: no screen's own CSS (the console's least of all).
      expect.soft(weight.stylesheets.filter((s) => !weight.entry_stylesheets.includes(s))).toEqual([]);
    });
  }
});

test('console chunks are recognised: the login page loads some', async ({ browser }) => {
  // Without this, a build that no longer names them would pass the check above without checking anything.
  const weight = await measurePage(browser, new URL('/login', test.info().project.use.baseURL).href);
  expect(weight.console_scripts.length).toBeGreaterThan(0);
});
