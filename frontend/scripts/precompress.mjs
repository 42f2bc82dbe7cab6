// Writes `name.ext.gz` (gzip, level 9) and `name.ext.br` (brotli, quality 11) beside every compressible file of
// the build, so that the server sends them as they are (Content-Encoding by what the browser accepts) instead
// of compressing each response. Fonts and images are compressed already and are left alone.
//   node scripts/precompress.mjs [dir]      (default: dist)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Extensions worth compressing: text. */
export const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt']);

/** @param {string} dir @returns {string[]} */
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Compresses every compressible file under `dir` (both encodings, always, so that the server can count on them).
 * @param {string} dir
 * @returns {{ files: number, raw: number, gzip: number, brotli: number }}
 */
export function precompress(dir) {
  const total = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const path of files(dir)) {
    if (!COMPRESSIBLE.has(extname(path).toLowerCase())) continue;
    const body = readFileSync(path);
    const gz = gzipSync(body, { level: 9 });
    const br = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    writeFileSync(`${path}.gz`, gz);
    writeFileSync(`${path}.br`, br);
    total.files += 1;
    total.raw += body.length;
    total.gzip += gz.length;
    total.brotli += br.length;
  }
  return total;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? 'dist');
  const t = precompress(dir);
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} kB`;
  console.log(`precompressed ${t.files} files in ${dir}: ${kb(t.raw)} → gzip ${kb(t.gzip)}, brotli ${kb(t.brotli)}`);
}
