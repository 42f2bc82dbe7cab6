// Which source modules are the staff console's: one definition for the build, which names the chunks holding
// any of them `console-…`, and for the checks that the citizens' pages load none of those chunks.
import { relative, sep } from 'node:path';

/** The file-name prefix of every chunk that holds console code. */
export const CONSOLE_CHUNK_PREFIX = 'console-';

/**
 * Whether a module belongs to the console: every feature but the citizens' pages (the login page and the
 * console itself included), and the console's strings.
 * @param {string} id the module's id (an absolute path, maybe with a `?query`)
 * @param {string} root the frontend directory
 * @returns {boolean}
 */
export function isConsoleModule(id, root) {
  const path = relative(root, id.split('?')[0]).split(sep).join('/');
  return /^src\/features\/(?!public\/)/.test(path) || /^src\/i18n\/[a-z]+\/console\.ts$/.test(path);
}

/**
 * Whether a URL is that of a console chunk.
 * @param {string} url
 * @returns {boolean}
 */
export function isConsoleChunkUrl(url) {
  const file = new URL(url).pathname.split('/').pop() ?? '';
  return file.startsWith(CONSOLE_CHUNK_PREFIX);
}
