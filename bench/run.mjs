// Runs the benchmarks, prints a table per benchmark, and after a run of all of them rewrites
// bench/RESULTS.md and the charts in bench/charts/.
//   npm run bench                         every benchmark: about 15 minutes on a quiet 2-core machine, 3 more the
//                                         first time, while the corpus schemas are loaded into the servers
//   npm run bench -- introspect           only those whose file name contains "introspect"
//   BENCH_RUNS=15 npm run bench           more runs per contender (default 9; a few benches cap or raise it)
//   BENCH_OUT=/tmp/x npm run bench -- …   write RESULTS.md and charts/ into /tmp/x instead, filtered or not
// A filtered run writes nothing unless BENCH_OUT says where: bench/RESULTS.md comes from one whole run.
//
// Each bench exports `title` and `run({ runs })`, which resolves to { headers, rows, notes } for its
// table and optionally `summary` (cells of the summary table: { comparison, engine, value, goal })
// and `charts` ([{ name, alt, svg }]).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeEnvironment } from './environment.mjs';
import { markdownTable, ROOT, WORK } from './lib.mjs';
import { writeResults } from './report.mjs';

// The order of RESULTS.md: the runtime beside its peers first, then the generator beside kysely-codegen.
const BENCHES = [
  'repositories',
  'runtime-overhead',
  'validation-overhead',
  'validate',
  'monitoring-overhead',
  'transfers',
  'generate',
  'introspect-sqlite',
  'introspect-postgres',
  'introspect-mysql',
  'generate-typecheck',
  'diff',
  'config-load',
];
const NOT_BENCHES = ['run', 'lib', 'chart', 'report', 'environment', 'introspect-phases'];

const unlisted = readdirSync(join(ROOT, 'bench'))
  .filter((file) => file.endsWith('.mjs'))
  .map((file) => file.slice(0, -'.mjs'.length))
  .filter((name) => !BENCHES.includes(name) && !NOT_BENCHES.includes(name));
if (unlisted.length > 0) throw new Error(`bench/run.mjs does not list ${unlisted.join(', ')}: add it to BENCHES (or NOT_BENCHES if it is a helper)`);

const runs = Number(process.env.BENCH_RUNS ?? 9);
const filter = process.argv[2] ?? '';
const selected = BENCHES.filter((name) => `${name}.mjs`.includes(filter));
if (selected.length === 0) throw new Error(`no benchmark file name contains "${filter}"`);

const started = process.hrtime.bigint();
const minutesSince = (start) => Number(process.hrtime.bigint() - start) / 6e10;
const sections = [];
for (const [index, name] of selected.entries()) {
  const bench = await import(join(ROOT, 'bench', `${name}.mjs`));
  const step = `[${index + 1}/${selected.length}] ${name}`;
  process.stderr.write(`${step} …\n`);
  const benchStarted = process.hrtime.bigint();
  const section = { name, title: bench.title, command: `npm run bench -- ${uniqueFilter(name)}`, result: null, error: null };
  try {
    section.result = await bench.run({ runs });
    console.log(`\n${bench.title}\n${markdownTable(section.result.headers, section.result.rows)}\n${section.result.notes}\n`);
  } catch (error) {
    // One broken bench must not cost the others' numbers at the end of a long run.
    section.error = headline(error);
    process.stderr.write(`${step} failed: ${error instanceof Error ? error.stack : error}\n`);
  }
  sections.push(section);
  process.stderr.write(`${step} took ${(minutesSince(benchStarted) * 60).toFixed(0)} s (${minutesSince(started).toFixed(1)} min so far)\n`);
}

const failed = sections.filter((section) => section.result === null);
let out = process.env.BENCH_OUT ?? (filter === '' ? join(ROOT, 'bench') : null);
// Failed sections must not replace good ones in the committed results.
if (failed.length > 0 && out === join(ROOT, 'bench')) out = join(WORK, 'failed-run');
if (out !== null) {
  writeResults(out, { environment: describeEnvironment(), sections, minutes: minutesSince(started), filter });
  process.stderr.write(`wrote ${join(out, 'RESULTS.md')} and its charts\n`);
}
if (failed.length > 0) {
  process.stderr.write(`failed: ${failed.map((section) => section.name).join(', ')}\n`);
  process.exitCode = 1;
}

/** A failure in one line: the message's first, and the error a child process printed, if any. */
function headline(error) {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const cause = lines.slice(1).find((line) => /^\w*Error\b/.test(line));
  return cause === undefined ? lines[0] : `${lines[0]} ${cause}`;
}

/** The shortest argument that selects this bench alone ("generate.mjs", since "generate" also picks generate-typecheck). */
function uniqueFilter(name) {
  return BENCHES.some((other) => other !== name && `${other}.mjs`.includes(name)) ? `${name}.mjs` : name;
}
