import { Command } from 'commander';
import { databaseUrlOf } from '../../config/database-url.js';
import { introspect } from '../../operations/introspect.js';
import { CrudgenError } from '../../runtime/errors/crudgen-error.js';
import { serializeSnapshot, writeSnapshot } from '../../snapshot/write.js';
import { countObjects, describeSnapshot } from '../../snapshot/summary.js';
import { DEFAULT_SNAPSHOT } from '../defaults.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CommandRuntime } from '../command-runtime.js';
import { commandConfig } from '../config-options.js';

interface IntrospectFlags {
  readonly url?: string;
  readonly out?: string;
  readonly schema?: string[];
  readonly include?: string[];
  readonly exclude?: string[];
  readonly json?: boolean;
}

export function introspectCommand(runtime: CommandRuntime): Command {
  return new Command('introspect')
    .description('Read the live database schema into a versioned, deterministic JSON snapshot.')
    .option('--url <url>', 'database URL or SQLite file path (default: the config\'s database, then $DATABASE_URL)')
    .option('--out <file>', `where to write the snapshot; "-" writes it to stdout (default: the config's snapshot, then ${DEFAULT_SNAPSHOT})`)
    .option('--schema <name...>', 'schemas (namespaces) to read (default: the config\'s schemas, then public on PostgreSQL, the URL\'s database on MySQL, main on SQLite)')
    .option('--include <glob...>', 'read only tables and views whose name or schema.name matches (default: the config\'s include, then all)')
    .option('--exclude <glob...>', 'leave out tables and views whose name or schema.name matches (default: the config\'s exclude, then none)')
    .option('--json', 'print a machine-readable summary on stdout')
    .action(async (flags: IntrospectFlags, command: Command) => {
      runtime.setExitCode(await run(flags, command, runtime));
    });
}

async function run(flags: IntrospectFlags, command: Command, runtime: CommandRuntime): Promise<ExitCode> {
  const reporter = runtime.reporter(flags.json === true);
  const loaded = await commandConfig(command, runtime, reporter);
  const { settings } = loaded;
  const url = flags.url ?? databaseUrlOf(loaded) ?? runtime.context.env['DATABASE_URL'];
  if (url === undefined || url.trim() === '') {
    throw new CrudgenError('URL_MISSING', 'No database URL was given to introspect.', {
      hint: 'Pass --url postgres://…, mysql://…, sqlite:path.db, set database.url in the config, or set DATABASE_URL.',
    });
  }
  const out = flags.out ?? settings.snapshot ?? DEFAULT_SNAPSHOT;
  const snapshot = await introspect({
    url,
    schemas: flags.schema ?? settings.schemas ?? [],
    include: flags.include ?? settings.include ?? [],
    exclude: flags.exclude ?? settings.exclude ?? [],
    onProgress: ({ phase, done, total }) => reporter.progress(`introspecting: ${phase} (${done}/${total})`),
  });
  reporter.clearProgress();

  const toStdout = out === '-';
  const { changed } = toStdout ? { changed: true } : await writeSnapshot(out, snapshot);
  if (toStdout) runtime.context.stdout(serializeSnapshot(snapshot));

  reporter.warnings(snapshot.warnings);
  const where = toStdout ? 'stdout' : `${out}${changed ? '' : ' (unchanged)'}`;
  reporter.success(`Introspected ${describeSnapshot(snapshot)} → ${where}`);
  if (reporter.json && !toStdout) {
    const counts = countObjects(snapshot);
    reporter.result({ file: out, changed, dialect: snapshot.dialect, server: snapshot.server, counts, warnings: snapshot.warnings });
  }
  return EXIT.OK;
}
