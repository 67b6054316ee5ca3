// Shared helpers for benchmarks: whole-process timing, medians, table formatting.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
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

/** Loads a corpus entry into the PostgreSQL database crudgen_<name> unless it is there already. */
export function postgresCorpus(name) {
  const server = process.env.CRUDGEN_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
  const database = `crudgen_${name}`;
  const { hostname, port, username } = new URL(server);
  const env = { ...process.env, PGHOST: hostname, PGPORT: port || '5432', PGUSER: username || 'postgres' };
  const exists = run('psql', ['-XAtd', 'postgres', '-c', `SELECT 1 FROM pg_database WHERE datname = '${database}'`], { env }).stdout.trim() === '1';
  if (!exists) run('bash', [join(CORPUS, 'load.sh'), name, 'pg', database], { env });
  return `${server}/${database}`;
}

/** Loads a corpus entry into the MySQL/MariaDB database crudgen_<name> unless it is there already. */
export function mysqlCorpus(name) {
  const server = process.env.CRUDGEN_BENCH_MYSQL ?? 'mysql://root@127.0.0.1:3306';
  const database = `crudgen_${name}`;
  const { hostname, port, username, password } = new URL(server);
  const env = { ...process.env, MYSQL_HOST: hostname, MYSQL_PORT: port || '3306', MYSQL_USER: username || 'root', MYSQL_PASSWORD: password };
  const args = ['--protocol=TCP', '-h', hostname, '-P', port || '3306', '-u', username || 'root', '-N', '-e', `SHOW DATABASES LIKE '${database}'`];
  const exists = run('mysql', args, { env: { ...env, MYSQL_PWD: password } }).stdout.trim() === database;
  if (!exists) run('bash', [join(CORPUS, 'load.sh'), name, 'mysql', database], { env });
  return `${server}/${database}`;
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

export function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${os.platform()} ${os.release()}`;
}

export function markdownTable(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * Whole-process `crudgen introspect` beside kysely-codegen 0.20 on synth500 and synth2000 of one
 * server engine, with the number of queries each sends.
 */
export function introspectionBesidePeer({ dialect, corpus, rounds }) {
  const crudgen = join(ROOT, 'bin', 'crudgen.js');
  const kyselyCodegen = join(ROOT, 'node_modules', 'kysely-codegen', 'dist', 'cli', 'bin.js');
  const commands = {
    'crudgen introspect': (url) => [crudgen, 'introspect', '--url', url, '--out', join(WORK, `${dialect}-snapshot.json`)],
    'kysely-codegen 0.20': (url) => [kyselyCodegen, '--dialect', dialect, '--url', url, '--out-file', join(WORK, `${dialect}-kysely-codegen.d.ts`)],
  };
  const rows = [];
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
  }
  return { headers: ['schema', 'contender', 'median', 'min', 'ratio to kysely-codegen', 'queries'], rows };
}
