import { ConfigError } from '../runtime/errors/classes.js';
import { didYouMean } from '../runtime/fuzzy.js';
import { isPlainObject } from '../runtime/plain-object.js';
import type { ConfigSettings } from './schema.js';

/**
 * Which environment applies: `--env`, then CRUDGEN_ENV, then NODE_ENV. Null when none is named,
 * or when only NODE_ENV names one the file has no overlay for (NODE_ENV is set for many reasons).
 */
export function chooseEnvironment(explicit: string | undefined, env: NodeJS.ProcessEnv, available: readonly string[]): string | null {
  const named = explicit ?? env['CRUDGEN_ENV'];
  if (named !== undefined && named !== '') {
    if (!available.includes(named)) {
      throw new ConfigError(`The configuration has no environment "${named}".${didYouMean(named, available)}`, {
        details: { environment: named, available },
        hint: available.length === 0 ? 'Add an `env` section with an overlay for it, or drop --env / CRUDGEN_ENV.' : `Use one of: ${available.join(', ')}.`,
      });
    }
    return named;
  }
  const nodeEnv = env['NODE_ENV'];
  return nodeEnv !== undefined && available.includes(nodeEnv) ? nodeEnv : null;
}

/**
 * Applies an overlay: objects merge key by key, recursively; arrays and scalars replace what the
 * base has; a key the overlay leaves out keeps the base's value.
 */
export function overlay<T extends object>(base: T, changes: object): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    const current = result[key];
    result[key] = isPlainObject(value) && isPlainObject(current) ? overlay(current, value) : value;
  }
  return result as T;
}

/** Settings a production overlay may not turn on: they expose data meant for developers only. */
export function refuseDevelopmentOnly(environment: string, settings: ConfigSettings): void {
  if (environment !== 'production') return;
  const problems: string[] = [];
  const monitoring = settings.runtime?.monitoring;
  if (monitoring !== undefined && monitoring !== false && monitoring.logParameters === true) problems.push('runtime.monitoring.logParameters: true logs parameter values');
  if (settings.runtime?.mode === 'development') problems.push('runtime.mode: "development" puts SQL and parameter values into error messages');
  if (problems.length > 0) {
    throw new ConfigError(`The production environment enables development-only behaviour: ${problems.join('; ')}.`, {
      details: { environment, problems },
      hint: 'Remove these settings from env.production; keep them in env.development.',
    });
  }
}
