import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../config/load.js';
import type { CommandRuntime } from './command-runtime.js';
import type { Reporter } from './reporter.js';

interface GlobalConfigFlags {
  readonly config?: string;
  readonly env?: string;
}

/** Loads the configuration for a command, honouring --config and --env, and reports deprecated keys once. */
export async function commandConfig(command: Command, runtime: CommandRuntime, reporter: Reporter): Promise<LoadedConfig> {
  const flags = command.optsWithGlobals<GlobalConfigFlags>();
  const loaded = await loadConfig({
    ...(flags.config === undefined ? {} : { file: flags.config }),
    ...(flags.env === undefined ? {} : { environment: flags.env }),
    env: runtime.context.env,
  });
  for (const { path, replacement } of loaded.deprecations) {
    reporter.warn(`${loaded.file ?? 'config'}: "${path}" is deprecated since config version 2; write "${replacement}" instead (crudgen config migrate --write does it).`);
  }
  return loaded;
}
