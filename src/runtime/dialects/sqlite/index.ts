import { sql, SqliteDialect, type SqliteDatabase } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { loadDriver } from '../../load-driver.js';
import type { Engine, EngineOptions } from '../types.js';
import { classifySqliteError } from './errors.js';

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * SQLite through better-sqlite3: one synchronous connection, no pool and no statement timeout.
 * `statementTimeoutMs` is used as the busy timeout: how long a statement waits for another
 * connection's lock before failing with LOCK_TIMEOUT. The file must exist (a typo in the path
 * would otherwise create an empty database), except `:memory:`.
 */
export function sqliteEngine(options: EngineOptions): Engine {
  if (options.target.dialect !== 'sqlite') throw new TypeError('sqliteEngine needs a sqlite: target');
  const file = options.target.file;
  const createDatabase = async () => {
    const { default: Database } = await loadDriver('better-sqlite3', () => import('better-sqlite3'));
    const database = new Database(file, { fileMustExist: file !== ':memory:', timeout: options.statementTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    database.pragma('foreign_keys = ON');
    return options.statementCache > 0 ? withStatementCache(database, options.statementCache) : database;
  };
  return {
    product: 'SQLite',
    target: file,
    kyselyDialect: new SqliteDialect({ database: createDatabase }),
    classify: (error) => classifySqliteError(error),
    poolStats: () => null,
    async readFeatures(kysely) {
      const { rows } = await sql<{ version: string }>`select sqlite_version() as version`.execute(kysely);
      const [major = 0, minor = 0] = (rows[0]?.version ?? '').split('.').map(Number);
      const atLeast = (m: number, n: number): boolean => major > m || (major === m && minor >= n);
      // RETURNING since 3.35; SQLITE_MAX_VARIABLE_NUMBER is 32766 since 3.32, 999 before.
      const returning = atLeast(3, 35);
      return { returning, returningOnUpdate: returning, upsert: 'on_conflict', arrayParameters: false, maxBindParameters: atLeast(3, 32) ? 32_766 : 999, maxStatementBytes: null };
    },
  };
}

/**
 * Kysely prepares every statement again; with better-sqlite3 preparing costs more than running a
 * primary-key lookup. Statements are kept by their SQL text (least recently used out) and reused
 * unless one is busy (a stream still iterating it). SQLite re-prepares a kept statement by
 * itself after a schema change.
 */
function withStatementCache(database: BetterSqlite3.Database, capacity: number): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(text) {
      const kept = statements.get(text);
      if (kept !== undefined && !kept.busy) {
        statements.delete(text);
        statements.set(text, kept);
        return kept;
      }
      const statement = database.prepare(text);
      statements.set(text, statement);
      if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
