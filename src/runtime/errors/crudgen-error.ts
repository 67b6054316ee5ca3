import { inspect } from 'node:util';
import { redact, redactDeep, redactError } from '../redact.js';
import { ERROR_CODES, type ErrorCategory, type ErrorCode } from './codes.js';

/** Structured, JSON-serialisable facts about an error (the table, the column, the file…). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

export interface CrudgenErrorOptions {
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
  /** What the user should do; defaults to the registry's fix line for the code. */
  readonly hint?: string;
}

/**
 * The base of every error crudgen throws on purpose, in the CLI and in the runtime. The `code` is
 * stable and comes from the registry, which also gives its `category` and whether a retry can
 * succeed. Message, hint, details and the whole cause chain are redacted at construction, so no
 * later caller can leak a password by printing, logging or inspecting them.
 */
export class CrudgenError extends Error {
  override readonly name: string = 'CrudgenError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly hint: string;
  /**
   * Set when the transaction this error ended could not be rolled back either: the rollback's
   * own failure, kept beside the error that caused it rather than in its place. Declared, not
   * initialised, so that other errors do not print `rollbackError: undefined`.
   */
  declare rollbackError?: unknown;

  constructor(code: ErrorCode, message: string, options: CrudgenErrorOptions = {}) {
    super(redact(message), options.cause === undefined ? undefined : { cause: redactError(options.cause) });
    this.code = code;
    this.details = redactDeep(options.details ?? {});
    this.hint = redact(options.hint ?? ERROR_CODES[code].fix);
  }

  get category(): ErrorCategory {
    return ERROR_CODES[this.code].category;
  }

  /** Whether running the same operation again can succeed (after a backoff). */
  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }

  /** A plain object for `--json` output and logs. */
  toJSON(): { code: ErrorCode; category: ErrorCategory; retryable: boolean; message: string; hint: string; details: ErrorDetails; cause?: string } {
    const json = { code: this.code, category: this.category, retryable: this.retryable, message: this.message, hint: this.hint, details: this.details };
    return this.cause === undefined ? json : { ...json, cause: causeText(this.cause) };
  }

  /** What `console.log(error)` and `util.inspect` show: the redacted fields and cause chain. */
  [inspect.custom](_depth: number, options: object): string {
    const lines = [`${this.name} [${this.code}, ${this.category}${this.retryable ? ', retryable' : ''}]: ${this.message}`, `  hint: ${this.hint}`];
    if (Object.keys(this.details).length > 0) lines.push(`  details: ${inspect(this.details, { ...options, breakLength: Infinity })}`);
    for (let cause: unknown = this.cause, depth = 0; cause !== undefined && depth < 8; depth++) {
      lines.push(`  caused by: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
    const stack = (this.stack ?? '').split('\n').slice(1);
    return redact([...lines, ...stack].join('\n'));
  }
}

/** True for any `CrudgenError`, also across duplicated copies of the package. */
export function isCrudgenError(value: unknown): value is CrudgenError {
  return (
    value instanceof CrudgenError ||
    (value instanceof Error &&
      typeof (value as unknown as { code?: unknown }).code === 'string' &&
      Object.hasOwn(ERROR_CODES, (value as unknown as { code: string }).code) &&
      'details' in value)
  );
}

/**
 * The message of an underlying error, ready to be embedded in a sentence of ours: without a
 * trailing period, so "…failed: disk full." does not end in "..".
 */
export function causeText(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return redact(text.trim().replace(/[.\s]+$/, ''));
}
