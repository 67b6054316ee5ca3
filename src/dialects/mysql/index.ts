import { causeText, CrudgenError } from '../../runtime/errors/crudgen-error.js';
import type { ConnectionTarget, Dialect, DialectConnection, IntrospectOptions } from '../dialect.js';
import { atLeast } from '../version.js';
import { mysqlCapabilities } from './capabilities.js';
import { CATALOG_QUERY_COUNT, existingSchemas, readCatalog } from './catalog.js';
import { endpointOf, openMysql, readServer, type MysqlConnection } from './connect.js';
import { buildSchema } from './introspector.js';
import { mysqlMigrations } from './migration-sql.js';
import { MYSQL_TYPE_MAP } from './type-map.js';

async function connect(target: ConnectionTarget): Promise<DialectConnection> {
  if (target.dialect !== 'mysql') throw new TypeError(`mysql dialect cannot connect to ${target.dialect}`);
  const endpoint = endpointOf(target.url);
  const main = await openMysql(target.url);
  let server;
  try {
    server = await readServer(main);
  } catch (cause) {
    await main.close();
    throw new CrudgenError('CONNECTION_FAILED', `Could not read the server version of MySQL at ${endpoint.host}:${endpoint.port}: ${causeText(cause)}.`, { cause });
  }
  // CHECK_CONSTRAINTS appeared in MariaDB 10.2.22 and MySQL 8.0.16.
  const checksReadable = server.flavour === 'mariadb' ? atLeast(server.version, 10, 2, 22) : atLeast(server.version, 8, 0, 16);
  return {
    server: { flavour: server.flavour, version: server.version },
    capabilities: mysqlCapabilities(server),
    async introspect(options: IntrospectOptions) {
      const namespaces = options.namespaces.length > 0 ? [...new Set(options.namespaces)] : [endpoint.database];
      if (namespaces.includes('')) throw noDatabase();
      let step = 0;
      const progress = (phase: string): void => options.onProgress?.({ phase, done: ++step, total: CATALOG_QUERY_COUNT });
      // A second connection lets the server answer two catalog queries at once.
      const second = openMysql(target.url).catch(() => null);
      try {
        const found = await existingSchemas(main, namespaces);
        const missing = namespaces.filter((name) => !found.includes(name));
        if (missing.length > 0) throw missingSchemas(missing);
        progress('schemas');
        const helper = await second;
        const lanes: [MysqlConnection, ...MysqlConnection[]] = helper === null ? [main] : [main, helper];
        const catalog = await readCatalog(lanes, server.flavour, checksReadable, namespaces, progress);
        return buildSchema(catalog, server.flavour, namespaces, options.includeObject);
      } finally {
        await (await second)?.close();
      }
    },
    async close() {
      await main.close();
    },
  };
}

function noDatabase(): CrudgenError {
  return new CrudgenError('URL_INVALID', 'The MySQL URL names no database to introspect.', {
    hint: 'Put the database in the URL path (mysql://user@host/mydb) or pass --schema mydb.',
  });
}

function missingSchemas(missing: readonly string[]): CrudgenError {
  const names = missing.map((name) => `"${name}"`).join(', ');
  return new CrudgenError('DATABASE_NOT_FOUND', `The MySQL server has no database ${names}.`, {
    details: { namespaces: missing },
    hint: 'Check the database names in the URL or --schema (SHOW DATABASES lists them).',
  });
}

const mysql: Dialect = {
  name: 'mysql',
  driverPackage: 'mysql2',
  typeMap: MYSQL_TYPE_MAP,
  connect,
  migrations: mysqlMigrations,
};

export default mysql;
