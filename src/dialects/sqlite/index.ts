import { causeText, CrudgenError } from '../../runtime/errors/crudgen-error.js';
import type { Schema } from '../../schema/model.js';
import type { Warning } from '../../schema/warnings.js';
import type { ConnectionTarget, Dialect, DialectConnection, IntrospectOptions } from '../dialect.js';
import { sqliteCapabilities } from './capabilities.js';
import { openSqlite } from './connect.js';
import { introspectNamespace } from './introspector.js';
import { sqliteMigrations } from './migration-sql.js';
import { SQLITE_TYPE_MAP } from './type-map.js';

const DEFAULT_NAMESPACE = 'main';

async function connect(target: ConnectionTarget): Promise<DialectConnection> {
  if (target.dialect !== 'sqlite') throw new TypeError(`sqlite dialect cannot connect to ${target.dialect}`);
  const { db, version } = await openSqlite(target.file);
  return {
    server: { flavour: 'sqlite', version },
    capabilities: sqliteCapabilities(version),
    async introspect(options: IntrospectOptions) {
      const namespaces = options.namespaces.length > 0 ? options.namespaces : [DEFAULT_NAMESPACE];
      const attached = new Set((db.prepare('SELECT name FROM pragma_database_list ORDER BY seq').all() as Array<{ name: string }>).map((r) => r.name));
      const parts: Array<{ schema: Schema; warnings: readonly Warning[] }> = [];
      for (const namespace of namespaces) {
        if (!attached.has(namespace)) {
          throw new CrudgenError('INTROSPECTION_FAILED', `The SQLite database has no schema named "${namespace}".`, {
            details: { namespace, available: [...attached] },
            hint: `SQLite names its schema "main"; pass --schema main or leave --schema out.`,
          });
        }
        try {
          parts.push(introspectNamespace(db, namespace, options));
        } catch (cause) {
          throw new CrudgenError('INTROSPECTION_FAILED', `Reading the SQLite schema "${namespace}" failed: ${causeText(cause)}.`, {
            cause,
            details: { namespace },
          });
        }
      }
      return {
        schema: {
          namespaces: parts.flatMap((p) => p.schema.namespaces),
          tables: parts.flatMap((p) => p.schema.tables),
          views: parts.flatMap((p) => p.schema.views),
          enums: [],
          domains: [],
        },
        warnings: parts.flatMap((p) => p.warnings),
      };
    },
    async close() {
      db.close();
    },
  };
}

const sqlite: Dialect = {
  name: 'sqlite',
  driverPackage: 'better-sqlite3',
  typeMap: SQLITE_TYPE_MAP,
  connect,
  migrations: sqliteMigrations,
};

export default sqlite;
