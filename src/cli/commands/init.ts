import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { CURRENT_CONFIG_VERSION } from '../../config/schema.js';
import { parseDatabaseUrl, type DialectName } from '../../runtime/connection-url.js';
import { CrudgenError } from '../../runtime/errors/crudgen-error.js';
import type { CommandRuntime } from '../command-runtime.js';
import { EXIT, type ExitCode } from '../exit-codes.js';

interface InitFlags {
  readonly format: 'json' | 'ts' | 'yaml';
  readonly force?: boolean;
  readonly json?: boolean;
}

const FILES: Readonly<Record<InitFlags['format'], string>> = { yaml: '.crudgenrc.yaml', json: '.crudgenrc.json', ts: 'crudgen.config.ts' };

export function initCommand(runtime: CommandRuntime): Command {
  return new Command('init')
    .description('Write a starter configuration file that reads the database URL from $DATABASE_URL.')
    .addOption(new Option('--format <format>', 'yaml writes .crudgenrc.yaml, json .crudgenrc.json, ts crudgen.config.ts').choices(['yaml', 'json', 'ts']).default('yaml'))
    .option('--force', 'overwrite an existing file')
    .option('--json', 'print a machine-readable result on stdout')
    .action(async (flags: InitFlags) => {
      runtime.setExitCode(await run(flags, runtime));
    });
}

async function run(flags: InitFlags, runtime: CommandRuntime): Promise<ExitCode> {
  const reporter = runtime.reporter(flags.json === true);
  const file = resolve(FILES[flags.format]);
  if (existsSync(file) && flags.force !== true) {
    throw new CrudgenError('FILE_WRITE_FAILED', `${FILES[flags.format]} already exists; crudgen init does not overwrite it.`, {
      details: { file },
      hint: 'Edit the file, or run crudgen init --force to replace it.',
    });
  }
  // The URL itself is a secret: only its scheme is used, to tailor the comments.
  const url = runtime.context.env['DATABASE_URL'];
  const dialect = url === undefined || url.trim() === '' ? null : parseDatabaseUrl(url).dialect;
  await writeFile(file, starter(flags.format, dialect));
  reporter.success(`Wrote ${FILES[flags.format]}${dialect === null ? ' (set DATABASE_URL before running crudgen)' : ` for ${dialect}`}.`);
  if (reporter.json) reporter.result({ file: FILES[flags.format], dialect });
  return EXIT.OK;
}

const SCHEMAS_HINT: Readonly<Record<DialectName | 'unknown', string>> = {
  postgres: '[public]',
  mysql: '[] # default: the database in the URL',
  sqlite: '[main]',
  unknown: '[] # default: public (PostgreSQL), the URL\'s database (MySQL), main (SQLite)',
};

function starter(format: InitFlags['format'], dialect: DialectName | null): string {
  const schemas = SCHEMAS_HINT[dialect ?? 'unknown'];
  if (format === 'json') {
    return `${JSON.stringify({ version: CURRENT_CONFIG_VERSION, database: { url: '${DATABASE_URL}' }, snapshot: '.crudgen/snapshot.json', output: { dir: 'src/db', runtime: 'import' } }, null, 2)}\n`;
  }
  if (format === 'ts') {
    return `import { defineConfig } from 'crudgen';

export default defineConfig({
  // The URL stays in the environment; crudgen reads it when it runs.
  database: { url: '\${DATABASE_URL}' },
  snapshot: '.crudgen/snapshot.json',
  output: { dir: 'src/db', runtime: 'import' },
});
`;
  }
  return `# crudgen configuration. \`crudgen config print\` shows it as crudgen reads it.
version: ${CURRENT_CONFIG_VERSION}

database:
  # The URL stays in the environment (or a .env file); crudgen reads it when it runs.
  url: \${DATABASE_URL}

# Schemas (namespaces) to read.
# schemas: ${schemas}

# Tables and views to read or leave out: globs over name or schema.name.
# include: []
# exclude: ["*_archive"]

snapshot: .crudgen/snapshot.json

output:
  dir: src/db
  runtime: import # or "copy": the runtime's files next to the generated code

naming:
  properties: preserve # as the database spells them; or camelCase (queries then need Kysely's CamelCasePlugin)
  singularClassNames: true

# Per-table settings:
# tables:
#   users:
#     idStrategy: uuid_v7 # auto, database, uuid_v4, uuid_v7, ulid, cuid2, nanoid, manual
#     versionColumn: version
#     softDeleteColumn: deleted_at

runtime:
  statementTimeoutMs: 10000

# Overlays chosen by --env, CRUDGEN_ENV or NODE_ENV.
env:
  development:
    runtime:
      mode: development
  production:
    runtime:
      pool:
        max: 20
`;
}
