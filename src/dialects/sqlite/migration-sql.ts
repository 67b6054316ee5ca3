import type { Change, ObjectName } from '../../diff/changes.js';
import { guide, step, type MigrationContext, type MigrationGuide, type MigrationStep, type MigrationWriter } from '../dialect.js';
import type { Column, ForeignKey, Schema, Table, View } from '../../schema/model.js';
import { columnDefinition, createIndex, createTable, createView, defaultValue, isConstantDefault, namesIn, objectRef, rebuildSteps, referencesClause, viewsNaming, violations } from './ddl.js';
import { foldName } from './sql-tokens.js';
import { dependencyOrder } from '../dependency-order.js';
import { doubleQuoted as q } from '../quoting.js';
import { atLeast } from '../version.js';

type TableChange = Exclude<Extract<Change, { readonly table: ObjectName }>, { kind: 'table_added' | 'table_dropped' | 'table_renamed' }>;
type Dropped = Extract<Change, { kind: 'table_dropped' }>;
type ColumnRenamed = Extract<Change, { kind: 'column_renamed' }>;

// Guides run in this order: views that go away or change are dropped before anything else (a new
// table may take a dropped view's name; a rename or rebuild fails while a view is broken) and
// created last, when what they select from exists; destructive drops come last.
const PHASES = ['viewDrops', 'newTables', 'renames', 'indexDrops', 'inPlace', 'rebuilds', 'indexCreates', 'viewCreates', 'tableDrops', 'nothing'] as const;
type Phase = (typeof PHASES)[number];

interface Writer {
  readonly context: MigrationContext;
  readonly atLeast: (major: number, minor: number) => boolean;
  add(phase: Phase, guide: MigrationGuide): void;
}

const key = (object: ObjectName): string => `${object.namespace}.${object.name}`;
const has = (names: readonly string[], name: string): boolean => names.some((item) => foldName(item) === foldName(name));
const MUST_BE_ZERO = 'validate: must be 0; fix those rows first';
const MUST_BE_EMPTY = 'validate: must return no rows';
const tableIn = (schema: Schema, name: ObjectName): Table | undefined => schema.tables.find((table) => key(table) === key(name));
const ref = (table: ObjectName): string => objectRef(table.namespace, table.name);

/**
 * SQLite's migration writer. SQLite alters in place only renames, ADD COLUMN, DROP COLUMN (3.35)
 * and, from 3.53, NOT NULL and dropping a named CHECK; everything else about a table is its documented
 * rebuild (lang_altertable.html#otheralter), written once per table for all of its changes.
 */
export const sqliteMigrations: MigrationWriter = {
  guide(changes, context) {
    const phases = new Map<Phase, MigrationGuide[]>(PHASES.map((phase) => [phase, []]));
    const writer: Writer = {
      context,
      atLeast: (major, minor) => atLeast(context.server.version, major, minor),
      add: (phase, item) => phases.get(phase)?.push(item),
    };
    const tables = new Map<string, TableChange[]>();
    const views = new Map<string, Change[]>();
    const oldNames = new Map<string, ObjectName>();
    const dropped: Dropped[] = [];
    for (const change of changes) {
      switch (change.kind) {
        case 'table_added': {
          const table = tableIn(context.to, change.table) as Table;
          writer.add('newTables', guide([change], [step(createTable(table)), ...table.indexes.map((index) => step(createIndex(table.namespace, table.name, index)))]));
          break;
        }
        case 'table_renamed':
          oldNames.set(key(change.table), change.from);
          writer.add('renames', renameTable(change, writer));
          break;
        case 'table_dropped':
          dropped.push(change);
          break;
        case 'view_added': case 'view_dropped': case 'view_definition_changed': case 'view_column_added': case 'view_column_dropped': case 'view_column_type_changed':
          views.set(key(change.view), [...(views.get(key(change.view)) ?? []), change]);
          break;
        case 'enum_added': case 'enum_dropped': case 'enum_values_added': case 'enum_values_removed': case 'domain_added': case 'domain_dropped': case 'domain_changed':
          writer.add('nothing', guide([change], [], ['SQLite has no enum types or domains: nothing to write.']));
          break;
        case 'comment_changed':
          writer.add('nothing', guide([change], [], ['SQLite keeps no comments: nothing to write.']));
          break;
        default:
          tables.set(key(change.table), [...(tables.get(key(change.table)) ?? []), change]);
      }
    }
    const handledViews = writeViews(views, writer);
    for (const [name, group] of tables) {
      const first = group[0] as TableChange;
      const from = tableIn(context.from, oldNames.get(name) ?? first.table) as Table;
      writeTable(group, from, tableIn(context.to, first.table) as Table, handledViews, writer);
    }
    writeDrops(dropped, writer);
    return PHASES.flatMap((phase) => phases.get(phase) ?? []);
  },
};

