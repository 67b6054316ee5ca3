import { CommanderError } from 'commander';
import { processContext, makeColors, type CliContext } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CommandRuntime } from './command-runtime.js';
import { createProgram } from './program.js';
import { Reporter } from './reporter.js';
import { packageVersion } from './version.js';

/**
 * Runs the CLI and returns its exit code; the caller sets `process.exitCode` so that pending
 * output is flushed. This is the only place that turns errors into exit codes.
 */
export async function main(argv: readonly string[], context: CliContext = processContext()): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.OK;
  let json = false;
  const colorFlag = !argv.includes('--no-color');
  const debug = argv.includes('--debug');
  const colors = makeColors(context, colorFlag);
  const runtime: CommandRuntime = {
    context,
    reporter: (wantsJson) => {
      json = wantsJson;
      return new Reporter(context, { json: wantsJson, debug, colors });
    },
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = createProgram(packageVersion(), runtime);
  program.exitOverride();
  program.configureOutput({
    writeOut: context.stdout,
    writeErr: context.stderr,
    outputError: (text, write) => write(colors.red(text)),
  });
  for (const command of program.commands) command.exitOverride();

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here too; every other commander exit is a usage error.
      return error.exitCode === 0 ? EXIT.OK : EXIT.ERROR;
    }
    new Reporter(context, { json, debug, colors }).error(error);
    // Errors we throw on purpose are about input the user controls (usage, configuration,
    // connection, files); an unexpected one is ours, but exit 1 would claim a finding, so 2 too.
    return EXIT.ERROR;
  }
}
