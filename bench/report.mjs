// Writes one run's results: RESULTS.md (a summary of the headline comparisons, the machine and
// versions, then a section per benchmark) and the SVG charts it embeds, under charts/.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownTable } from './lib.mjs';

const ENGINES = ['SQLite', 'PostgreSQL', 'MariaDB'];

/**
 * sections: [{ name, title, command, result, error }] in the order they ran; a result is
 * { headers, rows, notes, summary?, charts? } (see run.mjs), error a message when the bench failed.
 */
export function writeResults(dir, { environment, sections, minutes, filter }) {
  const chartDir = join(dir, 'charts');
  mkdirSync(chartDir, { recursive: true });
  const written = new Set();
  for (const chart of sections.flatMap((section) => section.result?.charts ?? [])) {
    writeFileSync(join(chartDir, `${chart.name}.svg`), chart.svg);
    written.add(`${chart.name}.svg`);
  }
  // A chart that no bench draws any more would otherwise linger beside the results.
  for (const file of readdirSync(chartDir)) if (file.endsWith('.svg') && !written.has(file)) rmSync(join(chartDir, file));
  writeFileSync(join(dir, 'RESULTS.md'), resultsMarkdown({ environment, sections, minutes, filter }));
}

function resultsMarkdown({ environment, sections, minutes, filter }) {
  const scope = filter === '' ? 'every benchmark' : `only the benchmarks whose file name contains "${filter}"`;
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\`: ${scope}, in one run on one machine (${minutes < 1 ? 'under a minute' : `${Math.round(minutes)} min`} in all). Numbers are medians of interleaved runs; between machines, compare the ratios, not the absolute times.`,
    '',
    '## Summary',
    '',
    'crudgen beside plain Kysely, the raw drivers, kysely-codegen and a hand-written zod schema. Each row links to its section, which says how it was measured and where its goal comes from.',
    '',
    summaryTable(sections),
    '',
    '## Machine and versions',
    '',
    environment,
    '',
    ...sections.flatMap((section) => [sectionMarkdown(section), '']),
  ].join('\n');
}

/** One row per comparison, one column per engine; benches that cover one engine each fill their cell. */
function summaryTable(sections) {
  const rows = new Map();
  for (const section of sections) {
    for (const entry of section.result?.summary ?? []) {
      if (!rows.has(entry.comparison)) rows.set(entry.comparison, { values: new Map(), goals: new Map(), links: new Set() });
      const row = rows.get(entry.comparison);
      row.values.set(entry.engine, entry.value);
      row.goals.set(entry.engine, entry.goal);
      row.links.add(`[${section.name}](#${anchor(section.title)})`);
    }
  }
  if (rows.size === 0) return 'No benchmark in this run reports a comparison.';
  const lines = [...rows].map(([comparison, row]) => [
    comparison,
    ...ENGINES.map((engine) => row.values.get(engine) ?? '—'),
    goalText(row.goals),
    [...row.links].join(', '),
  ]);
  return markdownTable(['comparison', ...ENGINES, 'goal', 'section'], lines);
}

/** The goal once when all engines share it, else per engine. */
function goalText(goals) {
  const distinct = new Set(goals.values());
  if (distinct.size === 1) return [...distinct][0];
  return [...goals].map(([engine, goal]) => `${engine}: ${goal}`).join('; ');
}

function sectionMarkdown({ title, command, result, error }) {
  const heading = `## ${title}`;
  if (result === null) return [heading, '', `**Failed in this run:** ${error}`, '', `Command: \`${command}\``].join('\n');
  const charts = (result.charts ?? []).map((chart) => `![${chart.alt}](charts/${chart.name}.svg)`);
  return [heading, '', markdownTable(result.headers, result.rows), '', ...charts.flatMap((line) => [line, '']), result.notes, '', `Command: \`${command}\``].join('\n');
}

/** The fragment GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(title) {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
