import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argument, Command, Option } from 'commander';
import type { CommandRuntime } from '../../src/cli/command-runtime.js';
import { EXIT, EXIT_CODES_HELP } from '../../src/cli/exit-codes.js';
import { createProgram } from '../../src/cli/program.js';
import { anchor, code, generatedNotice, page, table } from './markdown.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCES = ['src/cli/program.ts', 'src/cli/commands/*.ts', 'src/cli/exit-codes.ts', 'docs/tools/cli-reference.ts'];
const NONE = '—';

/** Who reads a variable: the CLI (everything outside src/runtime) or the runtime, in the user's application. */
type Area = 'CLI' | 'runtime';

/**
 * What each environment variable does, by where it is read. The source is scanned for the
 * variables it reads, and rendering fails when one is missing here or listed here but no longer
 * read, so this table cannot drift from the code.
 */
const ENVIRONMENT: Readonly<Record<string, Partial<Record<Area, string>>>> = {
  CRUDGEN_ENV: {
    CLI: 'Names the configuration\'s `env` overlay when --env is not given; an overlay the file does not have is an error. Without a configuration file it is ignored.',
    runtime: 'Chooses the `env` overlay of the configuration\'s `runtime` section that the generated `connect()` applies, when the application starts.',
  },
  DATABASE_URL: {
    CLI: '`introspect`, `diff` and `check` connect to it when neither --url nor the configuration\'s `database` names a database. `init` reads only its scheme, to tailor the comments of the starter file.',
  },
  NODE_ENV: {
    CLI: 'Names the `env` overlay when neither --env nor CRUDGEN_ENV is set, but only if the file has an overlay of that name.',
    runtime: 'Sets the mode (`development`, `production`, `test`) when neither createDatabase\'s `mode` nor the configuration\'s `runtime.mode` does; any other value, or none, means `production`. After CRUDGEN_ENV, it also chooses the `env` overlay the generated `connect()` applies.',
  },
  NO_COLOR: {
    CLI: 'Any non-empty value turns colours off.',
    runtime: 'Set to any value, it keeps the development query log uncoloured.',
  },
  TERM: {
    CLI: '`dumb` turns colours off.',
  },
};

export function renderCliReference(): string {
  const program = buildProgram();
  const commands = descendants(program);
  return page([
    generatedNotice(SOURCES),
    '# CLI reference',
    program.description(),
    usageBlock(program),
    '`crudgen help <command>` or `crudgen <command> --help` prints the help of one command.',
    '## Global options',
    'They go before or after the command name, and every command reads them.',
    optionTable(program.createHelp().visibleOptions(program)),
    '## Commands',
    table(
      ['command', 'description'],
      commands.map((command) => [commandLink(command), command.description()]),
    ),
    ...commands.flatMap(commandSection),
    '## Exit codes',
    'The same for every command.',
    table(['code', 'meaning'], exitCodes().map(([exit, meaning]) => [String(exit), meaning])),
    '## Environment variables',
    'The CLI reads them when it runs; the runtime reads them in the application that uses the generated code.',
    table(['variable', 'read by', 'effect'], environmentRows()),
    'The configuration file may use any variable as `${NAME}` or `${NAME:-default}`: see [configuration.md](configuration.md).',
  ]);
}

/** The real program over a runtime that refuses to run anything: rendering calls no action. */
function buildProgram(): Command {
  const ignore = (): void => undefined;
  const runtime: CommandRuntime = {
    context: { env: {}, stdout: ignore, stderr: ignore, stderrIsTTY: false, stdoutIsTTY: false },
    reporter: () => {
      throw new Error('The CLI reference runs no command.');
    },
    setExitCode: ignore,
  };
  // No version: the page would otherwise change with every release.
  return createProgram('', runtime);
}

/** Every command and subcommand, depth first, in the order the program adds them. */
function descendants(command: Command): Command[] {
  return command.commands.flatMap((child) => [child, ...descendants(child)]);
}

function fullName(command: Command): string {
  return command.parent === null ? command.name() : `${fullName(command.parent)} ${command.name()}`;
}

function usageBlock(command: Command): string {
  return ['```text', command.createHelp().commandUsage(command), '```'].join('\n');
}

function commandSection(command: Command): Array<string | null> {
  const options = command.options.filter((option) => !option.hidden);
  const subcommands = command.commands.map(commandLink);
  return [
    `### ${code(fullName(command))}`,
    command.description(),
    usageBlock(command),
    command.registeredArguments.length === 0 ? null : argumentTable(command.registeredArguments),
    options.length === 0 ? null : optionTable(options),
    subcommands.length === 0 ? null : `Subcommands: ${subcommands.join(', ')}.`,
  ];
}

