// Whole-process introspection time and query count on PostgreSQL, synth500 and synth2000:
// crudgen vs kysely-codegen 0.20 on the same database.
import { introspectionBesidePeer, postgresCorpus } from './lib.mjs';

export const title = 'Introspection, PostgreSQL, synth500 and synth2000 (whole process)';

export async function run({ runs }) {
  return {
    ...introspectionBesidePeer({ engine: 'PostgreSQL', dialect: 'postgres', corpus: postgresCorpus, rounds: runs, goal: '2,000 tables under 1 s' }),
    notes: `${runs} interleaved runs after one warm-up per schema; queries counted in-process (node-postgres Client.query calls, session set-up included). Goal: 2,000 tables under 1 s, the same query count at 500 and 2,000 tables.`,
  };
}
