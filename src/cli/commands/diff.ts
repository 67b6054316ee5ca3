import { Command, Option } from 'commander';
import { databaseUrlOf } from '../../config/database-url.js';
import type { ConfigSettings } from '../../config/schema.js';
import { levelRank, LEVELS, type Level } from '../../diff/rules.js';
import type { DiffSource } from '../../operations/diff.js';
import { CrudgenError } from '../../runtime/errors/crudgen-error.js';
import { readSnapshot } from '../../snapshot/read.js';
import type { CommandRuntime } from '../command-runtime.js';
import { commandConfig } from '../config-options.js';
import { DEFAULT_SNAPSHOT } from '../defaults.js';
import { humanDiff, markdownDiff } from '../diff-output.js';
import { readLiveSchema } from '../live-schema.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { Reporter } from '../reporter.js';

interface DiffFlags {
  readonly from?: string;
  readonly to?: string;
  readonly url?: string;
  readonly json?: boolean;
  readonly markdown?: boolean;
  readonly sql?: boolean;
  readonly failOn?: Level;
  readonly exitCode?: boolean;
  readonly rename?: string[];
  readonly evidence: boolean;
}

export function diffCommand(runtime: CommandRuntime): Command {
  return new Command('diff')
    .description('Compare the stored snapshot with the live database (or two schemas): safe, data-dependent, breaking and destructive changes.')
    .option('--from <snapshot|url>', `the old schema: a snapshot file or a database URL (default: the config's snapshot, then ${DEFAULT_SNAPSHOT})`)
    .option('--to <snapshot|url>', 'the new schema: a snapshot file or a database URL (default: the live database from --url, the config or $DATABASE_URL)')
    .option('--url <url>', 'the live database to compare with (the same as --to URL)')
    .option('--json', 'print the report as JSON (docs/diff-report.schema.json) on stdout')
    .option('--markdown', 'print the report as Markdown, for a pull-request comment')
    .option('--sql', 'print only the migration SQL that takes --from to --to')
    .addOption(new Option('--fail-on <level>', 'exit 1 when a change at or above this level exists').choices(LEVELS))
    .option('--exit-code', 'exit 1 when there is any change (the same as --fail-on safe)')
    .option('--rename <old=new...>', 'confirm a rename: table=new_table or table.column=table.new_column (repeatable)')
    .option('--no-evidence', 'do not count rows on a live --from database')
    .action(async (flags: DiffFlags, command: Command) => {
      runtime.setExitCode(await run(flags, command, runtime));
    });
}

async function run(flags: DiffFlags, command: Command, runtime: CommandRuntime): Promise<ExitCode> {
  if ([flags.json, flags.markdown, flags.sql].filter((flag) => flag === true).length > 1) {
    throw new CrudgenError('CLI_USAGE', 'Pass one of --json, --markdown and --sql.', { hint: '--json is for programs, --markdown for pull-request comments, --sql for a migration file.' });
  }
  if (flags.to !== undefined && flags.url !== undefined) throw new CrudgenError('CLI_USAGE', 'Pass either --to or --url, not both.', { hint: '--url URL is the same as --to URL.' });
  const reporter = runtime.reporter(flags.json === true);
  const loaded = await commandConfig(command, runtime, reporter);
  const { settings, generation } = loaded;
  const from = flags.from ?? settings.snapshot ?? DEFAULT_SNAPSHOT;
  const to = flags.to ?? flags.url ?? databaseUrlOf(loaded) ?? runtime.context.env['DATABASE_URL'];
  if (to === undefined || to.trim() === '') {
    throw new CrudgenError('URL_MISSING', 'No database to compare the snapshot with.', {
      hint: 'Pass --url postgres://… (or --to with a URL or snapshot), set database.url in the config, or set DATABASE_URL.',
    });
  }
  const renames = [...Object.entries(settings.renames ?? {}), ...(flags.rename ?? []).map(parseRename)];
  // Loaded here: the diff pulls in Kysely and the runtime, which every other command's start would pay for.
  const { diff } = await import('../../operations/diff.js');
  const report = await diff({
    from: await load(from, settings, reporter),
    to: await load(to, settings, reporter),
    renames,
    rules: settings.diff?.rules ?? {},
    evidence: flags.evidence,
    settings: generation,
  });
  if (reporter.json) reporter.result(report);
  else if (flags.markdown === true) reporter.print(markdownDiff(report));
  else if (flags.sql === true) reporter.print(report.migration?.script.trimEnd() ?? '-- no changes');
  else reporter.print(humanDiff(report, reporter.stdoutColors));

  const failOn = flags.failOn ?? (flags.exitCode === true ? 'safe' : settings.diff?.failOn);
  if (failOn === undefined || report.summary.highest === null) return EXIT.OK;
  return levelRank(report.summary.highest) >= levelRank(failOn) ? EXIT.FOUND : EXIT.OK;
}

/** A snapshot file, or a database read now: a URL has a scheme (`postgres://`, `sqlite:`) or a SQLite file extension. */
async function load(source: string, settings: ConfigSettings, reporter: Reporter): Promise<DiffSource> {
  if (!isDatabase(source)) return { snapshot: await readSnapshot(source), source };
  return { snapshot: await readLiveSchema(source, settings, reporter), source, url: source };
}

function isDatabase(source: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(source) || /\.(db|sqlite|sqlite3)$/i.test(source);
}

function parseRename(text: string): [string, string] {
  const [old, renamed, ...rest] = text.split('=');
  if (old === undefined || renamed === undefined || old === '' || renamed === '' || rest.length > 0) {
    throw new CrudgenError('CLI_USAGE', `--rename "${text}" is not old=new.`, { hint: 'Write --rename users=accounts for a table, --rename users.nick=users.nickname for a column.' });
  }
  return [old.trim(), renamed.trim()];
}
