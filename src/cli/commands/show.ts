import { Command } from 'commander';
import { countObjects, describeSnapshot } from '../../snapshot/summary.js';
import { DEFAULT_SNAPSHOT } from '../defaults.js';
import { EXIT } from '../exit-codes.js';
import type { CommandRuntime } from '../command-runtime.js';
import { commandConfig } from '../config-options.js';

interface ShowFlags {
  readonly snapshot?: string;
  readonly json?: boolean;
}

export function showCommand(runtime: CommandRuntime): Command {
  return new Command('show')
    .description('Validate a snapshot file and summarise what it holds.')
    .option('--snapshot <file>', `the snapshot to read (default: the config's snapshot, then ${DEFAULT_SNAPSHOT})`)
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (flags: ShowFlags, command: Command) => {
      const reporter = runtime.reporter(flags.json === true);
      const { settings } = await commandConfig(command, runtime, reporter);
      const file = flags.snapshot ?? settings.snapshot ?? DEFAULT_SNAPSHOT;
      // Reading validates with zod; loading it only here keeps every other command's start fast.
      const { readSnapshot } = await import('../../snapshot/read.js');
      const snapshot = await readSnapshot(file);
      reporter.warnings(snapshot.warnings);
      reporter.info(`${file}: format ${snapshot.formatVersion}, ${describeSnapshot(snapshot)}`);
      for (const table of snapshot.schema.tables) {
        reporter.info(`  table ${table.namespace}.${table.name} (${table.columns.length} columns)`);
      }
      for (const view of snapshot.schema.views) reporter.info(`  ${view.kind.replace('_', ' ')} ${view.namespace}.${view.name}`);
      if (reporter.json) {
        reporter.result({
          file,
          formatVersion: snapshot.formatVersion,
          dialect: snapshot.dialect,
          server: snapshot.server,
          counts: countObjects(snapshot),
          tables: snapshot.schema.tables.map((t) => `${t.namespace}.${t.name}`),
          views: snapshot.schema.views.map((v) => `${v.namespace}.${v.name}`),
        });
      }
      runtime.setExitCode(EXIT.OK);
    });
}
