import type { DatabaseOptions } from './database.js';
import { isPlainObject } from './plain-object.js';

/**
 * What a configuration file may set for every database of an application (its `runtime`
 * section): `crudgen generate` writes it into the generated `index.ts` as `databaseDefaults`,
 * and each `env` overlay's `runtime` part as `databaseDefaultsByEnvironment`.
 */
export type DatabaseDefaults = Pick<DatabaseOptions, 'mode' | 'pool' | 'connectTimeoutMs' | 'statementTimeoutMs' | 'statementCache' | 'retry' | 'transactionRetry' | 'monitoring'>;

/**
 * The options with the defaults under them: the application's options win, and where both give
 * an object (`pool`, `retry`, `monitoring`) its keys merge, so `{ monitoring: { onFinding } }`
 * keeps the configured thresholds.
 */
export function withDefaults(defaults: DatabaseDefaults, options: DatabaseOptions): DatabaseOptions {
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const base = merged[key];
    merged[key] = isPlainObject(base) && isPlainObject(value) ? { ...base, ...defined(value) } : value;
  }
  return merged as DatabaseOptions;
}

/** The object without its undefined members: `{ max: undefined }` leaves the default's max in place. */
function defined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined));
}

/**
 * The defaults for the environment this process runs in: the overlay named by CRUDGEN_ENV, else
 * NODE_ENV, over the base. Chosen when the application starts, not when the code was generated,
 * so one build serves every environment.
 */
export function defaultsForEnvironment(base: DatabaseDefaults, byEnvironment: Readonly<Record<string, DatabaseDefaults>>, env: NodeJS.ProcessEnv = process.env): DatabaseDefaults {
  const name = env['CRUDGEN_ENV'] || env['NODE_ENV'];
  const overlay = name === undefined ? undefined : byEnvironment[name];
  return overlay === undefined ? base : (withDefaults(base, overlay) as DatabaseDefaults);
}
