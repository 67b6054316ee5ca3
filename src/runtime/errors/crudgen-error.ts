import { redact, redactDeep } from '../redact.js';
import { ERROR_CODES, type ErrorCode } from './codes.js';

/** Structured, JSON-serialisable facts about an error (the object, the file, the value…). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

export interface CrudgenErrorOptions {
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
  /** What the user should do; defaults to the registry's fix line for the code. */
  readonly hint?: string;
}

/**
 * The base of every error crudgen throws on purpose. The `code` is stable and comes from the
 * registry; the message says what went wrong and to what. Message, hint and details are
 * redacted at construction, so no later caller can leak a password by printing them.
 */
export class CrudgenError extends Error {
  override readonly name: string = 'CrudgenError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly hint: string;

  constructor(code: ErrorCode, message: string, options: CrudgenErrorOptions = {}) {
    super(redact(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = redactDeep(options.details ?? {});
    this.hint = redact(options.hint ?? ERROR_CODES[code].fix);
  }

  /** A plain object for `--json` output and logs. */
  toJSON(): { code: ErrorCode; message: string; hint: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
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
  return text.trim().replace(/[.\s]+$/, '');
}
