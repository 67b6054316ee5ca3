import type { DatabaseOptions } from './database.js';
import { isPlainObject } from './plain-object.js';

/**
 * What a configuration file may set for every database of an application (its `runtime`
 * section): `crudgen generate` writes it into the generated `index.ts` as `databaseDefaults`.
 */
export type DatabaseDefaults = Pick<DatabaseOptions, 'mode' | 'pool' | 'connectTimeoutMs' | 'statementTimeoutMs' | 'retry' | 'monitoring'>;

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
    merged[key] = isPlainObject(base) && isPlainObject(value) ? { ...base, ...value } : value;
  }
  return merged as DatabaseOptions;
}
