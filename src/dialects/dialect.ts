import type { ConnectionTarget, DialectName } from '../runtime/connection-url.js';
import type { Schema } from '../schema/model.js';
import type { TypeFamily } from '../schema/type-family.js';
import type { Warning } from '../schema/warnings.js';
import type { Change } from '../diff/changes.js';
import type { Capabilities } from './capabilities.js';

export type { ConnectionTarget, DialectName };

/** The server behind a connection: its flavour (e.g. `mariadb` vs `mysql`) and version. */
export interface ServerInfo {
  readonly flavour: string;
  readonly version: string;
}

/** Which objects to read. Filters apply before details are fetched, so they also save time. */
export interface IntrospectOptions {
  /** Namespaces (schemas / databases) to read; empty means the dialect's default. */
  readonly namespaces: readonly string[];
  /** Keep a table or view when this returns true for its name and for `namespace.name`. */
  readonly includeObject: (namespace: string, name: string) => boolean;
  /** Called as phases of a long introspection finish. */
  readonly onProgress?: (progress: IntrospectProgress) => void;
}

export interface IntrospectProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/** What an introspector returns; `normalize` puts it in canonical order afterwards. */
export interface IntrospectionResult {
  readonly schema: Schema;
  readonly warnings: readonly Warning[];
}

/** An open connection used for introspection. */
export interface DialectConnection {
  readonly server: ServerInfo;
  readonly capabilities: Capabilities;
  introspect(options: IntrospectOptions): Promise<IntrospectionResult>;
  close(): Promise<void>;
}

/**
 * A row of a dialect's type map: native type names (lower case, without parameters) and the
 * family they belong to. The map is data so that adding a type is one line, not a branch.
 */
export type TypeMap = Readonly<Record<string, TypeFamily>>;

/** What every dialect module exports as its default. */
export interface Dialect {
  readonly name: DialectName;
  /** The npm package of the driver this dialect loads lazily. */
  readonly driverPackage: string;
  readonly typeMap: TypeMap;
  connect(target: ConnectionTarget): Promise<DialectConnection>;
  /** The SQL for schema changes, in this dialect. */
  readonly migrations: MigrationWriter;
}

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

/** A statement; `transactional` false for one a migration tool must run on its own. */
export function step(sql: string, comment?: string, transactional = true): MigrationStep {
  return comment === undefined ? { sql, transactional } : { sql, transactional, comment };
}

/** A step for a person (deploy, backfill): no statement, or a template to adapt commented out, so running it changes nothing. */
export function manual(text: string, template?: string): MigrationStep {
  return { sql: template === undefined ? '' : `-- ${template}`, transactional: true, comment: text };
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

/** A guide; warnings come before the rollout, as more guides have warnings and no rollout than the reverse. */
export function guide(changes: readonly Change[], steps: readonly MigrationStep[], warnings: readonly string[] = [], rollout: readonly MigrationStep[] = []): MigrationGuide {
  return { changes, steps, rollout, warnings };
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
 * types before the tables that use them, referenced tables before foreign keys. Where drops go
 * is the engine's: views that change go first everywhere; MySQL drops tables before creating new
 * ones (a new table may reuse a dropped one's foreign key names), PostgreSQL and SQLite last —
 * except, in PostgreSQL, a table holding a name that a new object takes.
 */
export interface MigrationWriter {
  guide(changes: readonly Change[], context: MigrationContext): MigrationGuide[];
}
