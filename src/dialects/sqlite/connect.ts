import { existsSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { causeText, CrudgenError } from '../../runtime/errors/crudgen-error.js';
import { loadDriver } from '../../runtime/load-driver.js';

export type SqliteDatabase = BetterSqlite3.Database;

/**
 * Opens a SQLite file read-only: introspection must never create or change a database, and a
 * missing file is an error rather than a new empty database.
 */
export async function openSqlite(file: string): Promise<{ db: SqliteDatabase; version: string }> {
  const { default: Database } = await loadDriver('better-sqlite3', () => import('better-sqlite3'));
  if (file !== ':memory:' && !existsSync(file)) {
    throw new CrudgenError('DATABASE_NOT_FOUND', `The SQLite database file "${file}" does not exist.`, {
      details: { file },
      hint: 'Check the path in --url or DATABASE_URL (relative paths are resolved from the current directory).',
    });
  }
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: file !== ':memory:' });
    const row = db.prepare('SELECT sqlite_version() AS version').get() as { version: string };
    // Reading the schema is what fails on a file that is not a database; do it while connecting.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return { db, version: row.version };
  } catch (cause) {
    db?.close();
    const code = (cause as { code?: unknown }).code;
    const reason = code === 'SQLITE_NOTADB' ? 'it is not a SQLite database' : causeText(cause);
    throw new CrudgenError('CONNECTION_FAILED', `Could not open the SQLite database "${file}": ${reason}.`, {
      cause,
      details: { file, driverCode: typeof code === 'string' ? code : null },
      hint: 'Check that the path points to a SQLite database file that you may read.',
    });
  }
}
