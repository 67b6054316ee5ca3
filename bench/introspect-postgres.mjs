// Whole-process introspection time and query count on PostgreSQL, synth500 and synth2000:
// crudgen vs kysely-codegen 0.20 on the same database.
import { join } from 'node:path';
import { interleave, median, postgresCorpus, queryCount, ROOT, timeProcess, WORK } from './lib.mjs';

export const title = 'Introspection, PostgreSQL, synth500 and synth2000 (whole process)';

const crudgen = join(ROOT, 'bin', 'crudgen.js');
const kyselyCodegen = join(ROOT, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');

const commands = {
  'crudgen introspect': (url) => [crudgen, 'introspect', '--url', url, '--out', join(WORK, 'pg-snapshot.json')],
  'kysely-codegen 0.20': (url) => [kyselyCodegen, '--dialect', 'postgres', '--url', url, '--out-file', join(WORK, 'pg-kysely-codegen.d.ts')],
};

export async function run({ runs }) {
  const rows = [];
  for (const name of ['synth500', 'synth2000']) {
    const url = postgresCorpus(name);
    const contenders = Object.entries(commands).map(([contender, args]) => ({ name: contender, run: () => timeProcess('node', args(url)) }));
    interleave(contenders, 1);
    const samples = interleave(contenders, runs);
    const base = median(samples['kysely-codegen 0.20']);
    for (const [contender, args] of Object.entries(commands)) {
      const values = samples[contender];
      rows.push([name, contender, `${median(values).toFixed(0)} ms`, `${Math.min(...values).toFixed(0)} ms`, (median(values) / base).toFixed(2), String(queryCount(args(url)))]);
    }
  }
  return {
    headers: ['schema', 'contender', 'median', 'min', 'ratio to kysely-codegen', 'queries'],
    rows,
    notes: `${runs} interleaved runs after one warm-up per schema; queries counted in-process (node-postgres Client.query calls, session set-up included). Goal: 2,000 tables under 1 s, the same query count at 500 and 2,000 tables.`,
  };
}
