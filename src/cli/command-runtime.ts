import type { CliContext } from './context.js';
import type { ExitCode } from './exit-codes.js';
import type { Reporter } from './reporter.js';

/** What every command receives: the context, a reporter factory and a way to set the exit code. */
export interface CommandRuntime {
  readonly context: CliContext;
  reporter(json: boolean): Reporter;
  setExitCode(code: ExitCode): void;
}