/** A table's changes: in place where SQLite can, otherwise all of them in one rebuild. */
function writeTable(group: readonly TableChange[], from: Table, to: Table, handledViews: ReadonlySet<string>, writer: Writer): void {
  const { atLeast } = writer;
  const table = ref(to);
  const addable = (column: Column): boolean => {
    const value = column.default?.raw ?? null;
    return column.identity === null && column.generated?.storage !== 'stored' && !has(to.primaryKey?.columns ?? [], column.name) &&
      !to.uniqueConstraints.some((unique) => has(unique.columns, column.name)) && (value === null || isConstantDefault(value)) &&
      (column.nullable || (value !== null && value.toLowerCase() !== 'null'));
  };
  const mentions = (sql: string, column: string): boolean => namesIn(sql).has(foldName(column));
  // The refusals lang_altertable.html lists for DROP COLUMN; a check or generated column that may name it counts.
  const droppable = (column: Column): boolean => atLeast(3, 35) && column.generated?.storage !== 'stored' &&
    !has(from.primaryKey?.columns ?? [], column.name) && !from.uniqueConstraints.some((unique) => has(unique.columns, column.name)) &&
    !from.foreignKeys.some((fk) => has(fk.columns, column.name)) && !from.checks.some((check) => mentions(check.expression, column.name)) &&
    !from.columns.some((other) => other.generated !== null && mentions(other.generated.expression, column.name)) &&
    !writer.context.from.tables.some((other) => other.foreignKeys.some((fk) => foldName(fk.references.table) === foldName(from.name) && has(fk.references.columns, column.name)));
  // A new nullable column's one foreign key can ride on its ADD COLUMN (SQLite wants a NULL default for it).
  const inlineKey = (column: Column): ForeignKey | undefined => {
    const keys = group.flatMap((change) => (change.kind === 'foreign_key_added' && change.foreignKey.columns.length === 1 && change.foreignKey.columns[0] === column.name ? [change.foreignKey] : []));
    return keys.length === 1 && column.default === null && addable(column) ? keys[0] : undefined;
  };
  const inKey = (column: string): boolean => has(to.primaryKey?.columns ?? [], column) || has(from.primaryKey?.columns ?? [], column);
  const needsRebuild = (change: TableChange): boolean => {
    switch (change.kind) {
      case 'column_renamed': return !atLeast(3, 25);
      case 'column_added': return !addable(change.column);
      case 'column_dropped': return !droppable(change.column);
      case 'foreign_key_added': return group.every((other) => other.kind !== 'column_added' || inlineKey(other.column) !== change.foreignKey);
      case 'column_nullability_changed': return !atLeast(3, 53) || inKey(change.column);
      // 3.53's ADD CHECK refuses existing rows where the check is NULL, which a CHECK accepts: rebuild instead.
      case 'check_added': return true;
      case 'check_dropped': return !atLeast(3, 53) || change.check.name === null;
      case 'index_added': case 'index_dropped': return false;
      default: return true;
    }
  };

  const renamedInPlace: ColumnRenamed[] = atLeast(3, 25) ? group.filter((change) => change.kind === 'column_renamed') : [];
  for (const change of renamedInPlace) {
    writer.add('renames', guide([change], [step(`ALTER TABLE ${table} RENAME COLUMN ${q(change.from)} TO ${q(change.column.name)};`)],
      [`Renaming is instant and SQLite updates the indexes, views, triggers and foreign keys that name ${q(change.from)}; running code that still uses the old name fails.`],
      [
        step(`ALTER TABLE ${table} ADD COLUMN ${columnDefinition({ ...change.column, nullable: true })};`, `expand: add ${q(change.column.name)} beside ${q(change.from)}; deploy code that writes both`),
        step(`UPDATE ${table} SET ${q(change.column.name)} = ${q(change.from)} WHERE ${q(change.column.name)} IS NOT ${q(change.from)};`, 'backfill the rows written before (in batches on a large table); then switch reads to the new column'),
        step(`ALTER TABLE ${table} DROP COLUMN ${q(change.from)};`, 'contract: once no deployed code uses the old column'),
      ]));
  }
  const rest = group.filter((change) => change.kind !== 'column_renamed' || !renamedInPlace.includes(change));
  if (rest.some(needsRebuild)) {
    writer.add('rebuilds', rebuild(rest, from, to, renamedInPlace, handledViews, writer));
    return;
  }
  for (const change of rest) {
    switch (change.kind) {
      case 'column_added': {
        const fk = inlineKey(change.column);
        const covered = fk === undefined ? [change] : [change, ...rest.filter((other) => other.kind === 'foreign_key_added' && other.foreignKey === fk)];
        writer.add('inPlace', guide(covered, [step(`ALTER TABLE ${table} ADD COLUMN ${columnDefinition(change.column)}${fk === undefined ? '' : ` ${referencesClause(fk)}`};`)],
          ['ADD COLUMN changes only the schema: existing rows are not rewritten and read the default.']));
        break;
      }
      case 'column_dropped': {
        const sql = `ALTER TABLE ${table} DROP COLUMN ${q(change.column.name)};`;
        writer.add('inPlace', guide([change], [step(sql)], [`DROP COLUMN rewrites every row of ${table} and holds the write lock meanwhile.`],
          [step(sql, `contract: once no deployed code reads or writes ${q(change.column.name)}`)]));
        break;
      }
      case 'column_nullability_changed': {
        const sql = `ALTER TABLE ${table} ALTER COLUMN ${q(change.column)} ${change.nullable ? 'DROP' : 'SET'} NOT NULL;`;
        writer.add('inPlace', change.nullable
          ? guide([change], [step(sql)])
          : guide([change], [step(sql)], [`SET NOT NULL reads every row of ${table} and fails, changing nothing, if one holds NULL.`], [...backfill(table, change.to), step(sql)]));
        break;
      }
      case 'check_dropped':
        writer.add('inPlace', guide([change], [step(`ALTER TABLE ${table} DROP CONSTRAINT ${q(change.check.name ?? '')};`)]));
        break;
      case 'index_dropped':
        writer.add('indexDrops', guide([change], [step(`DROP INDEX ${objectRef(to.namespace, change.index.name)};`)]));
        break;
      case 'index_added': {
        const sql = createIndex(to.namespace, to.name, change.index);
        const columns = change.index.parts.flatMap((part) => (part.column === null ? [] : [part.column]));
        const unique = change.index.unique && columns.length === change.index.parts.length;
        writer.add('indexCreates', guide([change], [step(sql)], [`Building the index reads all of ${table} and holds the write lock meanwhile${change.index.unique ? '; it fails if rows repeat a value' : ''}.`],
          unique ? [step(violations.duplicates(table, columns), MUST_BE_EMPTY), step(sql)] : []));
        break;
      }
      default: // Only the foreign keys that ride on an ADD COLUMN are left, and that guide covers them.
    }
  }
}

