// Compiles the best-practice examples with the strict settings of tsconfig.json here and runs one
// of them on a fresh SQLite database holding the example schema:
//
//   npm run build && node examples/best-practices/run.mjs pagination
//
// They import the code generated for SQLite (generated.ts); test/e2e/examples.test.ts also runs
// them on PostgreSQL and MariaDB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSqliteExample } from '../example-databases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const programs = readdirSync(here).filter((file) => file.endsWith('.ts') && file !== 'generated.ts').map((file) => file.slice(0, -3));
const program = process.argv[2];
if (!programs.includes(program)) {
  console.error(`usage: node examples/best-practices/run.mjs <${programs.join('|')}>`);
  process.exit(2);
}

const compiled = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', here], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
const file = join(mkdtempSync(join(tmpdir(), 'crudgen-best-practices-')), 'shop.sqlite');
buildSqliteExample(file);
const run = spawnSync(process.execPath, [join(root, '.crudgen', 'best-practices', 'examples', 'best-practices', `${program}.js`), `sqlite:${file}`], { stdio: 'inherit' });
process.exit(run.status ?? 1);
