// What our generated code costs the user's compiler: `tsc --noEmit` over crudgen's output, with
// and without validators.ts, vs kysely-codegen's for the same 500 tables (PostgreSQL synth500),
// each with a file that uses `DB`.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureWorkDir, interleave, median, postgresCorpus, ROOT, run as runProcess, timeProcess } from './lib.mjs';

export const title = 'Type-checking the generated code: tsc --noEmit, 500 tables (PostgreSQL synth500)';

const TSCONFIG = { compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: ['node'] }, include: ['*.ts'] };
const USE = "import type { Kysely } from 'kysely';\nimport type { DB } from './db.js';\nexport type Database = Kysely<DB>;\nexport type Tables = keyof DB;\n";
// Uses the validators and the repositories, so that the runtime's types load as in a real project.
const USE_REPOSITORIES = "import { createRepositories } from './index.js';\nexport const make = createRepositories;\n";
const USE_VALIDATORS = "import { tables } from './tables.js';\nimport * as validators from './validators.js';\nexport const count = Object.keys(tables).length + Object.keys(validators).length;\n";

export async function run({ runs }) {
  const url = postgresCorpus('synth500');
  const work = ensureWorkDir();
  const ours = join(work, 'typecheck-crudgen');
  const withValidators = join(work, 'typecheck-crudgen-validators');
  const typesOnly = join(work, 'typecheck-crudgen-types');
  const peer = join(work, 'typecheck-kysely-codegen');
  for (const dir of [ours, withValidators, typesOnly, peer]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(join(dir, 'use.ts'), USE);
  }
  runProcess('node', [join(ROOT, 'bin', 'crudgen.js'), 'generate', '--url', url, '--out', ours]);
  writeFileSync(join(ours, 'use-repositories.ts'), USE_REPOSITORIES);
  writeFileSync(join(withValidators, 'use-validators.ts'), USE_VALIDATORS);
  for (const file of ['db.ts', 'tables.ts', 'validators.ts']) cpSync(join(ours, file), join(withValidators, file));
  for (const file of ['db.ts', 'tables.ts']) cpSync(join(ours, file), join(typesOnly, file));
  runProcess('node', [join(ROOT, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js'), '--dialect', 'postgres', '--url', url, '--out-file', join(peer, 'db.ts')]);
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  const contenders = [
    { name: 'crudgen, everything (+ repositories/, index.ts)', run: () => timeProcess(tsc, ['-p', join(ours, 'tsconfig.json')]) },
    { name: 'crudgen types and validators (db.ts + tables.ts + validators.ts)', run: () => timeProcess(tsc, ['-p', join(withValidators, 'tsconfig.json')]) },
    { name: 'crudgen types (db.ts + tables.ts)', run: () => timeProcess(tsc, ['-p', join(typesOnly, 'tsconfig.json')]) },
    { name: 'kysely-codegen 0.20 (db.ts)', run: () => timeProcess(tsc, ['-p', join(peer, 'tsconfig.json')]) },
  ];
  interleave(contenders, 1);
  const samples = interleave(contenders, runs);
  const base = median(samples['kysely-codegen 0.20 (db.ts)']);
  const ratio = (name) => (median(samples[name]) / base).toFixed(2);
  return {
    headers: ['generated code', 'tsc --noEmit median', 'ratio'],
    rows: contenders.map(({ name }) => [name, `${median(samples[name]).toFixed(0)} ms`, ratio(name)]),
    notes: `${runs} interleaved runs after one warm-up, TypeScript's native tsc, strict, skipLibCheck, @types/node loaded for both (kysely-codegen's Buffer needs it). Goal: at most 3 × kysely-codegen's time with validators; the repositories' share is reported.`,
    summary: [
      {
        comparison: "tsc --noEmit over crudgen's types and validators ÷ over kysely-codegen's types, 500 tables (lower is better; with repositories in brackets)",
        engine: 'PostgreSQL',
        value: `${ratio(contenders[1].name)} (${ratio(contenders[0].name)})`,
        goal: '≤ 3',
      },
    ],
  };
}
