import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { ServerFeatures } from './dialects/types.js';
import { DeadlockError, SerializationError, TimeoutError, ValidationError } from './errors/classes.js';
import { isCrudgenError, type CrudgenError } from './errors/crudgen-error.js';
import type { Mode } from './mode.js';
import { parseOptions } from './options.js';
import { resolveRetryPolicy, retryPolicyFields, withRetry, type RetryPolicy } from './retry.js';

const ISOLATION_LEVELS = ['read uncommitted', 'read committed', 'repeatable read', 'serializable'] as const;
export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

/** How a transaction is retried: exponential backoff with full jitter, bounded by attempts and time. */
export interface TransactionRetry {
  /** Attempts in all, the first included. */
  readonly attempts?: number | undefined;
  readonly baseDelayMs?: number | undefined;
  readonly maxDelayMs?: number | undefined;
  /** No attempt starts after this much time since the first. */
  readonly totalTimeMs?: number | undefined;
  /**
   * Retry lock-wait timeouts too (MySQL/MariaDB 1205, PostgreSQL 55P03). Off by default, since a
   * second wait may only wait again; on SQLite, where the busy timeout running out is how two
   * writers meet, on unless set to false.
   */
  readonly lockTimeouts?: boolean | undefined;
}

export interface TransactionOptions {
  /** Where the dialect has levels (PostgreSQL, MySQL/MariaDB); SQLite is always serializable. */
  readonly isolation?: IsolationLevel;
  readonly readOnly?: boolean;
  /**
   * Rerun the whole callback after a deadlock or a serialization failure (and lock timeouts, see
   * `lockTimeouts`). Only safe when the callback may run again: it must not act outside the
   * database (send mail, charge a card, write files) or keep state from a failed attempt in
   * memory. `true` takes the default policy (5 attempts within 10 s); the default is the
   * Database's `transactionRetry`, else no retry.
   */
  readonly retry?: boolean | TransactionRetry;
  /**
   * Milliseconds the callback may take. Past that the transaction is rolled back and the call
   * fails with TRANSACTION_TIMEOUT; the callback's next statement fails too. A statement already
   * running finishes first (or meets the statement timeout).
   */
  readonly timeoutMs?: number;
  /** Called before each retry, after the Database's listeners. */
  readonly onRetry?: TransactionRetryListener;
}

/** One retry of a transaction: which attempt failed, why, and how long until the next. */
export interface TransactionRetryEvent {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: CrudgenError;
}

export type TransactionRetryListener = (event: TransactionRetryEvent) => void;

