import type { IntrospectProgress } from '../dialects/dialect.js';
import { loadDialect } from '../dialects/registry.js';
import { parseDatabaseUrl } from '../runtime/connection-url.js';
import { causeText, CrudgenError } from '../runtime/errors/crudgen-error.js';
import { normalizeSchema, normalizeWarnings } from '../schema/normalize.js';
import { CURRENT_FORMAT_VERSION, type Snapshot } from '../snapshot/version.js';
import { anyGlob } from '../util/glob.js';

export interface IntrospectInput {
  /** A database URL or SQLite file path (see `parseDatabaseUrl`). */
  readonly url: string;
  /** Namespaces (schemas) to read; empty or absent means the dialect's default. */
  readonly schemas?: readonly string[];
  /** Globs over `name` or `namespace.name`; when given, only matching tables and views are read. */
  readonly include?: readonly string[];
  /** Globs over `name` or `namespace.name` of tables and views to leave out. */
  readonly exclude?: readonly string[];
  readonly onProgress?: (progress: IntrospectProgress) => void;
}

/**
 * Reads a live schema into a snapshot: URL → dialect → connection → introspection → canonical
 * order. Prints nothing; throws `CrudgenError`s.
 */
export async function introspect(input: IntrospectInput): Promise<Snapshot> {
  const target = parseDatabaseUrl(input.url);
  const dialect = await loadDialect(target.dialect);
  const included = input.include !== undefined && input.include.length > 0 ? anyGlob(input.include) : () => true;
  const excluded = anyGlob(input.exclude ?? []);
  const matches = (test: (name: string) => boolean, namespace: string, name: string): boolean =>
    test(name) || test(`${namespace}.${name}`);

  const connection = await dialect.connect(target);
  try {
    const result = await connection.introspect({
      namespaces: input.schemas ?? [],
      includeObject: (namespace, name) => matches(included, namespace, name) && !matches(excluded, namespace, name),
      ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
    });
    return {
      formatVersion: CURRENT_FORMAT_VERSION,
      dialect: dialect.name,
      server: connection.server,
      capabilities: connection.capabilities,
      schema: normalizeSchema(result.schema),
      warnings: normalizeWarnings(result.warnings),
    };
  } catch (error) {
    if (error instanceof CrudgenError) throw error;
    const driverCode = (error as { code?: unknown }).code;
    throw new CrudgenError('INTROSPECTION_FAILED', `Introspecting the ${dialect.name} database failed: ${causeText(error)}.`, {
      cause: error,
      details: { dialect: dialect.name, driverCode: typeof driverCode === 'string' ? driverCode : null },
    });
  } finally {
    await connection.close();
  }
}
