import { z } from 'zod';
import { DEFAULT_OUT, DEFAULT_SNAPSHOT } from '../cli/defaults.js';
import { LEVELS, RULE_CODES, type RuleCode } from '../diff/rules.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_POOL, DEFAULT_SQLITE_BUSY_TIMEOUT_MS, DEFAULT_STATEMENT_CACHE } from '../runtime/connection-defaults.js';
import { MONITOR_DEFAULTS } from '../runtime/monitor/monitor.js';
import { DEFAULT_RETRY, retryPolicyFields, type RetryPolicy } from '../runtime/retry.js';
import { DEFAULT_TRANSACTION_RETRY } from '../runtime/transaction.js';

/**
 * The configuration file, version 2: one zod schema that validates every file and documents
 * every key for docs/configuration.md. Metadata used there: `description`; `default`, the value
 * that applies when the key is left out; `defaultDescription`, when that depends on something
 * else; and `title` on a record's key schema, the placeholder for its keys (`tables.<table>`).
 * Objects are strict, so a misspelled key is an error with a suggestion, never silently ignored.
 */
export const CURRENT_CONFIG_VERSION = 2;

export const ID_STRATEGIES = ['auto', 'database', 'uuid_v4', 'uuid_v7', 'ulid', 'cuid2', 'nanoid', 'manual'] as const;

const nonEmpty = z.string().min(1);
const positive = z.number().int().positive();

const typeOverride = z
  .strictObject({
    type: nonEmpty.describe('The TypeScript type to use, e.g. "Money" or "string".'),
    import: z
      .strictObject({ name: nonEmpty.describe('The exported name.'), from: nonEmpty.describe('The module specifier, e.g. "./money.js".') })
      .optional()
      .describe('Where the type comes from, when it is not global.'),
  })
  .describe('A TypeScript type to use instead of the generated one, with its import.');

const table = z
  .strictObject({
    idStrategy: z
      .enum(ID_STRATEGIES)
      .optional()
      .meta({
        description: 'How new primary-key values are made: "auto" decides from the key column, "database" leaves it to its default or identity, "manual" to the caller; the others are made by the repository (see prompts/id-strategy.md).',
        default: 'auto',
      }),
    versionColumn: nonEmpty.optional().meta({
      description: 'Column used for optimistic locking; every update (upsert included) moves it on: an integer counts up, a timestamp becomes the current time.',
      defaultDescription: 'an integer column named version or lock_version',
    }),
    softDeleteColumn: nonEmpty.optional().describe('Column that marks a row deleted instead of deleting it: a nullable timestamp or date (text on SQLite), a boolean or an integer.'),
    excludeColumns: z.array(nonEmpty).optional().describe('Columns left out of the generated code.'),
    columns: z.record(nonEmpty.meta({ title: 'column' }), typeOverride).optional().describe('Type overrides per column of this table.'),
  })
  .describe('Settings for one table, keyed by table name (or schema.table).');

const database = z
  .strictObject({
    url: nonEmpty.optional().describe('Database URL; usually "${DATABASE_URL}" so the secret stays in the environment.'),
    dialect: z.enum(['postgres', 'mysql', 'sqlite']).optional().describe('With host/database fields instead of a URL.'),
    host: nonEmpty.optional().describe('Server host (with dialect, instead of url).'),
    port: positive.optional().meta({ description: 'Server port.', defaultDescription: "the driver's: 5432 (PostgreSQL), 3306 (MySQL)" }),
    user: z.string().optional().describe('User name.'),
    password: z.string().optional().describe('Password; prefer "${DB_PASSWORD}".'),
    database: nonEmpty.optional().describe('Database name.'),
    file: nonEmpty.optional().describe('SQLite database file.'),
  })
  .describe('Where the database is.');

