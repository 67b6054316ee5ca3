// Shared helpers for benchmarks: whole-process timing, medians, table formatting.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WORK = join(ROOT, 'bench', '.work');
export const CORPUS = process.env.CRUDGEN_CORPUS ?? join(ROOT, '..', 'shared', 'corpus');

export function ensureWorkDir() {
  mkdirSync(WORK, { recursive: true });
  return WORK;
}

/** Loads a corpus entry into a SQLite file under bench/.work once; later runs reuse it. */
export function sqliteCorpus(name) {
  const file = join(ensureWorkDir(), `${name}.sqlite`);
  if (!existsSync(file)) run('bash', [join(CORPUS, 'load.sh'), name, 'sqlite', file]);
  return file;
}

const POSTGRES_SERVER = process.env.CRUDGEN_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
const MYSQL_SERVER = process.env.CRUDGEN_BENCH_MYSQL ?? 'mysql://root@127.0.0.1:3306';

/** psql's and the corpus loader's view of the benchmark's PostgreSQL server. */
function postgresEnv() {
  const { hostname, port, username } = new URL(POSTGRES_SERVER);
  return { ...process.env, PGHOST: hostname, PGPORT: port || '5432', PGUSER: username || 'postgres' };
}

/** One query's result through psql, unaligned and without headers. */
export function psql(query) {
  return run('psql', ['-XAtd', 'postgres', '-c', query], { env: postgresEnv() }).stdout.trim();
}

/** The mysql client's and the corpus loader's view of the benchmark's MySQL/MariaDB server. */
function mysqlEnv() {
  const { hostname, port, username, password } = new URL(MYSQL_SERVER);
  return { ...process.env, MYSQL_HOST: hostname, MYSQL_PORT: port || '3306', MYSQL_USER: username || 'root', MYSQL_PASSWORD: password, MYSQL_PWD: password };
}

/** One query's result through the mysql client, without column names. */
export function mysqlQuery(query) {
  const env = mysqlEnv();
  return run('mysql', ['--protocol=TCP', '-h', env.MYSQL_HOST, '-P', env.MYSQL_PORT, '-u', env.MYSQL_USER, '-N', '-e', query], { env }).stdout.trim();
}

/** Loads a corpus entry into the PostgreSQL database crudgen_<name> unless it is there already. */
export function postgresCorpus(name) {
  const database = `crudgen_${name}`;
  if (psql(`SELECT 1 FROM pg_database WHERE datname = '${database}'`) !== '1') run('bash', [join(CORPUS, 'load.sh'), name, 'pg', database], { env: postgresEnv() });
  return `${POSTGRES_SERVER}/${database}`;
}

/** Loads a corpus entry into the MySQL/MariaDB database crudgen_<name> unless it is there already. */
export function mysqlCorpus(name) {
  const database = `crudgen_${name}`;
  if (mysqlQuery(`SHOW DATABASES LIKE '${database}'`) !== database) run('bash', [join(CORPUS, 'load.sh'), name, 'mysql', database], { env: mysqlEnv() });
  return `${MYSQL_SERVER}/${database}`;
}

/** How many queries one run of `node args…` sends, counted inside the process (see support/count-queries.mjs). */
export function queryCount(args) {
  const file = join(ensureWorkDir(), 'query-count.txt');
  run('node', ['--import', join(ROOT, 'bench', 'support', 'count-queries.mjs'), ...args], { env: { ...process.env, COUNT_QUERIES_TO: file } });
  return Number(readFileSync(file, 'utf8'));
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: ROOT, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  }
  return result;
}

/** Wall time of one process run, in milliseconds. */
export function timeProcess(command, args, options = {}) {
  const start = process.hrtime.bigint();
  run(command, args, options);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Runs each contender `runs` times, interleaved (A B C A B C …) so that machine noise hits all of
 * them alike, and returns the samples per contender.
 */
export function interleave(contenders, runs) {
  const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const contender of contenders) samples[contender.name].push(contender.run());
  }
  return samples;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The summary-table cell of an introspection bench: crudgen's time ÷ kysely-codegen's at 2,000 tables. */
export function introspectionSummary({ engine, crudgenMs, peerMs, goal }) {
  return {
    comparison: 'crudgen introspect ÷ kysely-codegen, 2,000 tables, whole-process wall time (lower is better; crudgen\'s time in brackets)',
    engine,
    value: `${(crudgenMs / peerMs).toFixed(2)} (${crudgenMs.toFixed(0)} ms)`,
    goal,
  };
}

/**
 * Whole-process `crudgen introspect` beside kysely-codegen 0.20 on synth500 and synth2000 of one
 * server engine, with the number of queries each sends.
 */
export function introspectionBesidePeer({ engine, dialect, corpus, rounds, goal }) {
  const crudgen = join(ROOT, 'bin', 'crudgen.js');
  const kyselyCodegen = join(ROOT, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');
  const commands = {
    'crudgen introspect': (url) => [crudgen, 'introspect', '--url', url, '--out', join(WORK, `${dialect}-snapshot.json`)],
    'kysely-codegen 0.20': (url) => [kyselyCodegen, '--dialect', dialect, '--url', url, '--out-file', join(WORK, `${dialect}-kysely-codegen.d.ts`)],
  };
  const rows = [];
  let summary = null;
  for (const name of ['synth500', 'synth2000']) {
    const url = corpus(name);
    const contenders = Object.entries(commands).map(([contender, args]) => ({ name: contender, run: () => timeProcess('node', args(url)) }));
    interleave(contenders, 1);
    const samples = interleave(contenders, rounds);
    const base = median(samples['kysely-codegen 0.20']);
    for (const [contender, args] of Object.entries(commands)) {
      const values = samples[contender];
      rows.push([name, contender, `${median(values).toFixed(0)} ms`, `${Math.min(...values).toFixed(0)} ms`, (median(values) / base).toFixed(2), String(queryCount(args(url)))]);
    }
    if (name === 'synth2000') summary = introspectionSummary({ engine, crudgenMs: median(samples['crudgen introspect']), peerMs: base, goal });
  }
  return { headers: ['schema', 'contender', 'median', 'min', 'ratio to kysely-codegen', 'queries'], rows, summary: [summary] };
}
