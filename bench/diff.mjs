// `crudgen diff` of two synth2000 snapshots (SQLite) where 1% of the tables changed: the pure core,
// the whole in-process operation, and the whole process as CI runs it.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { diffSchemas } from '../dist/src/diff/diff-schemas.js';
import { apiImpact } from '../dist/src/operations/api-impact.js';
import { diff } from '../dist/src/operations/diff.js';
import { introspect } from '../dist/src/operations/introspect.js';
import { readSnapshot } from '../dist/src/snapshot/read.js';
import { writeSnapshot } from '../dist/src/snapshot/write.js';
import { ensureWorkDir, median, ROOT, run as runProcess, sqliteCorpus, timeProcess } from './lib.mjs';

export const title = 'Schema diff: crudgen diff of two synth2000 snapshots, 20 of 2,000 tables changed (SQLite)';

const GOAL_MS = 300;
const CHANGED = 20;

export async function run({ runs }) {
  const work = ensureWorkDir();
  const before = await introspect({ url: sqliteCorpus('synth2000') });
  const fromFile = join(work, 'diff-from.json');
  const toFile = join(work, 'diff-to.json');
  await writeSnapshot(fromFile, before);
  await writeSnapshot(toFile, { ...before, schema: changeTables(before.schema) });
  // Read both back as the CLI does, so that the in-process timings see the same normalized input.
  const a = await readSnapshot(fromFile);
  const b = await readSnapshot(toFile);

  const samples = Math.max(5, runs);
  const core = await timeMany(samples, () => diffSchemas(a.schema, b.schema));
  const impact = await timeMany(samples, () => apiImpact(a, b));
  const operation = await timeMany(samples, () => diff({ from: { snapshot: a, source: fromFile }, to: { snapshot: b, source: toFile } }));
  const report = await diff({ from: { snapshot: a, source: fromFile }, to: { snapshot: b, source: toFile } });

  const args = [join(ROOT, 'bin', 'crudgen.js'), 'diff', '--from', fromFile, '--to', toFile, '--json'];
  // The sanity check doubles as the whole process's warm-up run (file cache, compile cache).
  const printed = JSON.parse(runProcess('node', args).stdout);
  if (printed.summary.total !== report.summary.total || printed.summary.total === 0) {
    throw new Error(`crudgen diff --json reported ${printed.summary.total} changes, diff() ${report.summary.total}`);
  }
  const processRuns = Math.max(3, Math.floor(runs / 2));
  const whole = [];
  for (let i = 0; i < processRuns; i++) whole.push(timeProcess('node', args));

  const { summary } = report;
  const goal = `≤ ${GOAL_MS} ms`;
  return {
    headers: ['step', 'median ms', 'goal'],
    rows: [
      ['diffSchemas (core)', median(core).toFixed(1), ''],
      ['apiImpact (the generated API and files that change)', median(impact).toFixed(1), ''],
      ['diff() incl. classification, renames, API impact, migration SQL, report', median(operation).toFixed(1), goal],
      ['crudgen diff --json (whole process)', median(whole).toFixed(0), ''],
    ],
    notes:
      `${a.schema.tables.length.toLocaleString('en')} tables, ${CHANGED} changed (a column dropped, a nullable and a NOT NULL column without default added, ` +
      `a VARCHAR or INTEGER column retyped where one is free, an index added; one of them renamed instead), giving ${summary.total} changes ` +
      `(${summary.safe} safe, ${summary['data-dependent']} data-dependent, ${summary.breaking} breaking, ${summary.destructive} destructive) ` +
      `and ${report.renameCandidates.length} rename candidate(s). In-process: median of ${samples} runs after two warm-ups; ` +
      `whole process: median of ${processRuns} runs after one warm-up, reading both snapshot files. Goal: the diff itself ≤ ${GOAL_MS} ms. ` +
      `The whole process also starts Node, loads the CLI and reads and validates both snapshots (about ${(statSync(fromFile).size / 2 ** 20).toFixed(1)} MB each), ` +
      'of which the diff itself is a small part. The API impact names every relation over the whole schema on both sides (so that names made ' +
      'distinct across tables stay right), then plans and renders only the relations whose definition or names differ.',
  };
}

/** Milliseconds per call of an (a)sync function, after two untimed calls so the JIT has seen it. */
async function timeMany(count, fn) {
  await fn();
  await fn();
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

/**
 * The same schema with every 100th table changed, the way a migration would change it. Fixed
 * positions and names keep the result identical from run to run.
 */
function changeTables(schema) {
  const step = Math.floor(schema.tables.length / CHANGED);
  const picked = new Set(Array.from({ length: CHANGED }, (_, i) => i * step + (step >> 1)));
  // The renamed table must have no incoming foreign keys, or the referencing tables would change too.
  const referenced = new Set(schema.tables.flatMap((table) => table.foreignKeys.map((key) => key.references.table)));
  const renamed = [...picked].map((i) => schema.tables[i].name).find((name) => !referenced.has(name));
  if (renamed === undefined) throw new Error('no picked table is free of incoming foreign keys to rename');
  const tables = schema.tables.map((table, i) => {
    if (!picked.has(i)) return table;
    if (table.name === renamed) return { ...table, name: `${table.name}_renamed` };
    return changeTable(table);
  });
  return { ...schema, tables };
}

function changeTable(table) {
  // Drop a column nothing else points at, so the change stays a plain column drop.
  const used = new Set([
    ...(table.primaryKey?.columns ?? []),
    ...table.foreignKeys.flatMap((key) => key.columns),
    ...table.uniqueConstraints.flatMap((unique) => unique.columns),
    ...table.indexes.flatMap((index) => index.parts.map((part) => part.column)),
  ]);
  const dropped = table.columns.findLast((column) => !used.has(column.name) && column.generated === null);
  const retyped = table.columns.find((column) => column !== dropped && !used.has(column.name) && /^(VARCHAR|INTEGER)/.test(column.nativeType));
  const next = Math.max(...table.columns.map((column) => column.ordinal)) + 1;
  const columns = table.columns
    .filter((column) => column !== dropped)
    .map((column) => (column === retyped ? retype(column) : column));
  columns.push(
    newColumn({ name: 'bench_note', ordinal: next, nativeType: 'TEXT', family: 'text', affinity: 'TEXT', nullable: true }),
    newColumn({ name: 'bench_flag', ordinal: next + 1, nativeType: 'INTEGER', family: 'integer', affinity: 'INTEGER', nullable: false }),
  );
  const index = { name: `idx_${table.name}_bench_note`, parts: [{ column: 'bench_note', expression: null, descending: false, prefixLength: null }], unique: false, predicate: null, method: null };
  return { ...table, columns, indexes: [...table.indexes, index] };
}

/** VARCHAR(n) shrinks to half (a narrowing), INTEGER becomes BIGINT (a widening). */
function retype(column) {
  if (column.nativeType.startsWith('VARCHAR')) {
    const length = Math.max(1, Math.floor((column.length ?? 2) / 2));
    return { ...column, nativeType: `VARCHAR(${length})`, length };
  }
  return { ...column, nativeType: 'BIGINT', family: 'bigint' };
}

function newColumn(fields) {
  return {
    default: null, identity: null, generated: null, enumRef: null, domainRef: null, allowedValues: null, arrayDimensions: 0,
    length: null, precision: null, scale: null, unsigned: false, collation: null, comment: null, ...fields,
  };
}
