// Time a configuration file adds to a command: `crudgen introspect` of a small SQLite database in
// a project without a config, and with the same config as JSON, YAML and TypeScript.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWorkDir, interleave, median, ROOT, sqliteCorpus, timeProcess } from './lib.mjs';

export const title = 'Configuration loading: time added to `crudgen introspect` (whole process)';

const settings = { version: 2, snapshot: 'snapshot.json', include: ['*'], output: { dir: 'src/db' }, runtime: { statementTimeoutMs: 5000 } };
const FILES = {
  none: null,
  JSON: ['.crudgenrc.json', JSON.stringify(settings, null, 2)],
  YAML: ['.crudgenrc.yaml', 'version: 2\nsnapshot: snapshot.json\ninclude: ["*"]\noutput:\n  dir: src/db\nruntime:\n  statementTimeoutMs: 5000\n'],
  TypeScript: ['crudgen.config.ts', `const config: { version: 2 } & Record<string, unknown> = ${JSON.stringify(settings)};\nexport default config;\n`],
};

export async function run({ runs }) {
  const database = sqliteCorpus('chinook');
  const crudgen = join(ROOT, 'bin', 'crudgen.js');
  const contenders = Object.entries(FILES).map(([name, file]) => {
    const dir = join(ensureWorkDir(), `config-${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "bench", "private": true }\n');
    if (file !== null) writeFileSync(join(dir, file[0]), file[1]);
    return { name, run: () => timeProcess('node', [crudgen, 'introspect', '--url', database, '--out', join(dir, 'snapshot.json')], { cwd: dir }) };
  });
  interleave(contenders, 1);
  const samples = interleave(contenders, Math.max(runs, 11));
  const base = median(samples.none);
  const rows = contenders.map(({ name }) => [name, `${median(samples[name]).toFixed(0)} ms`, name === 'none' ? '—' : `${(median(samples[name]) - base).toFixed(0)} ms`]);
  return {
    headers: ['config file', 'median', 'added'],
    rows,
    notes: `${Math.max(runs, 11)} interleaved runs after one warm-up. Goal: JSON/YAML add under 50 ms; TypeScript is transpiled with the compiler bundled in ts-morph, reported separately.`,
  };
}