/** The rebuild's guide: the twelve steps for every change of one table, and the rollout when rows must change first. */
function rebuild(group: readonly TableChange[], from: Table, to: Table, renamedInPlace: readonly ColumnRenamed[], handledViews: ReadonlySet<string>, writer: Writer): MigrationGuide {
  const table = ref(to);
  const inPlace = new Map(renamedInPlace.map((change) => [change.from, change.column.name]));
  const folded = new Map(group.flatMap((change) => (change.kind === 'column_renamed' ? [[change.column.name, change.from] as const] : [])));
  const present = new Set(from.columns.map((column) => inPlace.get(column.name) ?? column.name));
  const source = (column: Column): string | null => folded.get(column.name) ?? (present.has(column.name) ? column.name : null);
  const names = new Set([foldName(from.name), foldName(to.name)]);
  const dependents = viewsNaming(names, writer.context.from.views.filter((view) => !handledViews.has(key(view))));
  const steps = rebuildSteps(from, to, source, dependents, writer.context);

  const rollout: MigrationStep[] = [];
  const warnings = [
    `Rebuilding ${table} copies every row into a new table and holds the write lock until it is done: other writers wait or get SQLITE_BUSY meanwhile.`,
    'Foreign keys are not enforced during the rebuild; PRAGMA foreign_keys works only outside a transaction, so run those two steps on their own, and stop if PRAGMA foreign_key_check returns rows.',
    `Triggers on ${table} are dropped with the old table and are not in the schema model: recreate them after the rebuild.`,
  ];
  if (dependents.length > 0) warnings.push(`Views that use ${table} (${dependents.map((view) => q(view.name)).join(', ')}) are dropped before the rebuild and created again after it.`);
  const expanded = new Set<string>();
  for (const change of group) {
    if (change.kind === 'column_added' && !change.column.nullable && change.column.default === null && change.column.generated === null && change.column.identity === null) {
      expanded.add(change.column.name);
      warnings.push(`${table}.${q(change.column.name)} is NOT NULL without a default: copying fails while ${table} has rows; follow the rollout.`);
      rollout.push(step(`ALTER TABLE ${table} ADD COLUMN ${columnDefinition({ ...change.column, nullable: true })};`, `expand: add ${q(change.column.name)} nullable; deploy code that writes it on every insert`));
      rollout.push(...backfill(table, change.column));
    } else if (change.kind === 'column_nullability_changed' && !change.nullable) {
      rollout.push(...backfill(table, change.to));
    } else if (change.kind === 'unique_added') {
      rollout.push(step(violations.duplicates(table, change.unique.columns), MUST_BE_EMPTY));
    } else if (change.kind === 'check_added') {
      rollout.push(step(violations.check(table, change.check.expression), MUST_BE_ZERO));
    } else if (change.kind === 'foreign_key_added') {
      rollout.push(step(violations.orphans(table, change.foreignKey), 'validate: must be 0 (rows whose key has no parent)'));
    } else if (change.kind === 'column_type_changed') {
      warnings.push(typeWarning(table, change.from, change.to, to, writer));
    }
  }
  if (rollout.length > 0) {
    warnings.push('Copying fails, and changes nothing, if existing rows break a new NOT NULL, UNIQUE, CHECK or foreign key: the rollout finds them first.');
    const contract = rebuildSteps(from, to, (column) => source(column) ?? (expanded.has(column.name) ? column.name : null), dependents, writer.context);
    rollout.push(...contract.map((item, index) => (index === 0 ? { ...item, comment: `contract: rebuild once every row fits the new table; ${item.comment ?? ''}` } : item)));
  }
  return guide(group, steps, warnings, rollout);
}

