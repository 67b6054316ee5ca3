// `crudgen generate --url` (introspection included) vs kysely-codegen 0.20, whole process, for
// synth500 and synth2000 on each engine.
import { join } from 'node:path';
import { barChart } from './chart.mjs';
import { interleave, median, mysqlCorpus, postgresCorpus, ROOT, sqliteCorpus, timeProcess, WORK } from './lib.mjs';

export const title = 'Generate from a live database: crudgen generate --url vs kysely-codegen 0.20 (whole process)';

const crudgen = join(ROOT, 'bin', 'crudgen.js');
const kyselyCodegen = join(ROOT, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');

const SCHEMAS = { synth500: '500 tables', synth2000: '2,000 tables' };
// kysely-codegen needs about 25 s per run on MariaDB at 2,000 tables here.
const MARIADB_ROUNDS = 3;
const ENGINES = [
  { engine: 'SQLite', dialect: 'sqlite', url: (name) => sqliteCorpus(name), rounds: (runs) => runs },
  { engine: 'PostgreSQL', dialect: 'postgres', url: (name) => postgresCorpus(name), rounds: (runs) => runs },
  { engine: 'MariaDB', dialect: 'mysql', url: (name) => mysqlCorpus(name), rounds: (runs) => Math.min(runs, MARIADB_ROUNDS) },
];

export async function run({ runs }) {
  const rows = [];
  // Median milliseconds per engine and schema: { crudgen, peer }.
  const times = {};
  for (const { engine, dialect, url: urlOf, rounds } of ENGINES) {
    times[engine] = {};
    for (const name of Object.keys(SCHEMAS)) {
      const url = urlOf(name);
      const contenders = [
        { name: 'crudgen', run: () => timeProcess('node', [crudgen, 'generate', '--url', url, '--out', join(WORK, `generate-${dialect}`)]) },
        { name: 'kysely-codegen', run: () => timeProcess('node', [kyselyCodegen, '--dialect', dialect, '--url', url, '--out-file', join(WORK, `kc-${dialect}.d.ts`)]) },
      ];
      interleave(contenders, 1);
      const samples = interleave(contenders, rounds(runs));
      const time = { crudgen: median(samples.crudgen), peer: median(samples['kysely-codegen']) };
      times[engine][name] = time;
      rows.push([engine, name, `${time.crudgen.toFixed(0)} ms`, `${time.peer.toFixed(0)} ms`, (time.crudgen / time.peer).toFixed(2), '']);
    }
    rows[rows.length - 1][5] = `${(times[engine].synth2000.crudgen / times[engine].synth500.crudgen).toFixed(2)} ×`;
  }
  return {
    headers: ['engine', 'schema', 'crudgen generate --url', 'kysely-codegen 0.20', 'ratio', '2,000 / 500 tables (crudgen)'],
    rows,
    notes: `Medians of ${runs} interleaved runs after one warm-up${runs > MARIADB_ROUNDS ? ` (MariaDB: ${MARIADB_ROUNDS}, since kysely-codegen takes some 25 s per run there at 2,000 tables)` : ''}. Both read the live database and write their files; crudgen writes types, descriptors, validators and repositories, kysely-codegen one file of types. Goals: faster than kysely-codegen at 2,000 tables, and 2,000 tables ≤ 4.5 × the 500-table time.`,
    summary: Object.entries(times).map(([engine, time]) => ({
      comparison: 'crudgen generate --url ÷ kysely-codegen, 2,000 tables, whole-process wall time (lower is better)',
      engine,
      value: (time.synth2000.crudgen / time.synth2000.peer).toFixed(2),
      goal: '< 1',
    })),
    charts: [chart(times)],
  };
}

function chart(times) {
  return {
    name: 'generate',
    alt: 'Bar chart: seconds for crudgen generate --url and for kysely-codegen at 500 and 2,000 tables, per engine',
    svg: barChart({
      title: 'Generating code from a live database: crudgen beside kysely-codegen',
      subtitle: 'median wall time of the whole process; each engine has its own scale',
      axisLabel: 'seconds (lower is better)',
      series: ['crudgen generate --url', 'kysely-codegen 0.20'],
      sharedScale: false,
      format: (seconds) => `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`,
      panels: Object.entries(times).map(([engine, time]) => ({
        title: engine,
        groups: Object.entries(SCHEMAS).map(([name, label]) => ({ label, values: [time[name].crudgen / 1000, time[name].peer / 1000] })),
      })),
    }),
  };
}
