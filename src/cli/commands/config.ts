import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Command } from 'commander';
import { readConfigFile } from '../../config/load.js';
import { migrateConfig } from '../../config/migrate.js';
import { checkNamesAgainstSchema, validateConfig } from '../../config/validate.js';
import { ConfigError } from '../../runtime/errors/classes.js';
import { redactDeep } from '../../runtime/redact.js';
import type { CommandRuntime } from '../command-runtime.js';
import { commandConfig } from '../config-options.js';
import { DEFAULT_SNAPSHOT } from '../defaults.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

export function configCommand(runtime: CommandRuntime): Command {
  const config = new Command('config').description('Show or upgrade the configuration.');
  config
    .command('print')
    .description('Print the configuration as crudgen reads it (environment applied, variables filled in, secrets masked).')
    .option('--json', 'print JSON instead of YAML')
    .action(async (flags: { json?: boolean }, command: Command) => {
      runtime.setExitCode(await print(flags, command, runtime));
    });
  config
    .command('migrate')
    .description('Print the configuration file upgraded to the current version; --write saves it (not for JavaScript or TypeScript files).')
    .option('--write', 'rewrite the file in place')
    .action(async (flags: { write?: boolean }, command: Command) => {
      runtime.setExitCode(await migrate(flags, command, runtime));
    });
  return config;
}

async function print(flags: { json?: boolean }, command: Command, runtime: CommandRuntime): Promise<ExitCode> {
  const reporter = runtime.reporter(flags.json === true);
  const loaded = await commandConfig(command, runtime, reporter);
  if (loaded.databaseProblem !== null) reporter.warn(`database is left out: ${loaded.databaseProblem.message}`);
  // With a snapshot at hand, table and column names in the config are checked against it.
  const snapshotFile = loaded.settings.snapshot ?? DEFAULT_SNAPSHOT;
  if (loaded.file !== null && existsSync(snapshotFile)) {
    const { readSnapshot } = await import('../../snapshot/read.js');
    checkNamesAgainstSchema(loaded.settings, (await readSnapshot(snapshotFile)).schema, loaded.file);
  }
  const shown = { file: loaded.file, environment: loaded.environment, settings: redactDeep(loaded.settings) };
  if (reporter.json) {
    reporter.result(shown);
  } else {
    const { dump } = await import('js-yaml');
    runtime.context.stdout(dump(shown, { sortKeys: true, lineWidth: 120 }));
  }
  return EXIT.OK;
}

type FileFormat = 'code' | 'json' | 'package.json' | 'yaml';

async function migrate(flags: { write?: boolean }, command: Command, runtime: CommandRuntime): Promise<ExitCode> {
  const reporter = runtime.reporter(false);
  const file = command.optsWithGlobals<{ config?: string }>().config;
  const found = await readConfigFile(process.cwd(), file);
  if (found === null) throw new ConfigError('There is no configuration file to migrate.', { hint: 'Run crudgen init to write one.' });
  const migrated = migrateConfig(found.config as Record<string, unknown>);
  validateConfig(migrated.config, found.file);
  const format = await formatOf(found.file);
  const text = await render(format, found.file, migrated.config);
  if (flags.write !== true) {
    runtime.context.stdout(text);
  } else if (format === 'code') {
    throw new ConfigError(`${basename(found.file)} is code; crudgen does not rewrite it.`, {
      details: { file: found.file },
      hint: 'Run crudgen config migrate without --write and copy the printed object into the file.',
    });
  } else {
    await writeFile(found.file, text);
  }
  const summary = migrated.deprecations.length === 0 ? 'already current' : `${migrated.deprecations.map((d) => `${d.path} → ${d.replacement}`).join(', ')}`;
  reporter.success(`${basename(found.file)}: version ${migrated.fromVersion} → 2 (${summary})${flags.write === true && format !== 'code' ? ', written' : ''}.`);
  return EXIT.OK;
}

async function formatOf(file: string): Promise<FileFormat> {
  if (basename(file) === 'package.json') return 'package.json';
  const extension = extname(file);
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  if (extension === '') {
    // .crudgenrc holds JSON or YAML; keep whichever it is.
    try {
      JSON.parse(await readFile(file, 'utf8'));
      return 'json';
    } catch {
      return 'yaml';
    }
  }
  return 'code';
}

async function render(format: FileFormat, file: string, config: Record<string, unknown>): Promise<string> {
  switch (format) {
    case 'yaml': {
      const { dump } = await import('js-yaml');
      return dump(config, { lineWidth: 120 });
    }
    case 'package.json': {
      const pkg = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      return `${JSON.stringify({ ...pkg, crudgen: config }, null, 2)}\n`;
    }
    case 'code':
      return `// The configuration object for ${basename(file)}, upgraded; paste it into the file.\n${JSON.stringify(config, null, 2)}\n`;
    default:
      return `${JSON.stringify(config, null, 2)}\n`;
  }
}
