import { Chalk, supportsColorStderr, type ChalkInstance } from 'chalk';

/** What a CLI run may touch: its environment and its two output streams. */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTTY: boolean;
  /** Reports printed on stdout are coloured only when it is a terminal too, so `> file` stays plain. */
  readonly stdoutIsTTY: boolean;
}

/** The context of the running process. */
export function processContext(): CliContext {
  return {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
  };
}

/**
 * Colours for stderr. chalk does not look at NO_COLOR, so we do: colour is off when NO_COLOR is
 * set to anything non-empty, with --no-color, on TERM=dumb, or when stderr is not a terminal.
 */
export function makeColors(context: CliContext, colorFlag: boolean): ChalkInstance {
  const noColor = (context.env['NO_COLOR'] ?? '') !== '' || context.env['TERM'] === 'dumb';
  const enabled = colorFlag && !noColor && context.stderrIsTTY;
  const level = enabled ? (supportsColorStderr === false ? 1 : supportsColorStderr.level) : 0;
  return new Chalk({ level });
}
