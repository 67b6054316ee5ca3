import type { Kysely } from 'kysely';
import type { GenerationSettings } from '../config/schema.js';
import { classifyChanges, type RuleSetting } from '../diff/classify.js';
import { diffSchemas } from '../diff/diff-schemas.js';
import { gatherEvidence, type Evidence } from '../diff/evidence.js';
import { renameCandidates, resolveRenames } from '../diff/renames.js';
import { buildReport, type DiffReport, type DiffSide } from '../diff/report.js';
import type { Change, ObjectName } from '../diff/changes.js';
import type { MigrationStep } from '../dialects/dialect.js';
import { migrationScript } from '../diff/migration-script.js';
import { loadDialect } from '../dialects/registry.js';
import type { ClassifiedChange } from '../diff/classify.js';
import { createDatabase } from '../runtime/database.js';
import { apiImpact } from './api-impact.js';
import { CrudgenError } from '../runtime/errors/crudgen-error.js';
import { redact } from '../runtime/redact.js';
import type { Snapshot } from '../snapshot/version.js';

/** One side of a diff: a snapshot, and the database it was read from when it is live. */
export interface DiffSource {
  readonly snapshot: Snapshot;
  /** The file, or the database URL (masked before it is shown). */
  readonly source: string;
  /** Set when the snapshot was just read from this database. */
  readonly url?: string;
}

export interface DiffInput {
  readonly from: DiffSource;
  readonly to: DiffSource;
  /** Confirmed renames, old → new (see `resolveRenames`). */
  readonly renames?: readonly (readonly [string, string])[];
  /** Levels per diagnostic code, or `off`. */
  readonly rules?: Readonly<Partial<Record<string, RuleSetting>>>;
  /** Count rows on the `from` database when it is live (default true). */
  readonly evidence?: boolean;
  /** The project's settings, for the generated-API impact (naming, overrides, id strategies). */
  readonly settings?: GenerationSettings;
}

/**
 * Compares two schemas: the typed changes, classified, with rename candidates, and — when the
 * `from` side is a live database, which still holds the data the changes touch — counted evidence.
 * Prints nothing; throws `CrudgenError`s.
 */
export async function diff(input: DiffInput): Promise<DiffReport> {
  const { from, to } = input;
  if (from.snapshot.dialect !== to.snapshot.dialect) {
    throw new CrudgenError('DIFF_DIALECTS_DIFFER', `Cannot compare a ${from.snapshot.dialect} schema (${redact(from.source)}) with a ${to.snapshot.dialect} one (${redact(to.source)}).`, {
      details: { from: from.snapshot.dialect, to: to.snapshot.dialect },
    });
  }
  const namespaces = new Set([...from.snapshot.schema.namespaces, ...to.snapshot.schema.namespaces]);
  const single = namespaces.size === 1 ? [...namespaces][0] ?? null : null;
  const display = (namespace: string, name: string): string => (namespace === single ? name : `${namespace}.${name}`);
  const renames = resolveRenames(input.renames ?? [], from.snapshot.schema, to.snapshot.schema, single);
  const changes = diffSchemas(from.snapshot.schema, to.snapshot.schema, renames);
  const classified = classifyChanges(changes, (object: ObjectName) => display(object.namespace, object.name), input.rules);
  const candidates = renameCandidates(changes, display);
  let evidence: ReadonlyMap<ClassifiedChange, Evidence> = new Map();
  if (from.url !== undefined && input.evidence !== false && classified.some((change) => change.level !== 'safe')) {
    const database = createDatabase<unknown>({ url: from.url, mode: 'production', monitoring: false, pool: { max: 1 } });
    try {
      evidence = await gatherEvidence(database.kysely as Kysely<unknown>, classified, from.snapshot.schema, from.snapshot.capabilities, renames);
    } finally {
      await database.close();
    }
  }
  const impact = classified.length === 0 ? null : apiImpact(from.snapshot, to.snapshot, input.settings ?? {}, renames);
  const migration = changes.length === 0 ? null : await migrationFor(changes, classified, from.snapshot, to.snapshot);
  return buildReport(side(from), side(to), classified, evidence, candidates, impact, migration);
}

/**
 * The SQL that takes `from` to `to`, written by the dialect for the old side's server. Every
 * change is migrated, also those a project switched off in the report.
 */
async function migrationFor(changes: readonly Change[], classified: readonly ClassifiedChange[], from: Snapshot, to: Snapshot): Promise<DiffReport['migration']> {
  const dialect = await loadDialect(from.dialect);
  const guides = dialect.migrations.guide(changes, { server: from.server, capabilities: from.capabilities, from: from.schema, to: to.schema });
  const index = new Map(classified.map((change, position) => [change.change, position]));
  return {
    dialect: from.dialect,
    server: from.server,
    script: migrationScript(guides),
    guides: guides.map((guide) => ({
      changes: guide.changes.flatMap((change) => (index.has(change) ? [index.get(change) as number] : [])),
      steps: guide.steps.map(plainStep),
      rollout: guide.rollout.map(plainStep),
      warnings: [...guide.warnings],
    })),
  };
}

function plainStep(step: MigrationStep): { sql: string; transactional: boolean; comment?: string } {
  return { sql: step.sql, transactional: step.transactional, ...(step.comment === undefined ? {} : { comment: step.comment }) };
}

function side(source: DiffSource): DiffSide {
  return { source: redact(source.source), kind: source.url === undefined ? 'snapshot' : 'database', dialect: source.snapshot.dialect, server: source.snapshot.server };
}
