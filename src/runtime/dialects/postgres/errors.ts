import type { DriverFailure, FailureKind } from '../../errors/driver-failure.js';
import { messageOf, socketFailureKind, type FailureSite } from '../types.js';

/** SQLSTATEs by meaning (PostgreSQL Appendix A). */
const SQLSTATES: Readonly<Record<string, FailureKind>> = {
  '23505': 'unique',
  '25006': 'read_only',
  '23503': 'foreign_key',
  '23502': 'not_null',
  '23514': 'check',
  '40P01': 'deadlock',
  '40001': 'serialization',
  '57014': 'statement_timeout',
  '55P03': 'lock_timeout',
  '57P01': 'connection_lost',
  '57P02': 'connection_lost',
  '57P03': 'connection_failed',
  '53300': 'connection_failed',
  '28P01': 'auth',
  '28000': 'auth',
  '3D000': 'database_missing',
  '42703': 'schema_mismatch',
  '42P01': 'schema_mismatch',
};

interface PgErrorFields {
  readonly code?: unknown;
  readonly table?: unknown;
  readonly column?: unknown;
  readonly constraint?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A SQLSTATE is five characters; node-postgres' own client-side errors carry none. */
function sqlState(error: unknown): string | undefined {
  const code = (error as PgErrorFields).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Classifies by SQLSTATE and the structured fields the server sends (table, column, constraint).
 * An error without a SQLSTATE comes from the client: a socket error by its code, otherwise a
 * connection that broke (while querying) or could not be opened (while connecting; past the
 * connect timeout, a timeout).
 */
export function classifyPostgresError(error: unknown, site: FailureSite, connectTimeoutMs: number): DriverFailure {
  const fields = error as PgErrorFields;
  const state = sqlState(error);
  let kind: FailureKind;
  // Class 08 is a connection exception, class 22 a data exception (a value out of range, too long, malformed).
  if (state !== undefined) {
    kind = SQLSTATES[state] ?? (state.startsWith('08') ? (site.phase === 'connect' ? 'connection_failed' : 'connection_lost') : state.startsWith('22') ? 'invalid_value' : 'unclassified');
  }
  else kind = socketFailureKind(fields.code, site.phase) ?? (site.phase === 'query' ? 'connection_lost' : site.elapsedMs >= connectTimeoutMs ? 'connect_timeout' : 'connection_failed');
  const serverMessage = messageOf(error);
  const missing = kind === 'schema_mismatch' ? missingNames(serverMessage) : {};
  return {
    kind,
    table: text(fields.table) ?? missing.table,
    column: text(fields.column) ?? missing.column,
    constraint: text(fields.constraint),
    serverMessage,
    driverCode: state ?? (typeof fields.code === 'string' ? fields.code : null),
  };
}

/**
 * The server leaves the table and column fields empty for an undefined column or table, so the
 * names are read from its message; this only fills `details`, never the classification.
 */
function missingNames(message: string): { table?: string; column?: string } {
  let match = /^column "(.+)" of relation "(.+)" does not exist$/.exec(message);
  if (match !== null) return { column: match[1] as string, table: match[2] as string };
  match = /^column "(.+)" does not exist$/.exec(message);
  if (match !== null) return { column: match[1] as string };
  // "column book.notes does not exist": qualified by the table (or alias) the statement used.
  match = /^column (\S+)\.([^.\s]+) does not exist$/.exec(message);
  if (match !== null) return { table: match[1] as string, column: match[2] as string };
  match = /^relation "(.+)" does not exist$/.exec(message);
  return match === null ? {} : { table: match[1] as string };
}