/** What a transaction's callback gets: a source for repositories and Kysely, bound to the transaction. */
export interface TransactionScope<DB> {
  /** Kysely bound to the transaction: hand-written queries join it. */
  readonly kysely: Transaction<DB>;
  readonly mode: Mode;
  /** Which attempt is running, from 1. */
  readonly attempt: number;
  features(): Promise<ServerFeatures>;
  /**
   * A nested transaction: a savepoint, rolled back alone when `work` throws. Isolation,
   * read-only, retry and timeout belong to the outer transaction; passing them here is an error.
   */
  transaction<T>(work: (tx: TransactionScope<DB>) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/** `retry` of one transaction and the Database's `transactionRetry`: checked the same way in both places. */
export const transactionRetryOption = z.union([z.boolean(), z.strictObject({ ...retryPolicyFields, lockTimeouts: z.boolean().optional() })]);

const transactionOptions = z.strictObject({
  isolation: z.enum(ISOLATION_LEVELS).optional(),
  readOnly: z.boolean().optional(),
  retry: transactionRetryOption.optional(),
  timeoutMs: z.number().int().positive().optional(),
  onRetry: z.custom<TransactionRetryListener>((value) => typeof value === 'function').optional(),
});

export const DEFAULT_TRANSACTION_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 20, maxDelayMs: 1_000, totalTimeMs: 10_000 };

/** What `runTransaction` needs from the database it runs on. */
export interface TransactionHost<DB> {
  readonly kysely: Kysely<DB>;
  readonly mode: Mode;
  features(): Promise<ServerFeatures>;
  readonly defaultRetry: boolean | TransactionRetry | undefined;
  readonly listeners: ReadonlySet<TransactionRetryListener>;
  /** Where a failed rollback is reported when it cannot be thrown. */
  warn(message: string): void;
}

/**
 * Runs `work` in a transaction: commit when it returns, rollback when it throws, and the error
 * it threw re-thrown (a failed rollback attached as `rollbackError`, never in its place). With a
 * retry policy, deadlocks and serialization failures run the whole callback again.
 */
export async function runTransaction<DB, T>(host: TransactionHost<DB>, work: (tx: TransactionScope<DB>) => Promise<T>, given: TransactionOptions = {}): Promise<T> {
  const options = checkedOptions(given);
  const retry = await retryOf(options.retry ?? host.defaultRetry, host);
  if (retry === null) return attemptOnce(host, work, options, 1);
  let attempts = 0;
  try {
    return await withRetry(
      () => attemptOnce(host, work, options, ++attempts),
      retry.policy,
      (error) => isCrudgenError(error) && retries(error, retry),
      (error, attempt, delayMs) => {
        const event = { attempt, delayMs, error: error as CrudgenError };
        for (const listener of host.listeners) listener(event);
        options.onRetry?.(event);
      },
    );
  } catch (error) {
    // withRetry throws an error it would retry only when the attempts or the time ran out.
    if (isCrudgenError(error) && retries(error, retry)) throw gaveUp(error, attempts);
    throw error;
  }
}

/** The options as given, or a ValidationError naming each one misspelled or out of range. */
function checkedOptions(given: TransactionOptions): TransactionOptions {
  const parsed = parseOptions(transactionOptions, given);
  if ('problems' in parsed) {
    throw new ValidationError(`Invalid transaction options: ${parsed.problems.join('; ')}.`, {
      details: { problems: parsed.problems },
      hint: 'transaction() takes isolation, readOnly, retry, timeoutMs and onRetry.',
    });
  }
  return given;
}

interface Retry {
  readonly policy: RetryPolicy;
  readonly lockTimeouts: boolean;
}

/** The retry a transaction runs under, null for none; the server is asked only when the default for lock timeouts matters. */
async function retryOf<DB>(option: boolean | TransactionRetry | undefined, host: TransactionHost<DB>): Promise<Retry | null> {
  if (option === undefined || option === false) return null;
  const given: TransactionRetry = option === true ? {} : option;
  return {
    policy: resolveRetryPolicy(given, DEFAULT_TRANSACTION_RETRY),
    lockTimeouts: given.lockTimeouts ?? (await host.features()).retriesLockTimeouts,
  };
}

function retries(error: CrudgenError, retry: Retry): boolean {
  return error.code === 'DEADLOCK' || error.code === 'SERIALIZATION_FAILURE' || (error.code === 'LOCK_TIMEOUT' && retry.lockTimeouts);
}

/** The last failure, saying how many attempts were made. */
function gaveUp(error: CrudgenError, attempts: number): CrudgenError {
  if (attempts === 1) return error;
  const message = `${error.message} Gave up after ${attempts} attempts.`;
  const options = { details: { ...error.details, attempts }, cause: error.cause, hint: error.hint };
  if (error.code === 'DEADLOCK') return new DeadlockError(message, options);
  if (error.code === 'SERIALIZATION_FAILURE') return new SerializationError(message, options);
  if (error.code === 'LOCK_TIMEOUT') return new TimeoutError('LOCK_TIMEOUT', message, options);
  return error;
}

async function attemptOnce<DB, T>(host: TransactionHost<DB>, work: (tx: TransactionScope<DB>) => Promise<T>, options: TransactionOptions, attempt: number): Promise<T> {
  let builder = host.kysely.startTransaction();
  if (options.isolation !== undefined) builder = builder.setIsolationLevel(options.isolation);
  if (options.readOnly === true) builder = builder.setAccessMode('read only');
  const trx = await builder.execute();
  const scope = new Scope(host, trx, attempt, { next: 0 });
  let timer: NodeJS.Timeout | undefined;
  try {
    const running = work(scope);
    let result: T;
    if (options.timeoutMs === undefined) {
      result = await running;
    } else {
      // The callback cannot be stopped; its failure after the timeout has no one to go to.
      running.catch(() => undefined);
      const timeoutMs = options.timeoutMs;
      result = await Promise.race([
        running,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new TimeoutError('TRANSACTION_TIMEOUT', `The transaction ran longer than its timeout of ${timeoutMs} ms and was rolled back.`, { details: { timeoutMs } })), timeoutMs);
        }),
      ]);
    }
    await trx.commit().execute();
    return result;
  } catch (error) {
    await rollBack(host, trx, error, () => trx.rollback().execute());
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Rolls back after `error`; a rollback that fails too is attached to the error (or, for a value
 * that cannot carry it, reported to the logger) and never replaces it.
 */
async function rollBack(host: { warn(message: string): void }, trx: { readonly isCommitted: boolean; readonly isRolledBack: boolean }, error: unknown, rollback: () => Promise<unknown>): Promise<void> {
  if (trx.isCommitted || trx.isRolledBack) return;
  try {
    await rollback();
  } catch (rollbackError) {
    if (typeof error === 'object' && error !== null && Object.isExtensible(error)) (error as { rollbackError?: unknown }).rollbackError = rollbackError;
    else host.warn(`A transaction failed and its rollback failed too: ${rollbackError instanceof Error ? rollbackError.message : String(rollbackError)}`);
  }
}

class Scope<DB> implements TransactionScope<DB> {
  constructor(
    private readonly host: TransactionHost<DB>,
    private readonly trx: ControlledTransaction<DB, string[]>,
    readonly attempt: number,
    private readonly savepoints: { next: number },
  ) {}

  get kysely(): Transaction<DB> {
    return this.trx;
  }

  get mode(): Mode {
    return this.host.mode;
  }

  features(): Promise<ServerFeatures> {
    return this.host.features();
  }

  async transaction<T>(work: (tx: TransactionScope<DB>) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const given = Object.entries(options).filter(([, value]) => value !== undefined).map(([key]) => key);
    if (given.length > 0) {
      throw new ValidationError(`A nested transaction is a savepoint of the outer one: ${given.join(', ')} cannot be set on it.`, {
        details: { options: given },
        hint: 'Set isolation, readOnly, retry and timeoutMs on the outermost transaction().',
      });
    }
    const name = `crudgen_${++this.savepoints.next}`;
    // Kysely types savepoint names as literals for its own bookkeeping; these are made at run time.
    const inner = (await this.trx.savepoint(name as never).execute()) as unknown as ControlledTransaction<DB, string[]>;
    try {
      const result = await work(new Scope(this.host, inner, this.attempt, this.savepoints));
      await inner.releaseSavepoint(name as never).execute();
      return result;
    } catch (error) {
      await rollBack(this.host, inner, error, () => inner.rollbackToSavepoint(name as never).execute());
      throw error;
    }
  }
}
