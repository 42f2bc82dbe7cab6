// Fails when src/api/schema.d.ts differs from what openapi-typescript makes of ../openapi.yaml.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(root, '..', 'openapi.yaml');
const committed = join(root, 'src', 'api', 'schema.d.ts');
const dir = mkdtempSync(join(tmpdir(), 'motcua-api-'));
const fresh = join(dir, 'schema.d.ts');

try {
  const cli = join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
  execFileSync(process.execPath, [cli, spec, '-o', fresh], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (readFileSync(fresh, 'utf8') !== readFileSync(committed, 'utf8')) {
    console.error('src/api/schema.d.ts is out of date with ../openapi.yaml: run `npm run gen:api` and commit it.');
    process.exitCode = 1;
  } else {
    console.log('src/api/schema.d.ts matches ../openapi.yaml');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
