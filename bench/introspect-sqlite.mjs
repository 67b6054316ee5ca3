// Whole-process introspection time of synth2000 on SQLite: crudgen vs kysely-codegen 0.20.
import { join } from 'node:path';
import { interleave, introspectionSummary, median, ROOT, run as runProcess, sqliteCorpus, timeProcess, WORK } from './lib.mjs';

export const title = 'Introspection, SQLite, synth2000 (whole process)';

export async function run({ runs }) {
  const database = sqliteCorpus('synth2000');
  const crudgen = join(ROOT, 'bin', 'crudgen.js');
  const kyselyCodegen = join(ROOT, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');
  const contenders = [
    {
      name: 'crudgen introspect',
      run: () => timeProcess('node', [crudgen, 'introspect', '--url', database, '--out', join(WORK, 'snapshot.json')]),
    },
    {
      name: 'kysely-codegen 0.20',
      run: () =>
        timeProcess('node', [kyselyCodegen, '--dialect', 'sqlite', '--url', database, '--out-file', join(WORK, 'kysely-codegen.d.ts')]),
    },
    { name: 'node (empty process)', run: () => timeProcess('node', ['-e', '0']) },
  ];
  // One warm-up round so that the file cache is equally hot for everyone.
  interleave(contenders, 1);
  const samples = interleave(contenders, runs);
  const base = median(samples['kysely-codegen 0.20']);
  const rows = contenders.map(({ name }) => {
    const values = samples[name];
    return [name, `${median(values).toFixed(0)} ms`, `${Math.min(...values).toFixed(0)} ms`, (median(values) / base).toFixed(2)];
  });
  return {
    headers: ['contender', 'median', 'min', 'ratio to kysely-codegen'],
    rows,
    notes: `${runs} interleaved runs after one warm-up; goal: crudgen under 0.7 s where kysely-codegen needs 1.3 s (ratio ≤ 0.54).\n\n${phaseTable(database, runs)}`,
    summary: [introspectionSummary({ engine: 'SQLite', crudgenMs: median(samples['crudgen introspect']), peerMs: base, goal: '≤ 0.54' })],
  };
}

/** Where crudgen's time goes: each phase's median over fresh processes (cold code, as users run it). */
function phaseTable(database, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = runProcess('node', [join(ROOT, 'bench', 'introspect-phases.mjs'), database, join(WORK, 'phases.json')]);
    samples.push(JSON.parse(stdout));
  }
  const lines = Object.keys(samples[0]).map((phase) => `| ${phase} | ${median(samples.map((s) => s[phase])).toFixed(0)} ms |`);
  return ['Where crudgen\'s time goes (median per phase, fresh process each run):', '', '| phase | median |', '| --- | --- |', ...lines].join('\n');
}
