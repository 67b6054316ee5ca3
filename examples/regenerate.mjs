// `npm run example`: regenerates generated-example/ from the bundled example schema, with the
// real CLI. The tests fail when the checked-in copy differs from what this writes.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'crudgen-example-'));
const database = join(work, 'example.sqlite');
const db = new Database(database);
db.exec(readFileSync(join(root, 'examples', 'schema', 'sqlite.sql'), 'utf8'));
db.close();

const crudgen = (...args) => {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'crudgen.js'), ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
crudgen('introspect', '--url', `sqlite:${database}`, '--out', join(work, 'snapshot.json'));
crudgen('generate', '--snapshot', join(work, 'snapshot.json'), '--out', join('generated-example', 'sqlite'));
rmSync(work, { recursive: true, force: true });