/** A retry policy's keys as createDatabase checks them, described with what is retried and defaulting to the policy given. */
function retryPolicy(defaults: RetryPolicy, attempt: string, attempts: string) {
  return z.strictObject({
    attempts: retryPolicyFields.attempts.meta({ description: `How many ${attempts} in all, the first included; 1 means no retry.`, default: defaults.attempts }),
    baseDelayMs: retryPolicyFields.baseDelayMs.meta({ description: 'Delay limit for the first retry, in ms; it doubles with each retry, and each delay is drawn at random below it.', default: defaults.baseDelayMs }),
    maxDelayMs: retryPolicyFields.maxDelayMs.meta({ description: 'Upper limit of any one delay, in ms.', default: defaults.maxDelayMs }),
    totalTimeMs: retryPolicyFields.totalTimeMs.meta({ description: `No ${attempt} starts later than this many ms after the first.`, default: defaults.totalTimeMs }),
  });
}

const runtime = z
  .strictObject({
    mode: z
      .enum(['development', 'production', 'test'])
      .optional()
      .meta({ description: 'How much errors and logs of generated code show: development adds SQL and parameter values.', defaultDescription: 'NODE_ENV when it names a mode, else production' }),
    pool: z
      .strictObject({
        min: z.number().int().nonnegative().optional().meta({ description: 'Idle connections the pool keeps open.', default: DEFAULT_POOL.min }),
        max: positive.optional().meta({ description: 'Most connections open at once; further queries wait for a free one.', default: DEFAULT_POOL.max }),
        idleTimeoutMs: positive.optional().meta({ description: 'An idle connection is closed after this many ms (down to min).', default: DEFAULT_POOL.idleTimeoutMs }),
      })
      .optional()
      .describe('Connection pool size and idle timeout.'),
    connectTimeoutMs: positive.optional().meta({ description: 'How long opening one connection may take, in ms.', default: DEFAULT_CONNECT_TIMEOUT_MS }),
    statementTimeoutMs: positive
      .optional()
      .meta({ description: 'Server-side limit per statement, in ms (SQLite: the busy timeout).', defaultDescription: `the server's own setting; SQLite: ${DEFAULT_SQLITE_BUSY_TIMEOUT_MS}` }),
    statementCache: z
      .union([z.literal(false), positive])
      .optional()
      .meta({ description: 'Prepared statements kept per connection (SQLite, and named statements on PostgreSQL); false behind a transaction-mode pooler such as PgBouncer.', default: DEFAULT_STATEMENT_CACHE }),
    retry: z
      .union([z.boolean(), retryPolicy(DEFAULT_RETRY, 'try', 'tries')])
      .optional()
      .meta({ description: 'Retries of opening a connection: exponential backoff with jitter; true for the defaults, false for none.', default: true }),
    transactionRetry: z
      .union([z.boolean(), retryPolicy(DEFAULT_TRANSACTION_RETRY, 'run of the callback', 'runs of the callback').extend({ lockTimeouts: z.boolean().optional().meta({ description: 'Also rerun after a lock-wait timeout.', default: false }) })])
      .optional()
      .meta({ description: 'Reruns every transaction() that sets no retry of its own after a deadlock or serialization failure; true for the defaults. Only for callbacks that are safe to run again.', default: false }),
    monitoring: z
      .union([z.literal(false), z.strictObject({
        slowQueryMs: positive.optional().meta({ description: 'Statements slower than this many ms are reported.', default: MONITOR_DEFAULTS.slowQueryMs }),
        nPlusOneThreshold: z.number().int().min(2).optional().meta({ description: 'The same statement shape this many times in one request (monitor.scope) is reported as N+1.', default: MONITOR_DEFAULTS.nPlusOneThreshold }),
        nPlusOneWindowMs: z
          .number()
          .int()
          .nonnegative()
          .optional()
          .meta({ description: 'Outside a request scope, that many back-to-back statements within this many ms are an N+1; 0 turns this off.', defaultDescription: `${MONITOR_DEFAULTS.nPlusOneWindowMs} in development and test, 0 in production` }),
        missingLimitRows: positive.optional().meta({ description: 'A SELECT without LIMIT returning more rows than this is reported.', default: MONITOR_DEFAULTS.missingLimitRows }),
        largeTables: z.array(nonEmpty).optional().describe('Tables where every SELECT without LIMIT is reported.'),
        logParameters: z.boolean().optional().meta({ description: 'Show parameter values in the development query log (never outside development).', default: true }),
        maxShapes: positive.optional().meta({ description: 'Statement shapes the monitor keeps statistics for; the least recently seen go first.', default: MONITOR_DEFAULTS.maxShapes }),
        findingIntervalMs: z.number().int().nonnegative().optional().meta({ description: 'The same finding is reported at most once in this many ms; 0 reports every one.', default: MONITOR_DEFAULTS.findingIntervalMs }),
      })])
      .optional()
      .describe('Query monitoring thresholds (see prompts/monitoring.md); false turns monitoring off.'),
  })
  .describe('Defaults for the generated code\'s runtime, written into the generated index.ts as databaseDefaults and used by its connect().');

