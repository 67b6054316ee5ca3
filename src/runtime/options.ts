import { z } from 'zod';
import { suggestion } from './fuzzy.js';

/**
 * Every property name an options schema knows, at any depth: the candidates for "did you mean".
 * One flat list is enough, since a misspelling lands near its own name, not a namesake elsewhere.
 */
function propertyNames(schema: z.ZodType, into: Set<string>): Set<string> {
  if (schema instanceof z.ZodObject) {
    for (const [name, member] of Object.entries(schema.shape as Record<string, z.ZodType>)) propertyNames(member, into.add(name));
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    propertyNames(schema.unwrap() as z.ZodType, into);
  } else if (schema instanceof z.ZodUnion) {
    for (const option of schema.options as readonly z.ZodType[]) propertyNames(option, into);
  }
  return into;
}

/** One line per problem, `pool.max: …`; an unknown key names the nearest known one. */
function problemLines(schema: z.ZodType, issues: z.ZodError['issues']): string[] {
  let known: Set<string> | undefined;
  return issues.flatMap((issue) => {
    const at = issue.path.length === 0 ? '' : `${issue.path.join('.')}.`;
    if (issue.code !== 'unrecognized_keys') return [`${at.slice(0, -1) || '(options)'}: ${issue.message}`];
    known ??= propertyNames(schema, new Set());
    return issue.keys.map((key) => `${at}${key} is not an option${suggestion(key, known as Set<string>)}`);
  });
}

/**
 * `input` read with `schema`, or every problem it has, so that an option misspelled or given to
 * the wrong call is refused with the name meant instead of silently ignored.
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown): { readonly options: z.output<S> } | { readonly problems: string[] } {
  const parsed = schema.safeParse(input);
  return parsed.success ? { options: parsed.data } : { problems: problemLines(schema, parsed.error.issues) };
}
