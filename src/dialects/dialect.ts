import type { ConnectionTarget, DialectName } from '../runtime/connection-url.js';
import type { Schema } from '../schema/model.js';
import type { TypeFamily } from '../schema/type-family.js';
import type { Warning } from '../schema/warnings.js';
import type { MigrationWriter } from '../diff/migration.js';
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
  /** The SQL for schema changes, in this dialect (see `src/diff/migration.ts`). */
  readonly migrations?: MigrationWriter;
}
