import type { DriverFailure, FailureKind } from '../../errors/driver-failure.js';
import { messageOf, socketFailureKind, type FailureSite } from '../types.js';

export type Flavour = 'mariadb' | 'mysql';

/**
 * Server error numbers by meaning. mysql2's `code` names come from MySQL 8's table, so MariaDB
 * errors can arrive under a wrong name: classify by `errno` and, where the servers disagree,
 * by flavour.
 */
const COMMON: Readonly<Record<number, FailureKind>> = {
  1062: 'unique',
  // A write in a READ ONLY transaction.
  1792: 'read_only',
  1451: 'foreign_key',
  1452: 'foreign_key',
  1048: 'not_null',
  // Values strict mode refuses: out of range, truncated, malformed dates or numbers, too long, bad JSON.
  1264: 'invalid_value',
  1265: 'invalid_value',
  1292: 'invalid_value',
  1366: 'invalid_value',
  1406: 'invalid_value',
  1690: 'invalid_value',
  3140: 'invalid_value',
  1364: 'not_null',
  1213: 'deadlock',
  1205: 'lock_timeout',
  1317: 'statement_timeout',
  1040: 'connection_failed',
  1203: 'connection_failed',
  1044: 'auth',
  1045: 'auth',
  1698: 'auth',
  1049: 'database_missing',
  // ER_BAD_FIELD_ERROR and ER_NO_SUCH_TABLE: the statement names what the schema no longer has.
  1054: 'schema_mismatch',
  1146: 'schema_mismatch',
  1053: 'connection_lost',
  2006: 'connection_lost',
  2013: 'connection_lost',
};
const BY_FLAVOUR: Readonly<Record<Flavour, Readonly<Record<number, FailureKind>>>> = {
  mysql: { 3819: 'check', 3024: 'statement_timeout' },
  mariadb: { 4025: 'check', 1969: 'statement_timeout', 1927: 'connection_lost' },
};

// Client-side failures mysql2 reports by `code` (with `fatal: true`).
const CLIENT_CODES: Readonly<Record<string, FailureKind>> = {
  PROTOCOL_CONNECTION_LOST: 'connection_lost',
  PROTOCOL_SEQUENCE_TIMEOUT: 'connection_lost',
  ER_CLIENT_INTERACTION_TIMEOUT: 'connection_lost',
};

interface MysqlErrorFields {
  readonly errno?: unknown;
  readonly code?: unknown;
  readonly fatal?: unknown;
  readonly sqlMessage?: unknown;
}

export function classifyMysqlError(error: unknown, site: FailureSite, flavour: Flavour | null): DriverFailure {
  const fields = error as MysqlErrorFields;
  const serverMessage = typeof fields.sqlMessage === 'string' ? fields.sqlMessage : messageOf(error);
  const errno = typeof fields.errno === 'number' && fields.sqlMessage !== undefined ? fields.errno : undefined;
  let kind: FailureKind | undefined;
  if (errno !== undefined) {
    kind = COMMON[errno] ?? (flavour === null ? (BY_FLAVOUR.mariadb[errno] ?? BY_FLAVOUR.mysql[errno]) : BY_FLAVOUR[flavour][errno]);
  } else {
    kind = socketFailureKind(fields.code, site.phase) ?? (typeof fields.code === 'string' ? CLIENT_CODES[fields.code] : undefined);
    if (kind === undefined && fields.fatal === true) kind = site.phase === 'connect' ? 'connection_failed' : 'connection_lost';
  }
  return {
    kind: kind ?? 'unclassified',
    ...namesFromMessage(kind, serverMessage),
    serverMessage,
    driverCode: errno ?? (typeof fields.code === 'string' ? fields.code : null),
  };
}

const NAME = String.raw`\`((?:[^\`]|\`\`)+)\``;
const unquote = (name: string | undefined): string | undefined => name?.replaceAll('``', '`');

/**
 * MySQL sends no structured fields, so the names are read from the message. This only fills
 * `details`; the classification above never depends on it.
 */
function namesFromMessage(kind: FailureKind | undefined, message: string): { table?: string; column?: string; constraint?: string } {
  let match: RegExpExecArray | null;
  switch (kind) {
    case 'unique':
      // "Duplicate entry 'x' for key 'users.email'" (MySQL 8) or "… for key 'email'" (MariaDB).
      match = /for key '(?:([^'.]+)\.)?([^']+)'$/.exec(message);
      return match === null ? {} : { ...(match[1] === undefined ? {} : { table: match[1] }), constraint: match[2] as string };
    case 'foreign_key':
      // "… a foreign key constraint fails (`db`.`child`, CONSTRAINT `fk` FOREIGN KEY (`col`) REFERENCES …"
      match = new RegExp(String.raw`\(${NAME}\.${NAME}, CONSTRAINT ${NAME} FOREIGN KEY \(${NAME}`).exec(message);
      return match === null ? {} : { table: unquote(match[2]) as string, constraint: unquote(match[3]) as string, column: unquote(match[4]) as string };
    case 'not_null':
      // "Column 'x' cannot be null" or "Field 'x' doesn't have a default value".
      match = /^(?:Column|Field) '([^']+)'/.exec(message);
      return match === null ? {} : { column: match[1] as string };
    case 'check':
      // MariaDB: "CONSTRAINT `c` failed for `db`.`t`"; MySQL: "Check constraint 'c' is violated."
      match = new RegExp(String.raw`CONSTRAINT ${NAME} failed for ${NAME}\.${NAME}`).exec(message);
      if (match !== null) return { constraint: unquote(match[1]) as string, table: unquote(match[3]) as string };
      match = /^Check constraint '([^']+)' is violated/.exec(message);
      return match === null ? {} : { constraint: match[1] as string };
    case 'schema_mismatch':
      // "Unknown column 'notes' in 'field list'", "Unknown column 'book.notes' in 'where clause'"
      // (newer MariaDB names the clause: 'INSERT INTO', 'WHERE'), or "Table 'db.book' doesn't exist".
      match = /^Unknown column '(?:([^']+)\.)?([^'.]+)' in '/.exec(message);
      if (match !== null) return { ...(match[1] === undefined ? {} : { table: match[1] }), column: match[2] as string };
      match = /^Table '(?:[^'.]+\.)?([^']+)' doesn't exist/.exec(message);
      return match === null ? {} : { table: match[1] as string };
    default:
      return {};
  }
}
