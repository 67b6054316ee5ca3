// `npm run demo`: the main job on the embedded default, with no database server. Builds a fresh
// SQLite database from the bundled example schema, introspects it, summarises the snapshot,
// generates the typed code into .crudgen/generated, compiles examples/demo-app.ts against it
// under strict settings, and runs it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSqliteExample } from './example-databases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const database = join('.crudgen', 'demo.sqlite');
mkdirSync(join(root, '.crudgen'), { recursive: true });
rmSync(join(root, database), { force: true });
buildSqliteExample(join(root, database));

const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const crudgen = (...args) => run(process.execPath, [join(root, 'bin', 'crudgen.js'), ...args]);
crudgen('introspect', '--url', `sqlite:${database}`, '--out', join('.crudgen', 'snapshot.json'));
crudgen('show', '--snapshot', join('.crudgen', 'snapshot.json'));
crudgen('generate', '--snapshot', join('.crudgen', 'snapshot.json'), '--out', join('.crudgen', 'generated'));

// The application: compiled as a user's project would compile it, then run.
const build = join('.crudgen', 'demo-build');
rmSync(join(root, build), { recursive: true, force: true });
writeFileSync(
  join(root, '.crudgen', 'demo-tsconfig.json'),
  JSON.stringify({
    compilerOptions: { strict: true, exactOptionalPropertyTypes: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: ['node'], skipLibCheck: true, rootDir: '..', outDir: 'demo-build' },
    files: ['../examples/demo-app.ts'],
  }),
);
console.log('\ncompiling examples/demo-app.ts with the generated code (tsc --strict) …\n');
run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join('.crudgen', 'demo-tsconfig.json')]);
run(process.execPath, [join(build, 'examples', 'demo-app.js'), `sqlite:${database}`]);
