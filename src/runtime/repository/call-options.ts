import { suggestion } from '../fuzzy.js';
import type { Problem } from '../validation/problems.js';
import type { FindByIdOptions, FindManyOptions, FindOneOptions, PaginateOptions, ReadOptions, UpdateOptions, UpsertOptions } from './types.js';

/**
 * The names given, which the compiler checks are exactly the keys of the options type `T`: an
 * option added to a type but not listed here would be refused at run time as a misspelling.
 */
const exactly =
  <T>() =>
  <const N extends readonly (keyof T & string)[]>(...names: N & ([Exclude<keyof T, N[number]>] extends [never] ? unknown : { unlisted: Exclude<keyof T, N[number]> })): N =>
    names;

/**
 * The options each repository method takes. Anything else is a mistake to report, not to skip:
 * `paginate({ limit })` would otherwise run without a page size and `findMany({ first })` read
 * the whole table.
 */
const TAKES = {
  findMany: exactly<FindManyOptions<object, never>>()('where', 'withDeleted', 'orderBy', 'limit', 'offset', 'select'),
  findOne: exactly<FindOneOptions<object>>()('where', 'withDeleted', 'orderBy'),
  count: exactly<ReadOptions<object>>()('where', 'withDeleted'),
  exists: exactly<ReadOptions<object>>()('where', 'withDeleted'),
  paginate: exactly<PaginateOptions<object>>()('where', 'withDeleted', 'orderBy', 'first', 'after'),
  findById: exactly<FindByIdOptions>()('withDeleted'),
  getById: exactly<FindByIdOptions>()('withDeleted'),
  update: exactly<UpdateOptions>()('expectedVersion'),
  updateMany: exactly<UpdateOptions>()('expectedVersion'),
  upsert: exactly<UpsertOptions<object>>()('on'),
};

/** A repository method whose options are checked. */
export type MethodWithOptions = keyof typeof TAKES;

const known = new Map(Object.entries(TAKES).map(([method, names]) => [method, new Set<string>(names)]));

// The same idea under the other reading style's name: offset pages (findMany) and keyset pages (paginate).
const COUNTERPART: Readonly<Record<string, string>> = { limit: 'first', first: 'limit', offset: 'after', after: 'offset' };

// The options that count rows, and the least each may be.
const LEAST_COUNT: Readonly<Record<string, number>> = { limit: 0, offset: 0, first: 1 };

/** What is wrong with the options `method` was given, added to `problems`, which it returns. */
export function optionProblems(method: MethodWithOptions, options: object, problems: Problem[] = []): Problem[] {
  const takes = known.get(method) as ReadonlySet<string>;
  for (const [name, value] of Object.entries(options)) {
    if (!takes.has(name)) {
      const counterpart = COUNTERPART[name];
      const meant = counterpart !== undefined && takes.has(counterpart) ? ` (did you mean "${counterpart}"?)` : suggestion(name, takes);
      problems.push({ path: [name], message: `is not an option of ${method}${meant}` });
    } else if (name in LEAST_COUNT && value !== undefined && !(Number.isInteger(value) && (value as number) >= (LEAST_COUNT[name] as number))) {
      problems.push({ path: [name], message: `must be a whole number of at least ${LEAST_COUNT[name]}`, expected: 'integer', received: value });
    }
  }
  if (method === 'paginate' && (options as { first?: unknown }).first === undefined) problems.push({ path: ['first'], message: 'is required: the page size' });
  return problems;
}

/** `findById takes withDeleted.`: the hint of a refusal. */
export function optionsHint(method: MethodWithOptions): string {
  return `${method} takes ${TAKES[method].join(', ')}.`;
}