function commandLink(command: Command): string {
  return `[${code(fullName(command))}](#${anchor(fullName(command))})`;
}

// Defaults that depend on the configuration cannot be commander defaults; they end the description
// as "(default: …)" so that --help shows them, and move to the default column here.
const DEFAULT_IN_DESCRIPTION = /\s*\(default: (.+)\)$/;

function optionTable(options: readonly Option[]): string {
  const rows = options.map((option) => {
    const written = DEFAULT_IN_DESCRIPTION.exec(option.description);
    return [
      code(option.flags),
      written === null ? option.description : option.description.slice(0, written.index),
      defaultOf(option.defaultValue, option.defaultValueDescription) ?? written?.[1] ?? NONE,
      option.argChoices?.map(code).join(', ') ?? NONE,
      option.envVar === undefined ? NONE : code(option.envVar),
    ];
  });
  return compactTable(['option', 'description', 'default', 'allowed values', 'environment variable'], rows);
}

function argumentTable(items: readonly Argument[]): string {
  const rows = items.map((item) => [
    code(`${item.name()}${item.variadic ? '...' : ''}`),
    item.description,
    item.required ? 'yes' : 'no',
    defaultOf(item.defaultValue, item.defaultValueDescription) ?? NONE,
    item.argChoices?.map(code).join(', ') ?? NONE,
  ]);
  return compactTable(['argument', 'description', 'required', 'default', 'allowed values'], rows);
}

function defaultOf(value: unknown, description: string | undefined): string | undefined {
  if (description !== undefined) return description;
  if (value === undefined) return undefined;
  return code(Array.isArray(value) ? value.join(' ') : String(value));
}

/** Leaves out the optional columns (from the third on) that no row fills. */
function compactTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const kept = headers.map((_, index) => index < 2 || rows.some((row) => row[index] !== NONE));
  const pick = (cells: readonly string[]): string[] => cells.filter((_, index) => kept[index]);
  return table(pick(headers), rows.map(pick));
}

/** The table --help prints, checked against EXIT so that neither can lose a code. */
function exitCodes(): Array<[number, string]> {
  const listed = [...EXIT_CODES_HELP.matchAll(/^\s+(\d+)\s+(.+)$/gm)].map((match): [number, string] => [Number(match[1]), match[2] as string]);
  const expected = Object.values(EXIT).sort((a, b) => a - b);
  if (listed.map(([exit]) => exit).join() !== expected.join()) {
    throw new Error(`EXIT_CODES_HELP lists exit codes ${listed.map(([exit]) => exit).join(', ')}, but EXIT has ${expected.join(', ')}.`);
  }
  return listed;
}

function environmentRows(): string[][] {
  const read = variablesRead();
  const problems: string[] = [];
  for (const [name, areas] of read) {
    for (const area of areas) if (ENVIRONMENT[name]?.[area] === undefined) problems.push(`${name} is read by the ${area} but has no description`);
  }
  for (const [name, texts] of Object.entries(ENVIRONMENT)) {
    for (const area of Object.keys(texts) as Area[]) if (!read.get(name)?.has(area)) problems.push(`${name} is described for the ${area}, which no longer reads it`);
  }
  if (problems.length > 0) throw new Error(`docs/tools/cli-reference.ts: ${problems.join('; ')}.`);
  const areas: readonly Area[] = ['CLI', 'runtime'];
  return [...read.keys()].sort().flatMap((name) => areas.filter((area) => read.get(name)?.has(area)).map((area) => [code(name), area, ENVIRONMENT[name]?.[area] ?? NONE]));
}

/** The variables src reads (`env['X']`, `process.env.X`), with where: the runtime or the rest, which the CLI runs. */
function variablesRead(): Map<string, Set<Area>> {
  const read = new Map<string, Set<Area>>();
  const source = join(ROOT, 'src');
  for (const file of typeScriptFiles(source)) {
    const area: Area = relative(source, file).startsWith('runtime') ? 'runtime' : 'CLI';
    for (const match of readFileSync(file, 'utf8').matchAll(/\benv(?:\[['"]([A-Z][A-Z0-9_]*)['"]\]|\.([A-Z][A-Z0-9_]*)\b)/g)) {
      const name = (match[1] ?? match[2]) as string;
      read.set(name, (read.get(name) ?? new Set<Area>()).add(area));
    }
  }
  return read;
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? typeScriptFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : []));
}
