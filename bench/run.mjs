// Runs every benchmark, prints a table per benchmark and rewrites bench/RESULTS.md.
//   npm run bench                 all benchmarks
//   npm run bench -- introspect   only those whose file name contains "introspect"
//   BENCH_RUNS=15 npm run bench   more runs per contender (default 9)
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, markdownTable, ROOT } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 9);
const filter = process.argv[2] ?? '';
const files = readdirSync(join(ROOT, 'bench'))
  .filter((f) => f.endsWith('.mjs') && !['run.mjs', 'lib.mjs', 'introspect-phases.mjs'].includes(f) && f.includes(filter))
  .sort();

const sections = [];
for (const file of files) {
  const bench = await import(join(ROOT, 'bench', file));
  process.stderr.write(`running ${file} …\n`);
  const result = await bench.run({ runs });
  const table = markdownTable(result.headers, result.rows);
  console.log(`\n${bench.title}\n${table}\n${result.notes}\n`);
  sections.push(`## ${bench.title}\n\n${table}\n\n${result.notes}\n\nCommand: \`npm run bench -- ${file.replace(/\.mjs$/, '')}\``);
}

if (filter === '') {
  const text = `# Benchmark results\n\nWritten by \`npm run bench\`; medians of interleaved runs on one machine, compare ratios, not absolute times.\n\nMachine: ${machine()}\n\n${sections.join('\n\n')}\n`;
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), text);
  process.stderr.write('wrote bench/RESULTS.md\n');
}
