import { connectionUrl } from '../runtime/connection-url.js';
import { ConfigError } from '../runtime/errors/classes.js';
import type { LoadedConfig } from './load.js';
import type { ConfigSettings } from './schema.js';

type DatabaseSettings = NonNullable<ConfigSettings['database']>;

const server =
  (dialect: 'mysql' | 'postgres') =>
  ({ host, port, user, password, database }: DatabaseSettings): string | null =>
    host === undefined || database === undefined ? null : connectionUrl({ dialect, host, port, user, password, database });

/** Per dialect, the URL its fields make, or null when a field it needs is missing. */
const FROM_FIELDS: Readonly<Record<NonNullable<DatabaseSettings['dialect']>, (settings: DatabaseSettings) => string | null>> = {
  postgres: server('postgres'),
  mysql: server('mysql'),
  sqlite: ({ file }) => (file === undefined ? null : connectionUrl({ dialect: 'sqlite', file })),
};

/**
 * The database URL a config names, from `database.url` or its fields; null when it names none.
 * A section whose variables are unset throws here, so only commands that connect through it fail.
 */
export function databaseUrlOf({ settings, databaseProblem }: Pick<LoadedConfig, 'settings' | 'databaseProblem'>): string | null {
  if (databaseProblem !== null) throw databaseProblem;
  const database = settings.database;
  if (database === undefined) return null;
  if (database.url !== undefined) return database.url;
  const { dialect, host, file, database: name } = database;
  const url = dialect === undefined ? null : FROM_FIELDS[dialect](database);
  if (url !== null) return url;
  if (dialect === undefined && host === undefined && file === undefined && name === undefined) return null;
  throw new ConfigError('The configuration names a database only in part.', {
    details: { keys: Object.keys(database) },
    hint: 'Give database.url, or database.dialect with host and database (PostgreSQL, MySQL) or file (SQLite).',
  });
}
