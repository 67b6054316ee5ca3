import { z } from 'zod';
import type { ClassifiedChange } from './classify.js';
import type { Evidence } from './evidence.js';
import type { RenameCandidate } from './renames.js';
import { LEVELS, levelRank, type Level } from './rules.js';

/**
 * The `--json` report of `crudgen diff`, a public format: `formatVersion` changes whenever a field
 * changes meaning or goes away (new optional fields do not). docs/diff-report.schema.json is
 * generated from this schema, and the tests keep the two equal.
 */
export const DIFF_REPORT_VERSION = 1;

const level = z.enum(LEVELS);
const side = z
  .strictObject({
    source: z.string().describe('The snapshot file, or the database URL with its password masked.'),
    kind: z.enum(['snapshot', 'database']).describe('A snapshot file, or a database read for this diff.'),
    dialect: z.string().describe('postgres, mysql or sqlite.'),
    server: z.strictObject({ flavour: z.string(), version: z.string() }).describe('The server the schema was read from.'),
  })
  .describe('One side of the comparison.');

const step = z.strictObject({
  sql: z.string(),
  transactional: z.boolean().describe('False when the statement may not run inside a transaction block.'),
  comment: z.string().optional(),
});

export const diffReport = z.strictObject({
  formatVersion: z.literal(DIFF_REPORT_VERSION).describe('Changes when a field changes meaning or goes away.'),
  from: side.describe('The old schema.'),
  to: side.describe('The new schema.'),
  summary: z.strictObject({
    total: z.number().int().nonnegative(),
    highest: level.nullable().describe('The highest level of any change, or null when the schemas are equal.'),
    safe: z.number().int().nonnegative(),
    'data-dependent': z.number().int().nonnegative(),
    breaking: z.number().int().nonnegative(),
    destructive: z.number().int().nonnegative(),
  }),
  changes: z.array(
    z.strictObject({
      code: z.string().describe('The diagnostic code (docs/diff.md), stable across versions.'),
      level,
      kind: z.string().describe('The kind of change in the diff core, e.g. column_dropped.'),
      object: z.string().describe('What changed: table, table.column, view, enum or domain.'),
      message: z.string().describe('One line for people.'),
      reason: z.string().describe('Why the change has its level.'),
      evidence: z
        .strictObject({
          rows: z.number().int().nonnegative().describe('Rows in the table.'),
          affected: z.number().int().nonnegative().nullable().describe('Rows or values the change loses or trips over.'),
          text: z.string(),
        })
        .nullable()
        .describe('Counted on the live database that holds the old schema; null without one.'),
    }),
  ).describe('In diff order: tables, views, enums, domains, each kind by name (those of the old schema first, then those only the new one has); within a table by column.'),
  renameCandidates: z.array(
    z.strictObject({
      kind: z.enum(['table', 'column']),
      from: z.string(),
      to: z.string(),
      score: z.number().min(0).max(1).describe('From name similarity, type equality and position (columns) or shared columns (tables).'),
      confirm: z.string().describe('The flag that confirms it.'),
    }),
  ).describe('Drops and adds that may be renames: never assumed, confirmed with --rename or the config\'s renames.'),
  api: z
    .strictObject({
      files: z
        .strictObject({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()) })
        .describe('Generated files, as paths inside the output folder.'),
      changes: z.array(z.strictObject({ breaking: z.boolean(), message: z.string() })).describe('Public members of the generated code that appear, go or change.'),
    })
    .nullable()
    .describe('What the changes do to the generated code, from planning it for both schemas; null when nothing changed.'),
  migration: z
    .strictObject({
      dialect: z.string(),
      server: z.strictObject({ flavour: z.string(), version: z.string() }).describe('The server of the old side, which the SQL is written for.'),
      script: z.string().describe('Every step in order, as one SQL script.'),
      guides: z.array(
        z.strictObject({
          changes: z.array(z.number().int().nonnegative()).describe('Indexes into `changes` of the changes this guide makes (a table rebuild makes several).'),
          steps: z.array(step).describe('The statements that make the changes as they are.'),
          rollout: z.array(step).describe('For breaking and data-dependent changes: the rollout that keeps the application and the rows working (expand, backfill, validate, contract).'),
          warnings: z.array(z.string()).describe('Locks, table rewrites, and which ALTERs run in place on this server.'),
        }),
      ),
    })
    .nullable()
    .describe('The SQL that takes the old schema to the new one, in the old side\'s dialect and server version; null when nothing changed.'),
});

export type DiffReport = z.infer<typeof diffReport>;
/** What a schema change does to the generated code (see `src/operations/api-impact.ts`). */
export type ApiImpact = NonNullable<DiffReport['api']>;
export type DiffSide = z.infer<typeof side>;

export function buildReport(from: DiffSide, to: DiffSide, changes: readonly ClassifiedChange[], evidence: ReadonlyMap<ClassifiedChange, Evidence>, candidates: readonly RenameCandidate[], api: ApiImpact | null, migration: DiffReport['migration']): DiffReport {
  const counts = { safe: 0, 'data-dependent': 0, breaking: 0, destructive: 0 } satisfies Record<Level, number>;
  for (const change of changes) counts[change.level] += 1;
  return {
    formatVersion: DIFF_REPORT_VERSION,
    from,
    to,
    summary: { total: changes.length, highest: highestLevel(changes), ...counts },
    changes: changes.map((change) => ({
      code: change.code,
      level: change.level,
      kind: change.change.kind,
      object: change.object,
      message: change.message,
      reason: change.reason,
      evidence: evidence.get(change) ?? null,
    })),
    renameCandidates: candidates.map((candidate) => ({ ...candidate, confirm: `--rename ${candidate.from}=${candidate.to}` })),
    api,
    migration,
  };
}

function highestLevel(changes: readonly { readonly level: Level }[]): Level | null {
  let highest: Level | null = null;
  for (const change of changes) if (highest === null || levelRank(change.level) > levelRank(highest)) highest = change.level;
  return highest;
}

/** The JSON Schema of the report, for docs/diff-report.schema.json. */
export function diffReportJsonSchema(): unknown {
  return { ...z.toJSONSchema(diffReport), title: 'crudgen diff --json report' };
}
