// Whole-process introspection time and query count on MySQL/MariaDB, synth500 and synth2000:
// crudgen vs kysely-codegen 0.20 on the same database.
import { join } from 'node:path';
import { interleave, median, mysqlCorpus, queryCount, ROOT, timeProcess, WORK } from './lib.mjs';

export const title = 'Introspection, MariaDB, synth500 and synth2000 (whole process)';

const crudgen = join(ROOT, 'bin', 'crudgen.js');
const kyselyCodegen = join(ROOT, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');

const commands = {
  'crudgen introspect': (url) => [crudgen, 'introspect', '--url', url, '--out', join(WORK, 'mysql-snapshot.json')],
  'kysely-codegen 0.20': (url) => [kyselyCodegen, '--dialect', 'mysql', '--url', url, '--out-file', join(WORK, 'mysql-kysely-codegen.d.ts')],
};

export async function run({ runs }) {
  // kysely-codegen needs 10–30 s per run at 2,000 tables here; five runs give a stable median.
  const rounds = Math.min(runs, 5);
  const rows = [];
  for (const name of ['synth500', 'synth2000']) {
    const url = mysqlCorpus(name);
    const contenders = Object.entries(commands).map(([contender, args]) => ({ name: contender, run: () => timeProcess('node', args(url)) }));
    interleave(contenders, 1);
    const samples = interleave(contenders, rounds);
    const base = median(samples['kysely-codegen 0.20']);
    for (const [contender, args] of Object.entries(commands)) {
      const values = samples[contender];
      rows.push([name, contender, `${median(values).toFixed(0)} ms`, `${Math.min(...values).toFixed(0)} ms`, (median(values) / base).toFixed(2), String(queryCount(args(url)))]);
    }
  }
  return {
    headers: ['schema', 'contender', 'median', 'min', 'ratio to kysely-codegen', 'queries'],
    rows,
    notes: `${rounds} interleaved runs after one warm-up per schema; queries counted in-process (mysql2 query/execute calls). Goal: under half of kysely-codegen's time, no growth in query count.`,
  };
}
