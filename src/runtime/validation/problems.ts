import { ValidationError } from '../errors/classes.js';
import { jsonSafe } from '../json-safe.js';
import type { Mode } from '../mode.js';

/** One thing wrong with a call's input: where, what, and what was expected and given. */
export interface Problem {
  /** Into the input: `['where', 'qty', 'gte']`, `['3', 'price']` for a batch's fourth row. */
  readonly path: readonly string[];
  readonly message: string;
  /** The column's type, where a value was wrong. */
  readonly expected?: string;
  /** The value given, where it was wrong. */
  readonly received?: unknown;
}

/**
 * What an error shows of a value it got: the value itself in development mode; elsewhere only
 * its kind, since a value may be personal data and errors end up in logs.
 */
function shownValue(value: unknown, mode: Mode): unknown {
  if (mode === 'development') return value;
  if (value === null) return 'null';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) return 'a Date';
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  return `a ${typeof value}`;
}

/**
 * One ValidationError for every problem of a call, before any SQL is sent. The message lists
 * them (values only in development mode); `details.issues` has each with its path, expected
 * type and the value as `shownValue` shows it.
 */
export function validationError(subject: string, problems: readonly Problem[], mode: Mode, hint: string, details: Readonly<Record<string, unknown>> = {}): ValidationError {
  const listed = problems.map((problem) => {
    const got = mode === 'development' && 'received' in problem ? ` (got ${printed(problem.received)})` : '';
    return `${pathText(problem.path)} ${problem.message}${got}`;
  });
  const issues = problems.map((problem) => ({ ...problem, ...('received' in problem ? { received: shownValue(problem.received, mode) } : {}) }));
  return new ValidationError(`${subject}: ${listed.join('; ')}.`, { details: { ...details, issues }, hint });
}

/** A path as JavaScript writes it: `where.OR[0].price`, `[3].email` for a batch's fourth row. */
function pathText(path: readonly string[]): string {
  if (path.length === 0) return '(the input)';
  return path.map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function printed(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  try {
    return JSON.stringify(value, jsonSafe) ?? String(value);
  } catch {
    return String(value);
  }
}
