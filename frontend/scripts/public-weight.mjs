// The JavaScript the citizens' pages load on a first visit: the one measurement behind the budget check
// (e2e/public-weight.spec.ts) and the figures the load benchmark prints.
//   node scripts/public-weight.mjs http://127.0.0.1:8000 [--user=tiepnhan1 --password=demo1234 | --token=…]
// prints, per page, {"files": n, "raw_bytes": …, "gzip_bytes": …}. The tracking page needs a dossier's public
// token: given, or read through the API with a staff account (the demo receptionist by default).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchOptions } from './chromium.mjs';
import { isConsoleChunkUrl } from './console-modules.mjs';

/** At most this much JavaScript (gzip, level 9) on a public page's first load. */
export const BUDGET_GZIP_BYTES = 120 * 1024;

/**
 * @typedef {{ name: string, path: string, language?: 'vi' | 'en' }} PublicPage
 * @typedef {{
 *   url: string,
 *   files: number,
 *   raw_bytes: number,
 *   gzip_bytes: number,
 *   scripts: string[],
 *   console_scripts: string[],
 *   stylesheets: string[],
 *   entry_stylesheets: string[],
 * }} Weight
 */

/**
 * @param {string} baseUrl
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<any>}
 */
async function getJson(baseUrl, path, init) {
  const response = await fetch(new URL(path, baseUrl), init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: HTTP ${response.status}`);
  return response.json();
}

/**
 * A dossier's public tracking token (what its receipt's QR code opens), read with a staff account.
 * @param {string} baseUrl
 * @param {{ username: string, password: string }} staff
 * @returns {Promise<string>}
 */
export async function trackingToken(baseUrl, staff) {
  const { access_token: access } = await getJson(baseUrl, '/api/auth/token', {
    method: 'POST',
    body: new URLSearchParams(staff),
  });
  const headers = { Authorization: `Bearer ${access}` };
  const page = await getJson(baseUrl, '/api/dossiers?size=1', { headers });
  if (page.items.length === 0) throw new Error('no dossier to track: seed the demo data or pass --token');
  const dossier = await getJson(baseUrl, `/api/dossiers/${page.items[0].id}`, { headers });
  const token = new URL(dossier.public_url).pathname.split('/').pop();
  if (!token) throw new Error(`no token in ${dossier.public_url}`);
  return token;
}

/**
 * The public pages, with a real sector, procedure and dossier of the server measured.
 * @param {string} baseUrl
 * @param {string} token a dossier's public tracking token
 * @returns {Promise<PublicPage[]>}
 */
export async function publicPages(baseUrl, token) {
  const sectors = await getJson(baseUrl, '/api/public/sectors');
  const sector = sectors.find((/** @type {{ procedure_count: number }} */ s) => s.procedure_count > 0) ?? sectors[0];
  const procedures = await getJson(baseUrl, `/api/public/procedures?sector=${sector.id}&size=1`);
  return [
    { name: 'home', path: '/' },
    { name: 'sector', path: `/linh-vuc/${sector.id}` },
    { name: 'procedure', path: `/p/${encodeURIComponent(procedures.items[0].code)}` },
    { name: 'tracking', path: `/d/${token}` },
    { name: 'lookup', path: '/tra-cuu' },
    // A visitor who chose English before: the English strings come on top.
    { name: 'home_en', path: '/', language: 'en' },
  ];
}

/** @param {{ url(): string, headers(): Record<string, string> }} response */
function isScript(response) {
  return /javascript/.test(response.headers()['content-type'] ?? '') || /\.m?js$/.test(new URL(response.url()).pathname);
}

/** @param {{ url(): string, headers(): Record<string, string> }} response */
function isStylesheet(response) {
  return /text\/css/.test(response.headers()['content-type'] ?? '') || /\.css$/.test(new URL(response.url()).pathname);
}

/**
 * Opens a page in a fresh context (an empty cache), waits until the network is idle, and weighs every
 * JavaScript file it loaded: its size as sent uncompressed and gzipped at level 9, whatever the server did.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ language?: 'vi' | 'en', check?: (page: import('playwright-core').Page) => Promise<void> }} [options]
 *   the interface language chosen before (none: a first visit), and a check run on the loaded page
 * @returns {Promise<Weight>}
 */
export async function measurePage(browser, url, { language, check } = {}) {
  const context = await browser.newContext({ locale: 'vi-VN', serviceWorkers: 'block' });
  if (language) {
    // The key src/i18n/index.ts keeps the choice under (STORAGE_KEY).
    await context.addInitScript((lng) => globalThis.localStorage.setItem('motcua.lang', lng), language);
  }
  try {
    const page = await context.newPage();
    /** @type {Map<string, Promise<Buffer>>} */
    const scripts = new Map();
    /** @type {Set<string>} */
    const stylesheets = new Set();
    page.on('response', (response) => {
      if (isScript(response)) {
        if (!scripts.has(response.url())) scripts.set(response.url(), response.body());
      } else if (isStylesheet(response)) {
        stylesheets.add(response.url());
      }
    });
    const document = await page.goto(url, { waitUntil: 'networkidle' });
    if (!document?.ok()) throw new Error(`${url}: HTTP ${document?.status()}`);
    // What the page's HTML links itself (the entry's CSS), as opposed to what a lazily loaded screen adds.
    const html = await document.text();
    const entryStylesheets = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map(
      (m) => new URL(m[1], url).href,
    );
    if (check) await check(page);
    let raw = 0;
    let gzip = 0;
    for (const body of scripts.values()) {
      const bytes = await body;
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return {
      url,
      files: scripts.size,
      raw_bytes: raw,
      gzip_bytes: gzip,
      scripts: [...scripts.keys()],
      console_scripts: [...scripts.keys()].filter(isConsoleChunkUrl),
      stylesheets: [...stylesheets],
      entry_stylesheets: entryStylesheets,
    };
  } finally {
    await context.close();
  }
}

/** @param {string[]} argv */
async function main(argv) {
  const baseUrl = argv.find((a) => !a.startsWith('--'));
  if (!baseUrl) {
    console.error('usage: node scripts/public-weight.mjs BASE_URL [--user=… --password=… | --token=…]');
    process.exitCode = 2;
    return;
  }
  const option = (/** @type {string} */ name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const token =
    option('token') ??
    (await trackingToken(baseUrl, { username: option('user') ?? 'tiepnhan1', password: option('password') ?? 'demo1234' }));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(launchOptions);
  try {
    /** @type {Record<string, { files: number, raw_bytes: number, gzip_bytes: number }>} */
    const out = {};
    for (const { name, path, language } of await publicPages(baseUrl, token)) {
      const { files, raw_bytes, gzip_bytes } = await measurePage(browser, new URL(path, baseUrl).href, { language });
      out[name] = { files, raw_bytes, gzip_bytes };
    }
    console.log(JSON.stringify(out, null, 2));
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
