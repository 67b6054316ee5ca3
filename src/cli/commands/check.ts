import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { databaseUrlOf } from '../../config/database-url.js';
import { checkNamesAgainstSchema } from '../../config/validate.js';
import { levelRank, LEVELS, type Level } from '../../diff/rules.js';
import { writeGeneratedFiles } from '../../generate/writer.js';
import { generateWithRuntime } from '../../operations/generate.js';
import { CrudgenError } from '../../runtime/errors/crudgen-error.js';
import { readSnapshot } from '../../snapshot/read.js';
import type { CommandRuntime } from '../command-runtime.js';
import { commandConfig } from '../config-options.js';
import { DEFAULT_OUT, DEFAULT_SNAPSHOT } from '../defaults.js';
import { humanDiff } from '../diff-output.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { readLiveSchema } from '../live-schema.js';

interface CheckFlags {
  readonly snapshot?: string;
  readonly url?: string;
  readonly out?: string;
  readonly failOn?: Level;
  readonly json?: boolean;
}

export function checkCommand(runtime: CommandRuntime): Command {
  return new Command('check')
    .description('For CI: the generated code matches the snapshot (generate --check), and the live database matches the snapshot (diff --fail-on).')
    .option('--snapshot <file>', `the snapshot (default: the config's snapshot, then ${DEFAULT_SNAPSHOT})`)
    .option('--url <url>', 'the live database (default: the config\'s database, then $DATABASE_URL)')
    .option('--out <dir>', `the generated code (default: the config's output.dir, then ${DEFAULT_OUT})`)
    .addOption(new Option('--fail-on <level>', 'database drift at or above this level fails (default: the config\'s diff.failOn, then safe: any drift)').choices(LEVELS))
    .option('--json', 'print both results as JSON on stdout')
    .action(async (flags: CheckFlags, command: Command) => {
      runtime.setExitCode(await run(flags, command, runtime));
    });
}

async function run(flags: CheckFlags, command: Command, runtime: CommandRuntime): Promise<ExitCode> {
  const reporter = runtime.reporter(flags.json === true);
  const loaded = await commandConfig(command, runtime, reporter);
  const { settings, generation, file } = loaded;
  const url = flags.url ?? databaseUrlOf(loaded) ?? runtime.context.env['DATABASE_URL'];
  if (url === undefined || url.trim() === '') {
    throw new CrudgenError('URL_MISSING', 'crudgen check has no database to compare the snapshot with.', {
      hint: 'Pass --url, set database.url in the config, or set DATABASE_URL (in CI, usually a secret).',
    });
  }
  const snapshotFile = flags.snapshot ?? settings.snapshot ?? DEFAULT_SNAPSHOT;
  const snapshot = await readSnapshot(snapshotFile);
  // A misspelt table or column in the config would otherwise silently drop its setting from the code.
  if (file !== null) checkNamesAgainstSchema(settings, snapshot.schema, file);

  const out = flags.out ?? settings.output?.dir ?? DEFAULT_OUT;
  const { files } = await generateWithRuntime(snapshot, generation);
  const written = await writeGeneratedFiles(resolve(out), files, true);
  const staleFiles = [...written.written, ...written.removed];

  const live = await readLiveSchema(url, settings, reporter);
  const { diff } = await import('../../operations/diff.js');
  const report = await diff({
    from: { snapshot, source: snapshotFile },
    to: { snapshot: live, source: url, url },
    renames: Object.entries(settings.renames ?? {}),
    rules: settings.diff?.rules ?? {},
    evidence: false,
    settings: generation,
  });
  const failOn = flags.failOn ?? settings.diff?.failOn ?? 'safe';
  const drifted = report.summary.highest !== null && levelRank(report.summary.highest) >= levelRank(failOn);

  if (reporter.json) {
    reporter.result({ generated: { out, stale: staleFiles.length > 0, written: written.written, removed: written.removed }, database: { failOn, drifted, report } });
  } else {
    if (staleFiles.length === 0) reporter.success(`generated code in ${out} matches ${snapshotFile}`);
    else reporter.info(`${reporter.colors.red('stale')} generated code in ${out}: ${staleFiles.join(', ')} differ from what ${snapshotFile} gives. Run crudgen generate and commit the result.`);
    if (report.summary.total === 0) reporter.success(`the database matches ${snapshotFile}`);
    else {
      reporter.print(humanDiff(report, reporter.stdoutColors));
      const verdict = drifted ? reporter.colors.red(`the database has drifted from ${snapshotFile} (changes at or above ${failOn})`) : `the database differs from ${snapshotFile} only below ${failOn}`;
      reporter.info(`${verdict}. Run crudgen introspect and crudgen generate if the database is right, or migrate it if the snapshot is.`);
    }
  }
  return staleFiles.length > 0 || drifted ? EXIT.FOUND : EXIT.OK;
}
