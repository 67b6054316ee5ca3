import { z } from 'zod';
import { LEVELS, RULE_CODES, type RuleCode } from '../diff/rules.js';

/**
 * The configuration file, version 2: one zod schema that validates every file and documents
 * every key (`.describe()` feeds the configuration reference). Objects are strict, so a
 * misspelled key is an error with a suggestion, never silently ignored.
 */
export const CURRENT_CONFIG_VERSION = 2;

export const ID_STRATEGIES = ['auto', 'database', 'uuid_v4', 'uuid_v7', 'ulid', 'cuid2', 'nanoid', 'manual'] as const;

const nonEmpty = z.string().min(1);
const positive = z.number().int().positive();

const typeOverride = z
  .strictObject({
    type: nonEmpty.describe('The TypeScript type to use, e.g. "Money" or "string".'),
    import: z
      .strictObject({ name: nonEmpty.describe('The exported name.'), from: nonEmpty.describe('The module, e.g. "./money.js".') })
      .optional()
      .describe('Where the type comes from, when it is not global.'),
  })
  .describe('A TypeScript type for a column, with its import.');

const table = z
  .strictObject({
    idStrategy: z.enum(ID_STRATEGIES).optional().describe('How new primary-key values are made: "auto" decides from the key column, "database" leaves it to its default or identity, "manual" to the caller; the others are made by the repository (see prompts/id-strategy.md).'),
    versionColumn: nonEmpty.optional().describe('Column used for optimistic locking (incremented on every update).'),
    softDeleteColumn: nonEmpty.optional().describe('Column that marks a row deleted (a timestamp or boolean) instead of deleting it.'),
    excludeColumns: z.array(nonEmpty).optional().describe('Columns left out of the generated code.'),
    columns: z.record(nonEmpty, typeOverride).optional().describe('Type overrides per column of this table.'),
  })
  .describe('Settings for one table, keyed by table name (or schema.table).');

const database = z
  .strictObject({
    url: nonEmpty.optional().describe('Database URL; usually "${DATABASE_URL}" so the secret stays in the environment.'),
    dialect: z.enum(['postgres', 'mysql', 'sqlite']).optional().describe('With host/database fields instead of a URL.'),
    host: nonEmpty.optional().describe('Server host (with dialect, instead of url).'),
    port: positive.optional().describe('Server port.'),
    user: z.string().optional().describe('User name.'),
    password: z.string().optional().describe('Password; prefer "${DB_PASSWORD}".'),
    database: nonEmpty.optional().describe('Database name.'),
    file: nonEmpty.optional().describe('SQLite database file.'),
  })
  .describe('Where the database is.');

const runtime = z
  .strictObject({
    mode: z.enum(['development', 'production', 'test']).optional().describe('Default mode of generated code; else NODE_ENV, else production.'),
    pool: z
      .strictObject({ min: z.number().int().nonnegative().optional(), max: positive.optional(), idleTimeoutMs: positive.optional() })
      .optional()
      .describe('Connection pool size and idle timeout.'),
    connectTimeoutMs: positive.optional().describe('How long opening one connection may take.'),
    statementTimeoutMs: positive.optional().describe('Server-side limit per statement (SQLite: the busy timeout).'),
    retry: z
      .strictObject({ attempts: positive.optional(), baseDelayMs: positive.optional(), maxDelayMs: positive.optional(), totalTimeMs: positive.optional() })
      .optional()
      .describe('Retries of opening a connection: exponential backoff with jitter.'),
    monitoring: z
      .strictObject({
        slowQueryMs: positive.optional().describe('Statements slower than this are reported (default 500).'),
        nPlusOneThreshold: z.number().int().min(2).optional().describe('The same statement shape this many times in one request (monitor.scope) is reported as N+1 (default 10).'),
        nPlusOneWindowMs: z.number().int().nonnegative().optional().describe('Outside a request scope, that many back-to-back statements within this many ms are an N+1 (default 100 in development and test, 0 = off in production).'),
        missingLimitRows: positive.optional().describe('A SELECT without LIMIT returning more rows than this is reported (default 1000).'),
        largeTables: z.array(nonEmpty).optional().describe('Tables where every SELECT without LIMIT is reported.'),
        logParameters: z.boolean().optional().describe('Show parameter values in the development query log (default true; never outside development).'),
      })
      .optional()
      .describe('Query monitoring thresholds (see prompts/monitoring.md).'),
  })
  .describe('Defaults for the generated code\'s runtime, written into the generated index.ts as databaseDefaults and used by its connect().');

/** Every key but `version` and `env`: what an environment overlay may change. */
const settings = {
  database: database.optional(),
  schemas: z.array(nonEmpty).optional().describe('Schemas (namespaces) to read; default: the dialect\'s default.'),
  include: z.array(nonEmpty).optional().describe('Globs over name or schema.name: only these tables and views.'),
  exclude: z.array(nonEmpty).optional().describe('Globs over name or schema.name: tables and views to leave out.'),
  snapshot: nonEmpty.optional().describe('Where the snapshot is written and read (default .crudgen/snapshot.json).'),
  output: z
    .strictObject({
      dir: nonEmpty.optional().describe('Folder for generated code (default src/db).'),
      runtime: z.enum(['import', 'copy']).optional().describe('"import" crudgen/runtime, or "copy" its files next to the generated code.'),
    })
    .optional()
    .describe('Generated code.'),
  naming: z
    .strictObject({
      properties: z.enum(['camelCase', 'preserve']).optional().describe('Property names: camelCase, or as the database spells them.'),
      singularClassNames: z.boolean().optional().describe('Repository class names in the singular (users → UserRepository).'),
    })
    .optional()
    .describe('Naming of generated identifiers.'),
  tables: z.record(nonEmpty, table).optional().describe('Per-table settings.'),
  types: z.record(nonEmpty, typeOverride).optional().describe('Type overrides per native type, e.g. "numeric" or "public.money".'),
  renames: z.record(nonEmpty, nonEmpty).optional().describe('For diff: "old" → "new" table names, or "table.old" → "table.new" columns.'),
  diff: z
    .strictObject({
      failOn: z.enum(LEVELS).optional().describe('Exit 1 when a change at or above this level exists (as --fail-on).'),
      rules: z
        .partialRecord(z.enum(RULE_CODES as [RuleCode, ...RuleCode[]]), z.enum(['off', ...LEVELS]))
        .optional()
        .describe('Per diagnostic code (see docs/diff.md): another level, or "off" to leave such changes out.'),
    })
    .optional()
    .describe('How crudgen diff classifies and fails.'),
  runtime: runtime.optional(),
};

export const configSettings = z.strictObject(settings);

export const configFile = z
  .strictObject({
    version: z.literal(CURRENT_CONFIG_VERSION).describe('The config file format version.'),
    ...settings,
    env: z.record(nonEmpty, configSettings).optional().describe('Overlays per environment (development, test, production, …), chosen by --env, CRUDGEN_ENV or NODE_ENV.'),
  })
  .describe('crudgen configuration');

export type ConfigSettings = z.infer<typeof configSettings>;
export type RuntimeSettings = NonNullable<ConfigSettings['runtime']>;

/** Settings for `generate`: each environment's `runtime` part travels into the generated code. */
export interface GenerationSettings extends ConfigSettings {
  readonly runtimeByEnvironment?: Readonly<Record<string, RuntimeSettings>>;
}
export type ConfigFile = z.infer<typeof configFile>;
/** What `defineConfig()` accepts: the current file shape, version optional. */
export type UserConfig = Omit<z.input<typeof configFile>, 'version'> & { version?: typeof CURRENT_CONFIG_VERSION };
