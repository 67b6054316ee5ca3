import type { DriverFailure, FailureKind } from '../../errors/driver-failure.js';
import { messageOf } from '../types.js';

/** better-sqlite3 reports SQLite's extended result codes by name. */
const CODES: Readonly<Record<string, FailureKind>> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
  SQLITE_CONSTRAINT_CHECK: 'check',
  // A STRICT table's column type, a string or blob over the size limit.
  SQLITE_CONSTRAINT_DATATYPE: 'invalid_value',
  SQLITE_TOOBIG: 'invalid_value',
  SQLITE_MISMATCH: 'invalid_value',
  SQLITE_CANTOPEN: 'database_missing',
  // A write in a read-only transaction (query_only) or to a file opened read-only.
  SQLITE_READONLY: 'read_only',
  // A WAL read transaction that tried to write after another connection committed: its snapshot
  // is stale, as in a serialization failure, and only running it again from the start can help.
  SQLITE_BUSY_SNAPSHOT: 'serialization',
};

/** The primary code of an extended one (`SQLITE_BUSY_SNAPSHOT` → `SQLITE_BUSY`). */
const primary = (code: string): string => /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;

export function classifySqliteError(error: unknown): DriverFailure {
  const code = (error as { code?: unknown }).code;
  const name = typeof code === 'string' ? code : null;
  let kind: FailureKind = 'unclassified';
  if (name !== null) {
    // SQLITE_BUSY is what is left after the busy timeout ran out; SQLITE_LOCKED a conflict within one connection.
    kind = CODES[name] ?? (primary(name) === 'SQLITE_BUSY' || primary(name) === 'SQLITE_LOCKED' ? 'lock_timeout' : CODES[primary(name)] ?? 'unclassified');
  }
  const message = messageOf(error);
  // SQLite has no code for a missing table or column, only SQLITE_ERROR and its message, so that is read here.
  const missing = name === 'SQLITE_ERROR' ? missingNames(message) : undefined;
  if (missing !== undefined) return { kind: 'schema_mismatch', ...missing, serverMessage: message, driverCode: name };
  return { kind, ...namesFromMessage(kind, message), serverMessage: message, driverCode: name };
}

/**
 * "no such column: notes" (or "book.notes"; a double-quoted name that matched no column adds
 * "- should this be a string literal …"), "table book has no column named notes", "no such
 * table: book" (or "main.book"); undefined for any other message.
 */
function missingNames(message: string): { table?: string; column?: string } | undefined {
  let match = /^no such column: "(.+)" - should this be a string literal/.exec(message);
  if (match !== null) return { column: match[1] as string };
  match = /^no such column: (?:(\S+)\.)?([^\s.]+)$/.exec(message);
  if (match !== null) return { ...(match[1] === undefined ? {} : { table: match[1] }), column: match[2] as string };
  match = /^table (.+) has no column named (.+)$/.exec(message);
  if (match !== null) return { table: match[1] as string, column: match[2] as string };
  match = /^no such table: (.+)$/.exec(message);
  return match === null ? undefined : { table: match[1] as string };
}

/**
 * SQLite names what failed only in the message ("UNIQUE constraint failed: users.email"); this
 * fills `details` and never decides the classification.
 */
function namesFromMessage(kind: FailureKind, message: string): { table?: string; column?: string; constraint?: string } {
  if (kind === 'unique' || kind === 'not_null') {
    const match = /constraint failed: ([^.\s,]+)\.([^\s,]+)/.exec(message);
    return match === null ? {} : { table: match[1] as string, column: match[2] as string };
  }
  if (kind === 'check') {
    const match = /CHECK constraint failed: (.+)$/.exec(message);
    return match === null ? {} : { constraint: match[1] as string };
  }
  return {};
}
