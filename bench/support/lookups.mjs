// Child process for instruction counting (valgrind): N primary-key lookups on chinook through
// plain Kysely or through createDatabase(), on SQLite or PostgreSQL.
// Usage: lookups.mjs <plain|ours> <sqlite-file|postgres-url> <N>
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { createDatabase } from '../../dist/src/runtime/index.js';

const [variant, target, count] = process.argv.slice(2);
const postgres = target.startsWith('postgres');
const [table, key] = postgres ? ['track', 'track_id'] : ['Track', 'TrackId'];
const url = postgres ? target : `sqlite:${target}`;
const plainDialect = () =>
  postgres
    ? new PostgresDialect({ pool: new pg.Pool({ connectionString: target, max: 1, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000, application_name: 'crudgen' }) })
    : new SqliteDialect({ database: new BetterSqlite3(target, { fileMustExist: true }) });
const kysely = variant === 'plain' ? new Kysely({ dialect: plainDialect() }) : createDatabase({ url, pool: { max: 1 }, mode: 'production' }).kysely;
for (let i = 0; i < Number(count); i++) {
  await kysely.selectFrom(table).selectAll().where(key, '=', (i % 3000) + 1).executeTakeFirst();
}
await kysely.destroy();