/** Every key but `version` and `env`: what an environment overlay may change. */
const settings = {
  database: database.optional(),
  schemas: z
    .array(nonEmpty)
    .optional()
    .meta({ description: 'Schemas (namespaces) to read.', defaultDescription: "public (PostgreSQL), the URL's database (MySQL), main (SQLite)" }),
  include: z.array(nonEmpty).optional().meta({ description: 'Globs over name or schema.name (`*`, `?`): only these tables and views.', defaultDescription: 'every table and view' }),
  exclude: z.array(nonEmpty).optional().describe('Globs over name or schema.name (`*`, `?`): tables and views to leave out.'),
  snapshot: nonEmpty.optional().meta({ description: 'Where the snapshot is written and read.', default: DEFAULT_SNAPSHOT }),
  output: z
    .strictObject({
      dir: nonEmpty.optional().meta({ description: 'Folder for generated code.', default: DEFAULT_OUT }),
      runtime: z.enum(['import', 'copy']).optional().meta({ description: '"import" crudgen/runtime, or "copy" its files next to the generated code.', default: 'import' }),
    })
    .optional()
    .describe('Generated code.'),
  naming: z
    .strictObject({
      properties: z.enum(['camelCase', 'preserve']).optional().meta({ description: 'Property names: camelCase, or as the database spells them.', default: 'preserve' }),
      singularClassNames: z.boolean().optional().meta({ description: 'Generated names in the singular: interfaces, row types, repository classes and keys (users → User, UserRepository, user).', default: false }),
    })
    .optional()
    .describe('Naming of generated identifiers.'),
  tables: z.record(nonEmpty.meta({ title: 'table' }), table).optional().describe('Per-table settings.'),
  types: z.record(nonEmpty.meta({ title: 'type' }), typeOverride).optional().describe('Type overrides per native type, e.g. "numeric" or "public.money".'),
  renames: z
    .record(nonEmpty.meta({ title: 'old' }), nonEmpty.describe('The new name.'))
    .optional()
    .describe('Renames crudgen diff takes as confirmed: "old" → "new" table names, or "table.old" → "table.new" columns.'),
  diff: z
    .strictObject({
      failOn: z
        .enum(LEVELS)
        .optional()
        .meta({ description: 'Exit 1 when a change at or above this level exists (as --fail-on).', defaultDescription: 'diff: never; check: safe' }),
      rules: z
        .partialRecord(z.enum(RULE_CODES as [RuleCode, ...RuleCode[]]).meta({ title: 'code' }), z.enum(['off', ...LEVELS]).describe('The level to report such changes at, or "off".'))
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
    version: z.literal(CURRENT_CONFIG_VERSION).describe('The config file format version. A file without it is read as version 1 and upgraded (see Checking and upgrading).'),
    ...settings,
    env: z
      .record(nonEmpty.meta({ title: 'name' }), configSettings)
      .optional()
      .describe('Overlays per environment (development, test, production, …), chosen by --env, CRUDGEN_ENV or NODE_ENV.'),
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
