// `crudgen generate --url` (introspection included) vs kysely-codegen 0.20, whole process, for
// synth500 and synth2000 on each engine.
import { join } from 'node:path';
import { interleave, median, mysqlCorpus, postgresCorpus, ROOT, sqliteCorpus, timeProcess, WORK } from './lib.mjs';

export const title = 'Generate from a live database: crudgen generate --url vs kysely-codegen 0.20 (whole process)';

const crudgen = join(ROOT, 'bin', 'crudgen.js');
const kyselyCodegen = join(ROOT, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');

const ENGINES = [
  { engine: 'SQLite', dialect: 'sqlite', url: (name) => sqliteCorpus(name), rounds: (runs) => runs },
  { engine: 'PostgreSQL', dialect: 'postgres', url: (name) => postgresCorpus(name), rounds: (runs) => runs },
  // kysely-codegen needs 10–30 s per run on MariaDB at 2,000 tables here.
  { engine: 'MariaDB', dialect: 'mysql', url: (name) => mysqlCorpus(name), rounds: (runs) => Math.min(runs, 3) },
];

export async function run({ runs }) {
  const rows = [];
  for (const { engine, dialect, url: urlOf, rounds } of ENGINES) {
    const times = {};
    for (const name of ['synth500', 'synth2000']) {
      const url = urlOf(name);
      const contenders = [
        { name: 'crudgen', run: () => timeProcess('node', [crudgen, 'generate', '--url', url, '--out', join(WORK, `generate-${dialect}`)]) },
        { name: 'kysely-codegen', run: () => timeProcess('node', [kyselyCodegen, '--dialect', dialect, '--url', url, '--out-file', join(WORK, `kc-${dialect}.d.ts`)]) },
      ];
      interleave(contenders, 1);
      const samples = interleave(contenders, rounds(runs));
      times[name] = { crudgen: median(samples.crudgen), peer: median(samples['kysely-codegen']) };
      rows.push([engine, name, `${times[name].crudgen.toFixed(0)} ms`, `${times[name].peer.toFixed(0)} ms`, (times[name].crudgen / times[name].peer).toFixed(2), '']);
    }
    rows[rows.length - 1][5] = `${(times.synth2000.crudgen / times.synth500.crudgen).toFixed(2)} ×`;
  }
  return {
    headers: ['engine', 'schema', 'crudgen generate --url', 'kysely-codegen 0.20', 'ratio', '2,000 / 500 tables (crudgen)'],
    rows,
    notes: 'Medians of interleaved runs after one warm-up (MariaDB: 3 runs). Goals: faster than kysely-codegen at 2,000 tables though we emit more, and 2,000 tables ≤ 4.5 × the 500-table time.',
  };
}
