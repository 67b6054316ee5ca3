// Child process for instruction counting (valgrind): N primary-key lookups on SQLite chinook,
// through plain Kysely or through createDatabase(). Usage: sqlite-lookups.mjs <plain|ours> <file> <N>
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createDatabase } from '../../dist/src/runtime/index.js';

const [variant, file, count] = process.argv.slice(2);
const kysely =
  variant === 'plain'
    ? new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(file, { fileMustExist: true }) }) })
    : createDatabase({ url: `sqlite:${file}`, mode: 'production' }).kysely;
for (let i = 0; i < Number(count); i++) {
  await kysely.selectFrom('Track').selectAll().where('TrackId', '=', (i % 3000) + 1).executeTakeFirst();
}
await kysely.destroy();