function typeWarning(table: string, from: Column, to: Column, target: Table, writer: Writer): string {
  const column = `${table}.${q(to.name)}`;
  if (from.affinity === to.affinity && !writer.context.capabilities.enforcesDeclaredSizes) {
    return `SQLite does not enforce declared lengths or precision: ${column} from ${from.nativeType || 'no type'} to ${to.nativeType || 'no type'} changes the declaration, not the stored values.`;
  }
  return `Copying converts ${column} to ${to.affinity ?? 'its new'} affinity where no information is lost; other values are kept as they were${target.traits.includes('strict') ? ', which this STRICT table refuses' : ''}.`;
}

/** Backfill and validate a column that must hold no NULL: from its default, or a value the user binds. */
function backfill(table: string, column: Column): MigrationStep[] {
  const name = q(column.name);
  const value = column.default !== null ? defaultValue(column.default.raw) : /^[A-Za-z_]\w*$/.test(column.name) ? `:${column.name}` : '?';
  return [
    step(`UPDATE ${table} SET ${name} = ${value} WHERE ${name} IS NULL;`, column.default !== null ? 'backfill from the default (in batches on a large table)' : `backfill: bind ${value} to the value existing rows should get (in batches on a large table)`),
    step(violations.nulls(table, column.name), 'validate: must be 0'),
  ];
}

