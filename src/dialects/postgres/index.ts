import { CrudgenError } from '../../runtime/errors/crudgen-error.js';
import type { ConnectionTarget, Dialect, DialectConnection, IntrospectOptions } from '../dialect.js';
import { postgresCapabilities } from './capabilities.js';
import { CATALOG_QUERY_COUNT, existingNamespaces, readCatalog } from './catalog.js';
import { openPostgres, openSnapshotReader } from './connect.js';
import { buildSchema } from './introspector.js';
import { postgresMigrations } from './migration-sql.js';
import { POSTGRES_TYPE_MAP } from './type-map.js';

const DEFAULT_NAMESPACE = 'public';

async function connect(target: ConnectionTarget): Promise<DialectConnection> {
  if (target.dialect !== 'postgres') throw new TypeError(`postgres dialect cannot connect to ${target.dialect}`);
  const { client, server, versionNum } = await openPostgres(target.url);
  return {
    server,
    capabilities: postgresCapabilities(versionNum),
    async introspect(options: IntrospectOptions) {
      const namespaces = options.namespaces.length > 0 ? [...new Set(options.namespaces)] : [DEFAULT_NAMESPACE];
      let step = 0;
      const progress = (phase: string): void => options.onProgress?.({ phase, done: ++step, total: CATALOG_QUERY_COUNT });
      const found = await existingNamespaces(client, namespaces);
      const missing = namespaces.filter((name) => !found.includes(name));
      if (missing.length > 0) throw missingNamespaces(missing);
      progress('schemas');
      const keep = (relation: { namespace: string; name: string }): boolean => options.includeObject(relation.namespace, relation.name);
      const catalog = await readCatalog(client, (id) => openSnapshotReader(target.url, id), namespaces, keep, progress);
      return buildSchema(catalog, namespaces);
    },
    async close() {
      await client.query('COMMIT').catch(() => undefined);
      await client.end();
    },
  };
}

function missingNamespaces(missing: readonly string[]): CrudgenError {
  const names = missing.map((name) => `"${name}"`).join(', ');
  return new CrudgenError('INTROSPECTION_FAILED', `The PostgreSQL database has no schema ${names}.`, {
    details: { namespaces: missing },
    hint: 'Check the --schema names (they are case-sensitive); `\\dn` in psql lists the schemas.',
  });
}

const postgres: Dialect = {
  name: 'postgres',
  driverPackage: 'pg',
  typeMap: POSTGRES_TYPE_MAP,
  connect,
  migrations: postgresMigrations,
};

export default postgres;
