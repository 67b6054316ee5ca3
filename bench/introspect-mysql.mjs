// Whole-process introspection time and query count on MySQL/MariaDB, synth500 and synth2000:
// crudgen vs kysely-codegen 0.20 on the same database.
import { introspectionBesidePeer, mysqlCorpus } from './lib.mjs';

export const title = 'Introspection, MariaDB, synth500 and synth2000 (whole process)';

export async function run({ runs }) {
  // kysely-codegen needs 10–30 s per run at 2,000 tables here; five runs give a stable median.
  const rounds = Math.min(runs, 5);
  return {
    ...introspectionBesidePeer({ dialect: 'mysql', corpus: mysqlCorpus, rounds }),
    notes: `${rounds} interleaved runs after one warm-up per schema; queries counted in-process (mysql2 query/execute calls). Goal: under half of kysely-codegen's time, no growth in query count.`,
  };
}
