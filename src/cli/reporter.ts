import { Chalk, type ChalkInstance } from 'chalk';
import { isCrudgenError } from '../runtime/errors/crudgen-error.js';
import { redact } from '../runtime/redact.js';
import type { Warning } from '../schema/warnings.js';
import { stableStringify } from '../util/stable-json.js';
import type { CliContext } from './context.js';

export interface ReporterOptions {
  readonly json: boolean;
  readonly debug: boolean;
  readonly colors: ChalkInstance;
}

const PLAIN = new Chalk({ level: 0 });

// Past this many warnings of one code, the rest are counted rather than listed.
const WARNINGS_SHOWN_PER_CODE = 5;

/**
 * The only writer of CLI output. Human messages and progress go to stderr; machine output
 * (`--json`) goes to stdout, one JSON document per run.
 */
export class Reporter {
  private progressShown = false;

  constructor(
    private readonly context: CliContext,
    private readonly options: ReporterOptions,
  ) {}

  get json(): boolean {
    return this.options.json;
  }

  get colors(): ChalkInstance {
    return this.options.colors;
  }

  /** Colours for what `print` writes: none unless stdout is a terminal as well. */
  get stdoutColors(): ChalkInstance {
    return this.context.stdoutIsTTY ? this.options.colors : PLAIN;
  }

  /** A command's report for people (not progress or status), on stdout so it can be redirected. */
  print(text: string): void {
    this.clearProgress();
    this.context.stdout(`${redact(text)}\n`);
  }

  /** A line for people, on stderr. */
  info(text: string): void {
    this.clearProgress();
    this.context.stderr(`${redact(text)}\n`);
  }

  success(text: string): void {
    this.info(this.options.colors.green(text));
  }

  /** One progress line, rewritten in place; only on a terminal, so logs stay clean. */
  progress(text: string): void {
    if (!this.context.stderrIsTTY || this.options.json) return;
    this.context.stderr(`\r\u001b[2K${this.options.colors.dim(redact(text))}`);
    this.progressShown = true;
  }

  /** One warning line of our own (not from a snapshot). */
  warn(text: string): void {
    const { yellow } = this.options.colors;
    this.info(`${yellow('warning')} ${text}`);
  }

  warnings(warnings: readonly Warning[]): void {
    const { yellow, dim } = this.options.colors;
    const shownPerCode = new Map<string, number>();
    for (const warning of warnings) {
      const shown = shownPerCode.get(warning.code) ?? 0;
      shownPerCode.set(warning.code, shown + 1);
      if (shown < WARNINGS_SHOWN_PER_CODE) {
        this.info(`${yellow('warning')} ${dim(warning.code)} ${warning.object}: ${warning.message}`);
      }
    }
    for (const [code, count] of shownPerCode) {
      if (count > WARNINGS_SHOWN_PER_CODE) {
        this.info(dim(`… and ${count - WARNINGS_SHOWN_PER_CODE} more ${code} warnings (all are listed in the snapshot).`));
      }
    }
  }

  /** The machine-readable result, on stdout. */
  result(value: unknown): void {
    this.context.stdout(redact(stableStringify(value)));
  }

  /** Reports a failure: the message and the fix on stderr, and with --json a JSON error on stdout. */
  error(error: unknown): void {
    const { red, dim } = this.options.colors;
    if (isCrudgenError(error)) {
      this.info(`${red('error')} ${error.message}`);
      this.info(`${dim('hint:')} ${error.hint}`);
      if (this.options.json) this.result({ error: error.toJSON() });
    } else {
      const message = error instanceof Error ? error.message : String(error);
      this.info(`${red('error')} crudgen failed unexpectedly: ${message}`);
      this.info(`${dim('hint:')} Run again with --debug and report the stack trace.`);
      if (this.options.json) this.result({ error: { code: 'INTERNAL', message, details: {} } });
    }
    if (this.options.debug) this.info(dim(stackOf(error)));
  }

  clearProgress(): void {
    if (!this.progressShown) return;
    this.context.stderr('\r\u001b[2K');
    this.progressShown = false;
  }
}

function stackOf(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(depth === 0 ? String((current as Error).stack ?? current) : `caused by: ${String((current as Error).stack ?? current)}`);
    current = (current as { cause?: unknown }).cause;
  }
  return lines.join('\n');
}
