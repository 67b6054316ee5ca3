import { EXIT } from '../../src/cli/exit-codes.js';
import * as errorClasses from '../../src/runtime/errors/classes.js';
import { ERROR_CODES, type ErrorCategory, type ErrorCode } from '../../src/runtime/errors/codes.js';
import { WARNING_CODES } from '../../src/schema/warnings.js';
import { anchor, code, generatedNotice, page, table } from './markdown.js';

const SOURCES = ['src/runtime/errors/codes.ts', 'src/runtime/errors/classes.ts', 'src/schema/warnings.ts'];

export function renderErrorReference(): string {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];
  const classOf = errorClassNames();
  return page([
    generatedNotice(SOURCES),
    '# Error reference',
    'Every error crudgen raises on purpose, in the CLI, the programmatic API and the runtime that generated code uses, is a `CrudgenError` with a stable `code`, its `category`, `retryable` (whether running the same operation again can succeed), a `hint` (the fix below, unless the error has a more precise one) and structured `details`. Codes are never renamed or reused.',
    `The CLI prints the message and the hint on stderr, adds \`{ "error": … }\` on stdout with \`--json\`, and exits with ${EXIT.ERROR} for every code. Mistakes the option parser catches itself (an unknown option or command, a missing value) print its message and exit ${EXIT.ERROR} without a code.`,
    'The class is what `instanceof` tests; every class extends `CrudgenError`. While introspecting, crudgen raises connection problems as a plain `CrudgenError` with the same codes, so test `code` or `category` where both can reach you.',
    table(
      ['code', 'category', 'class', 'retryable'],
      codes.map((name) => [`[${code(name)}](#${anchor(name)})`, ERROR_CODES[name].category, code(classOf(name)), ERROR_CODES[name].retryable ? 'yes' : 'no']),
    ),
    ...categories(codes).flatMap((category) => [`## ${category}`, ...codes.filter((name) => ERROR_CODES[name].category === category).map((name) => codeSection(name, classOf(name)))]),
    '## Snapshot warnings',
    'Introspection never drops what the schema model cannot represent: it reports a warning with one of these codes and the object concerned. The CLI prints them, the snapshot keeps them in `warnings`, and they do not change the exit code.',
    table(['code', 'meaning'], Object.entries(WARNING_CODES).map(([name, meaning]) => [code(name), meaning])),
    '## Diff rule codes',
    'The codes `crudgen diff` gives each schema change (`column-dropped`, `column-type-narrowed`, …) are listed with their levels in [diff.md](diff.md).',
  ]);
}

function codeSection(name: ErrorCode, className: string): string {
  const entry = ERROR_CODES[name];
  return [
    `### ${name}`,
    `Class ${code(className)} · category ${code(entry.category)} · retryable: ${entry.retryable ? 'yes' : 'no'} · CLI exit code ${EXIT.ERROR}`,
    `**Meaning.** ${entry.meaning}`,
    `**Cause.** ${entry.cause}`,
    `**Fix.** ${entry.fix}`,
  ].join('\n\n');
}

/** Categories in the order the registry first uses them, so related codes stay together. */
function categories(codes: readonly ErrorCode[]): ErrorCategory[] {
  return [...new Set(codes.map((name) => ERROR_CODES[name].category))];
}

/** The class that carries each code, from the `codes` every error class declares; the rest are plain `CrudgenError`s. */
function errorClassNames(): (name: ErrorCode) => string {
  const carriers = new Map<ErrorCode, string[]>();
  for (const value of Object.values(errorClasses)) {
    const codes = (value as { codes?: unknown }).codes;
    if (typeof value !== 'function' || !Array.isArray(codes)) continue;
    for (const carried of codes as ErrorCode[]) carriers.set(carried, [...(carriers.get(carried) ?? []), value.name].sort());
  }
  return (name) => carriers.get(name)?.join(', ') ?? 'CrudgenError';
}