function renameTable(change: Extract<Change, { kind: 'table_renamed' }>, writer: Writer): MigrationGuide {
  const table = tableIn(writer.context.to, change.table) as Table;
  const columns = table.columns.filter((column) => column.generated === null).map((column) => q(column.name)).join(', ');
  return guide([change], [step(`ALTER TABLE ${ref(change.from)} RENAME TO ${q(change.table.name)};`)],
    [`Renaming is instant and SQLite updates the indexes, views, triggers and foreign keys that name ${q(change.from.name)}; running code that still uses the old name fails.`],
    [
      step(createTable(table), `expand: the new table beside ${q(change.from.name)}; deploy code that writes both`),
      ...table.indexes.map((index) => step(createIndex(table.namespace, table.name, index))),
      step(`INSERT OR IGNORE INTO ${ref(table)} (${columns}) SELECT ${columns} FROM ${ref(change.from)};`, 'backfill the rows written before; then switch reads to the new table'),
      step(`DROP TABLE ${ref(change.from)};`, 'contract: once no deployed code uses the old table'),
    ]);
}

/**
 * Views whose definition or columns change are dropped first and created last, with the views
 * built on them; returns the views so handled, which a rebuild need not drop again.
 */
function writeViews(groups: ReadonlyMap<string, readonly Change[]>, writer: Writer): Set<string> {
  const { from, to } = writer.context;
  const find = (views: readonly View[], name: string): View | undefined => views.find((view) => key(view) === name);
  const handled = new Set<string>();
  const changing = [...groups].filter(([, group]) => group.some((change) => change.kind !== 'view_column_type_changed'));
  for (const [name, group] of groups) {
    if (!changing.some(([other]) => other === name)) writer.add('nothing', guide(group, [], ['SQLite views take their column types from their tables: nothing to write.']));
  }
  for (const [name] of changing) if (find(from.views, name) !== undefined) handled.add(name);
  const creates: Array<{ view: View; group: readonly Change[] }> = [];
  const drops: Array<{ view: View; group: readonly Change[] }> = [];
  for (const [name, group] of changing) {
    const old = find(from.views, name);
    const followers = old === undefined ? [] : viewsNaming(new Set([foldName(old.name)]), from.views.filter((view) => !handled.has(key(view))));
    for (const view of followers) handled.add(key(view));
    if (old !== undefined) drops.push({ view: old, group });
    for (const view of [find(to.views, name), ...followers.map((view) => find(to.views, key(view)))]) if (view !== undefined) creates.push({ view, group });
    for (const follower of followers) drops.push({ view: follower, group });
  }
  const ordered = (items: typeof creates) => {
    const reads = new Map(items.map((item) => [item, namesIn(item.view.definition ?? '')]));
    return dependencyOrder(items, (item, other) => reads.get(item)?.has(foldName(other.view.name)) === true);
  };
  for (const { view, group } of ordered(drops).reverse()) writer.add('viewDrops', guide(group, [step(`DROP VIEW ${ref(view)};`, find(to.views, key(view)) === undefined ? undefined : 'created again at the end, after the tables change')]));
  for (const { view, group } of ordered(creates)) writer.add('viewCreates', guide(group, [step(createView(view))]));
  return handled;
}

/** Dropped tables, the ones holding foreign keys before the tables they reference. */
function writeDrops(dropped: readonly Dropped[], writer: Writer): void {
  const tables = dropped.map((change) => ({ change, table: tableIn(writer.context.from, change.table) as Table }));
  // A referenced table waits for the tables whose foreign keys name it.
  const referencedBy = (item: (typeof tables)[number], other: (typeof tables)[number]): boolean =>
    other.table.foreignKeys.some((fk) => foldName(fk.references.table) === foldName(item.table.name));
  for (const { change, table } of dependencyOrder(tables, referencedBy)) {
    const sql = `DROP TABLE ${ref(table)};`;
    writer.add('tableDrops', guide([change], [step(sql)], [`DROP TABLE deletes every row of ${ref(table)}; with foreign keys on, it fails while rows of other tables reference them.`],
      [step(sql, `contract: once no deployed code uses ${ref(table)}; keep a backup if its rows may be wanted`)]));
  }
}
