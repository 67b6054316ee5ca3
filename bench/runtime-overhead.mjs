// The runtime's cost per query: 10,000 primary-key lookups through createDatabase() vs plain
// Kysely over the same driver and pool settings, on each engine (chinook), interleaved pairs.
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import mysql from 'mysql2';
import pg from 'pg';
import { createDatabase } from '../dist/src/runtime/index.js';
import { median, mysqlCorpus, postgresCorpus, sqliteCorpus } from './lib.mjs';

export const title = 'Runtime overhead: 10,000 primary-key lookups, createDatabase() vs plain Kysely';

const LOOKUPS = 10_000;

const engines = [
  {
    name: 'PostgreSQL',
    url: () => postgresCorpus('chinook'),
    table: 'track',
    key: 'track_id',
    // The same pool settings as createDatabase() uses, so that only the wrapper differs: pg-pool
    // arms a timer per checkout when connectionTimeoutMillis is set.
    plain: (url) =>
      new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000, application_name: 'crudgen' }) }),
  },
  {
    name: 'MariaDB',
    url: () => mysqlCorpus('chinook'),
    table: 'Track',
    key: 'TrackId',
    plain: (url) =>
      new MysqlDialect({
        pool: mysql.createPool({ uri: url, connectionLimit: 1, maxIdle: 1, idleTimeout: 30_000, connectTimeout: 10_000, supportBigNumbers: true, bigNumberStrings: true, charset: 'utf8mb4_general_ci' }),
      }),
  },
  {
    name: 'SQLite',
    url: () => `sqlite:${sqliteCorpus('chinook')}`,
    table: 'Track',
    key: 'TrackId',
    plain: (url) => new SqliteDialect({ database: new BetterSqlite3(url.slice('sqlite:'.length), { fileMustExist: true }) }),
  },
];

async function loop(kysely, table, key) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < LOOKUPS; i++) {
    await kysely.selectFrom(table).selectAll().where(key, '=', (i % 3000) + 1).executeTakeFirst();
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function run({ runs }) {
  const pairs = Math.max(runs, 10);
  const rows = [];
  const summary = [];
  for (const engine of engines) {
    const url = engine.url();
    const plain = new Kysely({ dialect: engine.plain(url) });
    const database = createDatabase({ url, pool: { max: 1 }, mode: 'production' });
    // Warm both up (connections, JIT) before measuring.
    await loop(plain, engine.table, engine.key);
    await loop(database.kysely, engine.table, engine.key);
    const samples = { plain: [], ours: [] };
    for (let i = 0; i < pairs; i++) {
      // Alternate which goes first so drift hits both alike.
      if (i % 2 === 0) {
        samples.plain.push(await loop(plain, engine.table, engine.key));
        samples.ours.push(await loop(database.kysely, engine.table, engine.key));
      } else {
        samples.ours.push(await loop(database.kysely, engine.table, engine.key));
        samples.plain.push(await loop(plain, engine.table, engine.key));
      }
    }
    await plain.destroy();
    await database.close();
    const ratios = samples.ours.map((ours, i) => ours / samples.plain[i]);
    const overhead = `${((median(ratios) - 1) * 100).toFixed(1)} %`;
    rows.push([engine.name, `${median(samples.plain).toFixed(0)} ms`, `${median(samples.ours).toFixed(0)} ms`, overhead]);
    summary.push({ comparison: 'Primary-key lookups through createDatabase(): time added over plain Kysely (lower is better)', engine: engine.name, value: overhead, goal: '≤ 3 %' });
  }
  return {
    headers: ['engine', 'plain Kysely', 'createDatabase()', 'overhead (median of per-pair ratios)'],
    rows,
    notes: `${Math.max(runs, 10)} interleaved pairs of ${LOOKUPS.toLocaleString('en')} sequential lookups each, one pooled connection with the same pool settings on both sides, production mode, after one warm-up loop each. Goal: at most 3 % slower. Wall time on loopback is noisy; instruction counts are not: \`valgrind --tool=callgrind node --jitless bench/support/lookups.mjs plain|ours FILE-or-URL N\` for N = 2,000 and 12,000 gives the cost of 10,000 lookups by difference; measured on 2026-11-26: plain Kysely 214.5k, createDatabase() 220.9k instructions per lookup (+3.0 %, interpreter only, an upper bound).`,
    summary,
  };
}
