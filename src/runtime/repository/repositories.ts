import { ValidationError } from '../errors/classes.js';
import { suggestion } from '../fuzzy.js';
import type { TransactionOptions } from '../transaction.js';
import { ReadRepository } from './read-repository.js';
import type { RepositoryOptions, RepositorySource } from './types.js';

/** `createRepositories`' options: for all repositories, and over them for single ones by name. */
export interface RepositoriesOptions<R> extends RepositoryOptions {
  /** Options of single repositories, e.g. `{ auditLog: { validate: false } }`. */
  readonly repositories?: { readonly [K in Exclude<keyof R, 'transaction'>]?: RepositoryOptions };
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
 * The repositories over `source`, with `transaction()`, and misspelled names as errors. In a
 * transaction each repository is the same object seen through one bound to it, so statements
 * compiled outside are reused inside.
 */
export function repositoriesOver<R extends Transactional<R>, DB>(source: RepositorySource<DB>, repositories: Omit<R, 'transaction'>): R {
  const transaction = <T>(work: (tx: R) => Promise<T>, options?: TransactionOptions): Promise<T> =>
    source.transaction((tx) => work(repositoriesOver<R, DB>(tx, bound(repositories, tx))), options);
  return withRepositoryNames({ ...repositories, transaction } as unknown as R);
}

function bound<R extends object, DB>(repositories: R, source: RepositorySource<DB>): R {
  const rebind = (repository: unknown): unknown => (repository instanceof ReadRepository ? (repository as ReadRepository<DB, never, unknown>).on(source) : repository);
  return Object.fromEntries(Object.entries(repositories).map(([name, repository]) => [name, rebind(repository)])) as R;
}

/** The options one repository gets: its own over everyone's. */
export function repositoryOptions(options: RepositoriesOptions<object>, name: string): RepositoryOptions {
  const own = (options.repositories as Readonly<Record<string, RepositoryOptions>> | undefined)?.[name];
  const validate = own?.validate ?? options.validate;
  return validate === undefined ? {} : { validate };
}

// Names that libraries probe on any object (promises, JSON, test matchers, React, DOM checks):
// asking for them is not a typo and must answer undefined.
const PROBED = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'length', 'prototype']);

/**
 * The repositories, with a name that is none of them an error naming the nearest, not
 * `undefined` and a TypeError one call later. TypeScript catches typos at compile time; this
 * catches them in JavaScript and with names computed at run time.
 */
export function withRepositoryNames<R extends object>(repositories: R): R {
  return new Proxy(repositories, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target) && !PROBED.has(key) && !/^[_$@]/.test(key)) {
        const names = Object.keys(target);
        throw new ValidationError(`No repository is called "${key}"${suggestion(key, names)}.`, {
          details: { repository: key, repositories: names },
          hint: `The repositories, one per table and view: ${names.join(', ')}.`,
        });
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
