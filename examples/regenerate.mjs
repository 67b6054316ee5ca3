// `npm run example`: regenerates generated-example/<dialect>/ from the bundled example schemas with
// the real CLI. The tests fail when a checked-in copy differs from what this writes.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExampleDatabases } from './example-databases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const urls = await buildExampleDatabases();
for (const [dialect, url] of Object.entries(urls)) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'crudgen.js'), 'generate', '--url', url, '--out', join('generated-example', dialect)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
