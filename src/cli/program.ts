import { Command } from 'commander';
import { checkCommand } from './commands/check.js';
import { configCommand } from './commands/config.js';
import { diffCommand } from './commands/diff.js';
import { generateCommand } from './commands/generate.js';
import { initCommand } from './commands/init.js';
import { introspectCommand } from './commands/introspect.js';
import { showCommand } from './commands/show.js';
import type { CommandRuntime } from './command-runtime.js';
import { EXIT_CODES_HELP } from './exit-codes.js';

/** Builds the commander program. Commander's own exits become thrown `CommanderError`s. */
export function createProgram(version: string, runtime: CommandRuntime): Command {
  const program = new Command('crudgen')
    .description('Typed data access code, generated from your live PostgreSQL, MySQL/MariaDB or SQLite schema.')
    .version(version, '-V, --version', 'print the crudgen version')
    .option('--no-color', 'disable colours (also: NO_COLOR=1, or when stderr is not a terminal)')
    .option('--debug', 'show stack traces of errors')
    .option('--config <path>', 'configuration file (default: searched from the current directory, as cosmiconfig does)')
    .option('--env <name>', 'environment overlay of the configuration (default: $CRUDGEN_ENV, then $NODE_ENV)')
    .showSuggestionAfterError(true)
    .addHelpText('after', EXIT_CODES_HELP);

  for (const command of [initCommand(runtime), introspectCommand(runtime), generateCommand(runtime), diffCommand(runtime), checkCommand(runtime), showCommand(runtime), configCommand(runtime)]) {
    command.addHelpText('after', EXIT_CODES_HELP);
    program.addCommand(command);
  }
  return program;
}
