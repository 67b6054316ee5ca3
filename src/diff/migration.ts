import type { Capabilities } from '../dialects/capabilities.js';
import type { ServerInfo } from '../dialects/dialect.js';
import type { Schema } from '../schema/model.js';
import type { Change } from './changes.js';

/** One statement of a migration. */
export interface MigrationStep {
  /** One SQL statement in the dialect, ending with `;`. */
  readonly sql: string;
  /**
   * False for a statement that may not run inside a transaction block (PostgreSQL's
   * `CREATE INDEX CONCURRENTLY`; `ALTER TYPE … ADD VALUE` before PostgreSQL 12): a migration tool
   * must run it on its own.
   */
  readonly transactional: boolean;
  /** Why the step is there, when it is one of several (e.g. "backfill in batches before this"). */
  readonly comment?: string;
}

/** What to write for some changes: the statements, the safe rollout where they are not enough, and warnings. */
export interface MigrationGuide {
  /** The changes this guide covers: one, or all of one table's when the engine rebuilds the table. */
  readonly changes: readonly Change[];
  /** The statements that make the changes as they are, in order. */
  readonly steps: readonly MigrationStep[];
  /**
   * For breaking and data-dependent changes, the rollout that keeps a running application and
   * the existing rows working (expand → backfill → validate → contract), as statements and
   * comments; empty when `steps` already is that.
   */
  readonly rollout: readonly MigrationStep[];
  /** Locks, table rewrites and which ALTERs this server runs in place, as sentences. */
  readonly warnings: readonly string[];
}

/** What a writer may look at: the server it writes for, and both schemas. */
export interface MigrationContext {
  readonly server: ServerInfo;
  readonly capabilities: Capabilities;
  readonly from: Schema;
  readonly to: Schema;
}

/**
 * A dialect's migration writer. Given every change of a diff (in diff order), it returns guides
 * whose `steps`, run in the order returned, take a database from `context.from` to `context.to`:
 * types before the tables that use them, referenced tables before foreign keys, drops last.
 */
export interface MigrationWriter {
  guide(changes: readonly Change[], context: MigrationContext): MigrationGuide[];
}
