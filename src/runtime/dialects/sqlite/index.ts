import { DEFAULT_SQLITE_BUSY_TIMEOUT_MS } from '../../connection-defaults.js';
import { loadDriver } from '../../load-driver.js';
import type { Engine, EngineOptions } from '../types.js';
import { SqliteDialect } from './driver.js';
import { classifySqliteError } from './errors.js';

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
    const database = new Database(file, { fileMustExist: file !== ':memory:', timeout: options.statementTimeoutMs ?? DEFAULT_SQLITE_BUSY_TIMEOUT_MS });
    database.pragma('foreign_keys = ON');
    return database;
  };
  return {
    product: 'SQLite',
    system: 'sqlite',
    target: file,
    kyselyDialect: new SqliteDialect(createDatabase, options.statementCache),
    classify: (error) => classifySqliteError(error),
    poolStats: () => null,
    async readFeatures() {
      // The library's own SQLite, asked on a memory database: even a constant SELECT on the file
      // reads its schema first, and another connection's write lock would make it wait or fail.
      const { default: Database } = await loadDriver('better-sqlite3', () => import('better-sqlite3'));
      const memory = new Database(':memory:');
      let version: string;
      try {
        version = (memory.prepare('select sqlite_version() as version').get() as { version: string }).version;
      } finally {
        memory.close();
      }
      const [major = 0, minor = 0] = version.split('.').map(Number);
      const atLeast = (m: number, n: number): boolean => major > m || (major === m && minor >= n);
      // RETURNING since 3.35; SQLITE_MAX_VARIABLE_NUMBER is 32766 since 3.32, 999 before. The
      // last insert rowid names a statement's last row, and nothing promises the others follow.
      const returning = atLeast(3, 35);
      return { returning, returningOnUpdate: returning, upsert: 'on_conflict', arrayParameters: false, maxBindParameters: atLeast(3, 32) ? 32_766 : 999, maxStatementBytes: null, insertIdStep: null, retriesLockTimeouts: true };
    },
  };
}
