import type { Capabilities } from '../dialects/capabilities.js';
import type { DialectName, ServerInfo } from '../dialects/dialect.js';
import type { Schema } from '../schema/model.js';
import type { Warning } from '../schema/warnings.js';

/**
 * The snapshot file format is public: every change bumps `CURRENT_FORMAT_VERSION` and adds an
 * upgrade step in `upgrade.ts` plus a fixture of the old version in the tests.
 */
export const CURRENT_FORMAT_VERSION = 1;

/** A snapshot: what one introspection saw, enough for diff and generate to work offline. */
export interface Snapshot {
  readonly formatVersion: typeof CURRENT_FORMAT_VERSION;
  readonly dialect: DialectName;
  /** The server that was introspected, e.g. `{ flavour: 'mariadb', version: '10.11.19' }`. */
  readonly server: ServerInfo;
  readonly capabilities: Capabilities;
  readonly schema: Schema;
  readonly warnings: readonly Warning[];
}

/**
 * The file leaves out every property that is null, false or an empty list (the schema's
 * defaults restore them), and writes containers that fit in `INLINE_WIDTH` columns on one line:
 * a 2,000-table schema stays a few megabytes, and a changed column is a one-line diff.
 */
export function isOmittedInFile(value: unknown): boolean {
  return value === null || value === false || (Array.isArray(value) && value.length === 0);
}

export const INLINE_WIDTH = 160;
