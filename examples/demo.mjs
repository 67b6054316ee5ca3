// `npm run demo`: the main job on the embedded default, with no database server. Builds a fresh
// SQLite database from the bundled example schema, introspects it, summarises the snapshot and
// generates the typed code into .crudgen/generated.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const database = join('.crudgen', 'demo.sqlite');
mkdirSync(join(root, '.crudgen'), { recursive: true });
rmSync(join(root, database), { force: true });
const db = new Database(join(root, database));
db.exec(readFileSync(join(root, 'examples', 'schema', 'sqlite.sql'), 'utf8'));
db.close();

const crudgen = (...args) => {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'crudgen.js'), ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
crudgen('introspect', '--url', `sqlite:${database}`, '--out', join('.crudgen', 'snapshot.json'));
crudgen('show', '--snapshot', join('.crudgen', 'snapshot.json'));
crudgen('generate', '--snapshot', join('.crudgen', 'snapshot.json'), '--out', join('.crudgen', 'generated'));
