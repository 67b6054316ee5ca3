import type { Capabilities } from '../capabilities.js';
import { atLeast } from '../version.js';

export type Flavour = 'mariadb' | 'mysql';

/** A server's flavour and `major.minor.patch` version, e.g. MariaDB 10.11.19. */
export interface MysqlServer {
  readonly flavour: Flavour;
  readonly version: string;
  /** `@@max_allowed_packet`: the largest statement the server accepts, in bytes. */
  readonly maxAllowedPacket: number;
}

/** What a MySQL or MariaDB server can do, by flavour and version. */
export function mysqlCapabilities(server: MysqlServer): Capabilities {
  const mariadb = server.flavour === 'mariadb';
  const { version } = server;
  return {
    // MariaDB: DELETE … RETURNING since 10.0, INSERT … RETURNING since 10.5; MySQL has neither.
    returning: { insert: mariadb && atLeast(version, 10, 5), update: false, delete: mariadb && atLeast(version, 10, 0) },
    upsert: 'on_duplicate_key',
    // Prepared statements count placeholders in 16 bits; mysql2's query() inlines values client-side,
    // where the packet size is the limit instead.
    maxBindParameters: 65535,
    maxStatementBytes: server.maxAllowedPacket,
    merge: false,
    savepoints: true,
    // DDL commits the open transaction implicitly.
    transactionalDdl: false,
    // CHECK constraints are parsed and ignored before MariaDB 10.2.1 and MySQL 8.0.16.
    checkConstraints: mariadb ? atLeast(version, 10, 2, 1) : atLeast(version, 8, 0, 16),
    nativeUuid: mariadb && atLeast(version, 10, 7),
    nativeArrays: false,
    enums: 'inline',
    // mysql2 returns BIGINT as a JS number unless supportBigNumbers/bigNumberStrings are set.
    int64AsNumber: true,
    // In strict mode, MariaDB's default since 10.2.4 and MySQL's since 5.7.
    enforcesDeclaredSizes: true,
    lengthCountsBytes: true,
    temporalTypes: true,
    // Seconds since 1970 in a signed 32-bit integer (MariaDB ≥ 11.5 extends it to 2106 on 64-bit builds).
    timestampRange: ['1970-01-01T00:00:01Z', atLeast(version, 11, 5) && mariadb ? '2106-02-07T06:28:15Z' : '2038-01-19T03:14:07Z'],
  };
}
