import { suggestion } from '../fuzzy.js';
import type { Problem } from '../validation/problems.js';

/**
 * The options each repository method takes. Anything else is a mistake to report, not to skip:
 * `paginate({ limit })` would otherwise run without a page size and `findMany({ first })` read
 * the whole table.
 */
const TAKES = {
  findMany: ['where', 'withDeleted', 'orderBy', 'limit', 'offset', 'select'],
  findOne: ['where', 'withDeleted', 'orderBy'],
  count: ['where', 'withDeleted'],
  exists: ['where', 'withDeleted'],
  paginate: ['where', 'withDeleted', 'orderBy', 'first', 'after'],
  findById: ['withDeleted'],
  getById: ['withDeleted'],
  update: ['expectedVersion'],
  updateMany: ['expectedVersion'],
  upsert: ['on'],
} as const;

export type OptionsOf = keyof typeof TAKES;

const known = new Map(Object.entries(TAKES).map(([method, names]) => [method, new Set<string>(names)]));

// The same idea under the other reading style's name: offset pages (findMany) and keyset pages (paginate).
const COUNTERPART: Readonly<Record<string, string>> = { limit: 'first', first: 'limit', offset: 'after', after: 'offset' };

// Counts a method takes and the least each may be.
const COUNTS: Readonly<Record<string, number>> = { limit: 0, offset: 0, first: 1 };

/** What is wrong with the options `method` was given, added to `problems`, which it returns. */
export function optionProblems(method: OptionsOf, options: object, problems: Problem[] = []): Problem[] {
  const takes = known.get(method) as ReadonlySet<string>;
  for (const [name, value] of Object.entries(options)) {
    if (!takes.has(name)) {
      const counterpart = COUNTERPART[name];
      const meant = counterpart !== undefined && takes.has(counterpart) ? ` (did you mean "${counterpart}"?)` : suggestion(name, takes);
      problems.push({ path: [name], message: `is not an option of ${method}${meant}` });
    } else if (name in COUNTS && value !== undefined && !(Number.isInteger(value) && (value as number) >= (COUNTS[name] as number))) {
      problems.push({ path: [name], message: `must be a whole number of at least ${COUNTS[name]}`, expected: 'integer', received: value });
    }
  }
  if (method === 'paginate' && (options as { first?: unknown }).first === undefined) problems.push({ path: ['first'], message: 'is required: the page size' });
  return problems;
}

/** `findById takes withDeleted.`: the hint of a refusal. */
export function optionsHint(method: OptionsOf): string {
  return `${method} takes ${TAKES[method].join(', ')}.`;
}
