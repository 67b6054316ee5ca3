import { resolve } from 'node:path';
import { Command } from 'commander';
import { checkNamesAgainstSchema } from '../../config/validate.js';
import { generateWithRuntime } from '../../operations/generate.js';
import { CrudgenError } from '../../runtime/errors/crudgen-error.js';
import { writeGeneratedFiles } from '../../generate/writer.js';
import { readSnapshot } from '../../snapshot/read.js';
import type { CommandRuntime } from '../command-runtime.js';
import { commandConfig } from '../config-options.js';
import { DEFAULT_OUT, DEFAULT_SNAPSHOT } from '../defaults.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { readLiveSchema } from '../live-schema.js';

interface GenerateFlags {
  readonly snapshot?: string;
  readonly url?: string;
  readonly out?: string;
  readonly check?: boolean;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

export function generateCommand(runtime: CommandRuntime): Command {
  return new Command('generate')
    .description('Generate typed data access code from the snapshot.')
    .option('--snapshot <file>', `the snapshot to generate from (default: the config's snapshot, then ${DEFAULT_SNAPSHOT})`)
    .option('--url <url>', 'introspect this database now and generate from it, instead of a snapshot')
    .option('--out <dir>', `output folder (default: the config's output.dir, then ${DEFAULT_OUT})`)
    .option('--check', 'write nothing; exit 1 when the files on disk are not what generate would write')
    .option('--dry-run', 'write nothing; report what would change')
    .option('--json', 'print a machine-readable summary on stdout')
    .action(async (flags: GenerateFlags, command: Command) => {
      runtime.setExitCode(await run(flags, command, runtime));
    });
}

async function run(flags: GenerateFlags, command: Command, runtime: CommandRuntime): Promise<ExitCode> {
  const reporter = runtime.reporter(flags.json === true);
  const { settings, generation, file } = await commandConfig(command, runtime, reporter);
  if (flags.url !== undefined && flags.snapshot !== undefined) {
    throw new CrudgenError('CLI_USAGE', 'Pass either --url or --snapshot, not both.', { hint: '--url reads the live database; --snapshot a file written by crudgen introspect.' });
  }
  const snapshot =
    flags.url === undefined
      ? await readSnapshot(flags.snapshot ?? settings.snapshot ?? DEFAULT_SNAPSHOT)
      : await readLiveSchema(flags.url, settings, reporter);
  // A misspelt table or column in the config would otherwise silently drop its setting from the code.
  if (file !== null) checkNamesAgainstSchema(settings, snapshot.schema, file);
  const outDir = resolve(flags.out ?? settings.output?.dir ?? DEFAULT_OUT);
  const { plan, files } = await generateWithRuntime(snapshot, generation);
  for (const change of plan.renamed) reporter.warn(`renamed to stay distinct: ${change}`);
  const check = flags.check === true;
  const report = await writeGeneratedFiles(outDir, files, check || flags.dryRun === true);
  const stale = report.written.length + report.removed.length > 0;
  const verb = check || flags.dryRun === true ? 'would write' : 'wrote';
  reporter.success(
    `${plan.tables.length} tables and views → ${flags.out ?? settings.output?.dir ?? DEFAULT_OUT}: ${verb} ${report.written.length}, unchanged ${report.unchanged.length}, ${check || flags.dryRun === true ? 'would remove' : 'removed'} ${report.removed.length}`,
  );
  if (check && stale) reporter.info(`Generated files are stale: ${[...report.written, ...report.removed].join(', ')}. Run crudgen generate.`);
  if (reporter.json) reporter.result({ outDir, stale, ...report });
  return check && stale ? EXIT.FOUND : EXIT.OK;
}
