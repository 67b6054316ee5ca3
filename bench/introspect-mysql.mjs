// Whole-process introspection time and query count on MySQL/MariaDB, synth500 and synth2000:
// crudgen vs kysely-codegen 0.20 on the same database.
import { introspectionBesidePeer, mysqlCorpus } from './lib.mjs';

export const title = 'Introspection, MariaDB, synth500 and synth2000 (whole process)';

export async function run({ runs }) {
  // kysely-codegen needs some 30 s per run at 2,000 tables here, twenty times crudgen's time: three
  // runs settle the ratio and keep the whole bench run within its time budget.
  const rounds = Math.min(runs, 3);
  return {
    ...introspectionBesidePeer({ engine: 'MariaDB', dialect: 'mysql', corpus: mysqlCorpus, rounds, goal: '≤ 0.5' }),
    notes: `${rounds} interleaved runs after one warm-up per schema${rounds < runs ? ` (not ${runs}: kysely-codegen takes some 30 s per run at 2,000 tables)` : ''}; queries counted in-process (mysql2 query/execute calls). Goal: under half of kysely-codegen's time, no growth in query count.`,
  };
}
