import { ValidationError } from '../errors/classes.js';
import { suggestion } from '../fuzzy.js';
import type { TransactionOptions } from '../transaction.js';
import { validationError, type Problem } from '../validation/problems.js';
import { ReadRepository } from './read-repository.js';
import type { RepositoryOptions, RepositorySource } from './types.js';

/** `createRepositories`' options: for all repositories, and over them for single ones by name. */
export interface RepositoriesOptions<R> extends RepositoryOptions {
  /** Options of single repositories, e.g. `{ auditLog: { validate: false } }`. */
  readonly repositories?: { readonly [K in Exclude<keyof R, 'transaction'>]?: RepositoryOptions };
}

/** The options one repository gets: its own over everyone's. */
export function repositoryOptions(options: RepositoriesOptions<object>, name: string): RepositoryOptions {
  const own = (options.repositories as Readonly<Record<string, RepositoryOptions>> | undefined)?.[name];
  const validate = own?.validate ?? options.validate;
  return validate === undefined ? {} : { validate };
}

/** What `createRepositories` returns besides the repositories. */
export interface Transactional<R> {
  /**
   * Runs `work` with the same repositories bound to one transaction: committed when it returns,
   * rolled back when it throws. Inside, `tx.transaction()` nests a savepoint. See
   * TransactionOptions for isolation, read-only, retry and timeout.
   */
  transaction<T>(work: (tx: R) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

/**
 * The repositories over `source`, with `transaction()`, and a misspelled name an error naming
 * the nearest (not `undefined` and a TypeError one call later: TypeScript catches typos at
 * compile time, this catches them in JavaScript and in names computed at run time). `options`,
 * those `createRepositories` was given, are checked the same way: a misspelled option would
 * otherwise leave validation on or off without a word.
 */
export function repositoriesOver<R extends Transactional<R>, DB>(source: RepositorySource<DB>, repositories: Omit<R, 'transaction'>, options: RepositoriesOptions<R> = {}): R {
  const problems = unknownOptions(options, Object.keys(repositories));
  if (problems.length > 0) {
    throw validationError('Invalid createRepositories options', problems, source.mode ?? 'production', 'The options are validate, and repositories: { <name>: { validate } } for single ones.');
  }
  return scoped<R, DB>(source, repositories, false);
}

const OPTIONS: ReadonlySet<string> = new Set(['validate', 'repositories']);
const OWN_OPTIONS: ReadonlySet<string> = new Set(['validate']);

/** Keys that are not options (`validation`), or not repositories (`repositories.custmer`), with the nearest ones. */
function unknownOptions(options: RepositoriesOptions<object>, names: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  const unknown = (path: string[], known: Iterable<string>, what: string) =>
    problems.push({ path, message: `is not ${what}${suggestion(path.at(-1) as string, known)}` });
  for (const key of Object.keys(options)) if (!OPTIONS.has(key)) unknown([key], OPTIONS, 'an option');
  for (const [name, own] of Object.entries(options.repositories ?? {})) {
    if (!names.includes(name)) unknown(['repositories', name], names, 'a repository');
    for (const key of Object.keys((own ?? {}) as object)) if (!OWN_OPTIONS.has(key)) unknown(['repositories', name, key], OWN_OPTIONS, 'an option');
  }
  return problems;
}

// Names that libraries probe on any object (promises, JSON, test matchers, React, DOM checks):
// asking for them is not a typo and must answer undefined.
const PROBED = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'length', 'prototype']);

/**
 * The repositories as seen from `source`. In a transaction each is bound on first use: an object
 * whose prototype is the repository, so compiled statements and checks are shared and a
 * transaction over 2,000 tables binds only the few it touches.
 */
function scoped<R extends Transactional<R>, DB>(source: RepositorySource<DB>, repositories: Omit<R, 'transaction'>, bind: boolean): R {
  const transaction = <T>(work: (tx: R) => Promise<T>, options?: TransactionOptions): Promise<T> =>
    source.transaction((tx) => work(scoped<R, DB>(tx, repositories, true)), options);
  const boundRepositories = new Map<string | symbol, unknown>();
  const valueOf = (key: string | symbol, value: unknown): unknown => {
    if (!bind || !(value instanceof ReadRepository)) return value;
    let bound = boundRepositories.get(key);
    if (bound === undefined) boundRepositories.set(key, (bound = (value as ReadRepository<DB, never, unknown>).on(source)));
    return bound;
  };
  return new Proxy(repositories as object, {
    get(target, key, receiver) {
      if (key === 'transaction') return transaction;
      if (typeof key === 'string' && !(key in target) && !PROBED.has(key) && !/^[_$@]/.test(key)) {
        const names = Object.keys(target);
        throw new ValidationError(`No repository is called "${key}"${suggestion(key, names)}.`, {
          details: { repository: key, repositories: names },
          hint: `The repositories, one per table and view: ${names.join(', ')}.`,
        });
      }
      return valueOf(key, Reflect.get(target, key, receiver));
    },
    has: (target, key) => key === 'transaction' || Reflect.has(target, key),
    ownKeys: (target) => [...Reflect.ownKeys(target), 'transaction'],
    getOwnPropertyDescriptor(target, key) {
      if (key === 'transaction') return { value: transaction, writable: false, enumerable: true, configurable: true };
      const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
      return descriptor === undefined ? undefined : { ...descriptor, value: valueOf(key, descriptor.value) };
    },
  }) as R;
}
