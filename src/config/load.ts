import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from '../runtime/errors/classes.js';
import { causeText, isCrudgenError } from '../runtime/errors/crudgen-error.js';
import { chooseEnvironment, overlay, refuseDevelopmentOnly } from './environments.js';
import { interpolate, substitute, unsetVariablesError } from './interpolate.js';
import { migrateConfig, type Deprecation } from './migrate.js';
import type { ConfigSettings, GenerationSettings, RuntimeSettings } from './schema.js';
import { loadTypeScriptConfig } from './typescript-loader.js';
import { validateConfig } from './validate.js';

export interface LoadConfigInput {
  /** Where the search starts (default: the current directory). */
  readonly cwd?: string;
  /** An explicit file (`--config`); no search then. */
  readonly file?: string;
  /** An explicit environment (`--env`). */
  readonly environment?: string;
  /** The process environment (default: process.env); a `.env` file beside the config adds to it. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface LoadedConfig {
  /** The settings with the environment overlay applied and variables interpolated. */
  readonly settings: ConfigSettings;
  /**
   * What `generate` works from: the settings, except that `runtime` is the file's base section and
   * every overlay's `runtime` part comes along, because generated code picks its environment when
   * it runs, not when it is generated.
   */
  readonly generation: GenerationSettings;
  /** The file they came from; null when there is none (all defaults). */
  readonly file: string | null;
  readonly environment: string | null;
  /**
   * Why the file's `database` section cannot be used (a variable in it is unset), or null. Only a
   * command that connects through the file's database throws it, so `generate` and `--url` work
   * where DATABASE_URL is not set (CI without the secret, a developer's other database).
   */
  readonly databaseProblem: ConfigError | null;
  /** Keys of an older config version that still work, with their new spelling. */
  readonly deprecations: readonly Deprecation[];
  readonly fromVersion: number;
}

export const MODULE_NAME = 'crudgen';

/**
 * Finds, loads, migrates, validates and resolves the configuration: cosmiconfig's search
 * (package.json#crudgen, .crudgenrc[.json|.yaml|.yml|.js|.cjs|.mjs|.ts], crudgen.config.{js,cjs,mjs,ts})
 * up to the project root, then version upgrades, validation of the file as written, the chosen
 * environment's overlay, and `${VAR}` interpolation.
 */
export async function loadConfig(input: LoadConfigInput = {}): Promise<LoadedConfig> {
  const cwd = resolve(input.cwd ?? process.cwd());
  const found = await readConfigFile(cwd, input.file);
  const env = withDotEnv(found === null ? cwd : dirname(found.file), input.env ?? process.env);
  if (found === null) {
    // CRUDGEN_ENV is also set for the application's sake (the generated connect() reads it), so
    // without a file it names nothing to overlay; only an explicit --env is a mistake here.
    const environment = input.environment === undefined ? null : chooseEnvironment(input.environment, env, []);
    return { settings: {}, generation: {}, file: null, environment, databaseProblem: null, deprecations: [], fromVersion: 2 };
  }
  if (found.config === null || typeof found.config !== 'object' || Array.isArray(found.config)) {
    throw new ConfigError(`The configuration in ${found.file} is not an object.`, {
      details: { file: found.file },
      hint: 'The file must hold (or export) one object, e.g. { "version": 2, "database": { "url": "${DATABASE_URL}" } }.',
    });
  }
  const migrated = migrateConfig(found.config as Record<string, unknown>);
  const { env: environments, version: _version, ...base } = validateConfig(migrated.config, found.file);
  const environment = chooseEnvironment(input.environment, env, Object.keys(environments ?? {}));
  const changes = environment === null ? {} : (environments?.[environment] ?? {});
  // Every overlay's runtime part is written into generated code, so production's is checked whichever environment is chosen.
  for (const [name, settings] of Object.entries(environments ?? {})) refuseDevelopmentOnly(name, settings);
  const { database, ...others } = overlay(base, changes);
  const resolved = database === undefined ? null : substitute(database, env, 'database');
  const databaseProblem = resolved !== null && resolved.missing.length > 0 ? unsetVariablesError(resolved.missing) : null;
  const settings: ConfigSettings = { ...interpolate(others, env), ...(resolved === null || databaseProblem !== null ? {} : { database: resolved.result }) };
  const runtimeByEnvironment: Record<string, RuntimeSettings> = {};
  for (const [name, { runtime }] of Object.entries(environments ?? {})) if (runtime !== undefined) runtimeByEnvironment[name] = interpolate(runtime, env);
  const { runtime: _chosen, ...generated } = settings;
  const generation: GenerationSettings = { ...generated, ...(base.runtime === undefined ? {} : { runtime: interpolate(base.runtime, env) }), runtimeByEnvironment };
  return { settings, generation, file: found.file, environment, databaseProblem, deprecations: migrated.deprecations, fromVersion: migrated.fromVersion };
}

/** The raw object of the config file (before migration), for `config migrate`. */
export async function readConfigFile(cwd: string, file: string | undefined): Promise<{ file: string; config: unknown } | null> {
  const { cosmiconfig } = await import('cosmiconfig');
  const explorer = cosmiconfig(MODULE_NAME, {
    searchStrategy: 'project',
    loaders: { '.ts': loadTypeScriptConfig, '.mts': loadTypeScriptConfig, '.cts': loadTypeScriptConfig },
  });
  try {
    const result = file === undefined ? await explorer.search(cwd) : await explorer.load(resolve(cwd, file));
    return result === null ? null : { file: result.filepath, config: result.config };
  } catch (cause) {
    if (isCrudgenError(cause)) throw cause;
    const code = (cause as { code?: unknown }).code;
    if (file !== undefined && code === 'ENOENT') {
      throw new ConfigError(`The configuration file "${file}" does not exist.`, { cause, details: { file }, hint: 'Check the --config path.' });
    }
    throw new ConfigError(`The configuration file could not be read: ${causeText(cause)}.`, {
      cause,
      details: { file: file ?? null },
      hint: 'Fix the syntax of the file named in the message.',
    });
  }
}

/** Variables from a `.env` file next to the config; the real environment wins. */
function withDotEnv(directory: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const path = join(directory, '.env');
  if (!existsSync(path)) return env;
  return { ...parseEnv(readFileSync(path, 'utf8')), ...env };
}
