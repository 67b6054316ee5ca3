import type { Change, ObjectName } from '../../diff/changes.js';
import { guide, manual, step, type MigrationContext, type MigrationGuide, type MigrationWriter } from '../dialect.js';
import type { ForeignKey, Table } from '../../schema/model.js';
import { groupBy } from '../../util/group-by.js';
import { dependencyOrder } from '../dependency-order.js';
import { alterClauses, createTable, ddlTarget, foreignKeyDefinition, ident, tableName, type Clause, type DdlTarget } from './ddl.js';
import { alterSql, changeWarnings, costWarning, ddl, orphans, tableRollout } from './rollout.js';

/**
 * MySQL / MariaDB migrations. Guides come in phases, so that every statement finds what it needs:
 * views that change are dropped, tables renamed, foreign keys in the way dropped, then dropped
 * tables (children first: foreign key names are unique per database, and a table dropped and one
 * created under another name may share them); new tables created, each changed table altered in
 * one statement; foreign keys added once every table and key exists; views (re)created last.
 */
export const mysqlMigrations: MigrationWriter = {
  guide(changes, context) {
    const plan = planOf(changes, context);
    const keys = foreignKeyWork(plan, changes);
    return [
      ...dropViews(plan, changes),
      ...changes.flatMap((change) => (change.kind === 'table_renamed' ? [renameTable(plan, change)] : [])),
      ...[...keys.drops.values()].map((work) => dropForeignKeys(plan, work)),
      ...dropTables(plan, changes),
      ...changes.flatMap((change) => (change.kind === 'table_added' ? [guide([change], [ddl(createTable(plan.target, plan.after(change.table)))])] : [])),
      ...alterTables(plan, changes),
      ...[...keys.adds.values()].map((work) => addForeignKeys(plan, work)),
      ...createViews(plan, changes),
      ...changes.flatMap((change) => unsupported(change)),
    ];
  },
};

interface Plan {
  readonly target: DdlTarget;
  readonly context: MigrationContext;
  /** "MariaDB 10.11.19", for warnings. */
  readonly server: string;
  before(table: ObjectName): Table;
  after(table: ObjectName): Table;
  /** A table's name before the migration, by its name after; and the reverse. */
  readonly oldName: Map<string, ObjectName>;
  readonly newName: Map<string, ObjectName>;
}

const key = (object: ObjectName): string => `${object.namespace}\0${object.name}`;

function planOf(changes: readonly Change[], context: MigrationContext): Plan {
  const oldName = new Map<string, ObjectName>();
  const newName = new Map<string, ObjectName>();
  for (const change of changes) {
    if (change.kind !== 'table_renamed') continue;
    oldName.set(key(change.table), change.from);
    newName.set(key(change.from), change.table);
  }
  const finder = (tables: readonly Table[]) => {
    const byKey = new Map(tables.map((table) => [key(table), table]));
    return (table: ObjectName): Table => {
      const found = byKey.get(key(table));
      // Changes and schemas come from one diff; a miss is a caller's bug, not a user's error.
      if (found === undefined) throw new TypeError(`The MySQL migration writer has no table ${table.namespace}.${table.name} in its schemas.`);
      return found;
    };
  };
  const target = ddlTarget(context);
  const before = finder(context.from.tables);
  return {
    target,
    context,
    server: `${target.mariadb ? 'MariaDB' : 'MySQL'} ${target.version}`,
    before: (table) => before(oldName.get(key(table)) ?? table),
    after: finder(context.to.tables),
    oldName,
    newName,
  };
}

// Changes with phases of their own; the rest of a table's changes go into its one ALTER TABLE.
const OWN_PHASE = new Set<Change['kind']>(['table_added', 'table_dropped', 'table_renamed', 'foreign_key_added', 'foreign_key_dropped', 'foreign_key_changed']);

/** The existing table whose ALTER TABLE makes this change, if any. */
function alteredTable(change: Change): ObjectName | null {
  if (change.kind === 'comment_changed') return change.target === 'table' || change.target === 'column' ? change.object : null;
  return 'table' in change && !OWN_PHASE.has(change.kind) ? change.table : null;
}

function alterTables(plan: Plan, changes: readonly Change[]): MigrationGuide[] {
  const own = changes.filter((change) => alteredTable(change) !== null);
  return [...groupBy(own, (change) => key(alteredTable(change) as ObjectName)).values()].map((group) => {
    const after = plan.after(alteredTable(group[0] as Change) as ObjectName);
    const before = plan.before(after);
    const name = tableName(plan.target, after);
    const clauses = alterClauses(plan.target, group, before, after);
    const steps = clauses.length === 0 ? [] : [ddl(alterSql(name, clauses))];
    const warnings: (string | null)[] = [];
    for (const change of group) {
      if (change.kind !== 'table_traits_changed') continue;
      // System versioning is the one trait an ALTER TABLE switches (MariaDB); the others need a rebuild by hand.
      for (const trait of change.to.filter((item) => !change.from.includes(item))) {
        if (trait === 'system_versioned') {
          steps.push(ddl(`ALTER TABLE ${name} ADD SYSTEM VERSIONING;`));
          warnings.push(`ADD SYSTEM VERSIONING copies ${name} (ALGORITHM=COPY): writes wait until it ends.`);
        } else warnings.push(`${name} cannot become ${trait} by ALTER TABLE here; rebuild it by hand.`);
      }
      for (const trait of change.from.filter((item) => !change.to.includes(item))) {
        if (trait === 'system_versioned') {
          steps.push(ddl(`ALTER TABLE ${name} DROP SYSTEM VERSIONING;`));
          warnings.push(`DROP SYSTEM VERSIONING deletes the history rows of ${name}.`);
        } else warnings.push(`${name} cannot stop being ${trait} by ALTER TABLE here; rebuild it by hand.`);
      }
    }
    const related = after.foreignKeys.length > 0 || plan.context.to.tables.some((other) => other.foreignKeys.some((fk) => fk.references.table === after.name && fk.references.namespace === after.namespace));
    warnings.push(...changeWarnings(group, name, after), costWarning(plan.server, name, clauses, related));
    return guide(group, steps, warnings.filter((warning): warning is string => warning !== null), tableRollout(plan.target, group, before, after));
  });
}

function renameTable(plan: Plan, change: Extract<Change, { kind: 'table_renamed' }>): MigrationGuide {
  const [from, to] = [tableName(plan.target, change.from), tableName(plan.target, change.table)];
  const rename = `RENAME TABLE ${from} TO ${to};`;
  // A view of one whole table is updatable: current code keeps reading and writing under the old name.
  return guide([change], [ddl(rename)], [`Code that uses ${from} fails from this statement on; the rollout bridges the old name with a view.`], [
    ddl(rename, 'Rename: instant once running queries let go of the table.'),
    ddl(`CREATE VIEW ${from} AS SELECT * FROM ${to};`, 'Bridge: current code works on through this updatable view (re-create it if the columns change).'),
    manual('Switch.', `deploy code that uses ${to}`),
    ddl(`DROP VIEW ${from};`, 'Contract: drop the bridge.'),
  ]);
}

interface KeyWork {
  readonly table: ObjectName;
  readonly changes: Change[];
  readonly keys: ForeignKey[];
  /** The table is new (and empty): its keys need no checks. */
  readonly fresh: boolean;
  /** Keys dropped only while the columns they join change type, and added back after. */
  readonly temporary: Set<string>;
}

/**
 * Foreign keys to drop (before the tables change) and to add (after): changed ones both, and any
 * key over a column whose type or collation changes, which neither server lets a MODIFY touch.
 */
function foreignKeyWork(plan: Plan, changes: readonly Change[]): { drops: Map<string, KeyWork>; adds: Map<string, KeyWork> } {
  const drops = new Map<string, KeyWork>();
  const adds = new Map<string, KeyWork>();
  const work = (map: Map<string, KeyWork>, table: ObjectName, change: Change, keys: readonly ForeignKey[], fresh = false): void => {
    const entry = map.get(key(table)) ?? { table, changes: [], keys: [], fresh, temporary: new Set<string>() };
    map.set(key(table), entry);
    if (!entry.changes.includes(change)) entry.changes.push(change);
    entry.keys.push(...keys);
  };
  for (const change of changes) {
    if (change.kind === 'foreign_key_dropped') work(drops, change.table, change, [change.foreignKey]);
    if (change.kind === 'foreign_key_changed') work(drops, change.table, change, [change.from]);
    if (change.kind === 'foreign_key_added' || change.kind === 'foreign_key_changed') work(adds, change.table, change, [change.foreignKey]);
    if (change.kind === 'table_added' && plan.after(change.table).foreignKeys.length > 0) work(adds, change.table, change, plan.after(change.table).foreignKeys, true);
  }
  const has = (map: Map<string, KeyWork>, table: ObjectName, name: string): boolean => map.get(key(table))?.keys.some((item) => item.name === name) ?? false;
  const renamedColumns = new Map(changes.flatMap((change) => (change.kind === 'column_renamed' ? [[`${key(change.table)}\0${change.column.name}`, change.from] as const] : [])));
  // Dropped tables are gone before any column changes, and their keys with them.
  const dropped = new Set(changes.flatMap((change) => (change.kind === 'table_dropped' ? [key(change.table)] : [])));
  for (const change of changes) {
    if (change.kind !== 'column_type_changed' && change.kind !== 'column_collation_changed') continue;
    const table = plan.oldName.get(key(change.table)) ?? change.table;
    const column = renamedColumns.get(`${key(change.table)}\0${change.column}`) ?? change.column;
    for (const owner of plan.context.from.tables) {
      const current = plan.newName.get(key(owner)) ?? { namespace: owner.namespace, name: owner.name };
      for (const fk of dropped.has(key(owner)) ? [] : owner.foreignKeys) {
        const child = key(owner) === key(table) && fk.columns.includes(column);
        const parent = key({ namespace: fk.references.namespace, name: fk.references.table }) === key(table) && fk.references.columns.includes(column);
        if (fk.name === null || !(child || parent) || has(drops, current, fk.name)) continue;
        work(drops, current, change, [fk]);
        drops.get(key(current))?.temporary.add(fk.name);
        const back = plan.context.to.tables.find((candidate) => key(candidate) === key(current))?.foreignKeys.find((item) => item.name === fk.name);
        if (back !== undefined && !has(adds, current, fk.name)) work(adds, current, change, [back]);
      }
    }
  }
  return { drops, adds };
}

function dropForeignKeys(plan: Plan, work: KeyWork): MigrationGuide {
  const names = work.keys.flatMap((fk) => (fk.name === null ? [] : [fk.name]));
  const comment = work.temporary.size > 0 ? `Drops ${[...work.temporary].map(ident).join(', ')} while the columns it joins change type; added back after.` : undefined;
  return guide(work.changes, [ddl(`ALTER TABLE ${tableName(plan.target, work.table)} ${names.map((name) => `DROP FOREIGN KEY ${ident(name)}`).join(', ')};`, comment)]);
}

function addForeignKeys(plan: Plan, work: KeyWork): MigrationGuide {
  const t = tableName(plan.target, work.table);
  const clauses: Clause[] = work.keys.map((fk) => ({ sql: `ADD ${foreignKeyDefinition(plan.target, fk)}`, cost: 'copy', why: 'a foreign key' }));
  const deferred = work.keys.filter((fk) => fk.deferrable).map((fk) => `${fk.name === null ? 'A foreign key' : ident(fk.name)} is checked at once: MySQL has no deferred constraints.`);
  if (work.fresh) return guide(work.changes, [ddl(alterSql(t, clauses))], deferred);
  // With foreign_key_checks=0 InnoDB adds the key in place, without checking rows: hence the count first.
  const rollout = [
    ...work.keys.map((fk) => step(orphans(plan.target, work.table, fk), `Rows without a parent for ${fk.name === null ? 'the key' : ident(fk.name)}: must be 0.`)),
    step('SET foreign_key_checks = 0;', 'Same session from here: the keys are added in place, unchecked.'),
    ddl(alterSql(t, clauses, ',\n  ALGORITHM=INPLACE, LOCK=NONE')),
    step('SET foreign_key_checks = 1;', 'Back to checking.'),
  ];
  return guide(work.changes, [ddl(alterSql(t, clauses))], [
    `On ${plan.server} adding a foreign key with foreign_key_checks=1 copies ${t} (ALGORITHM=COPY), and writes wait; the rollout adds it in place.`,
    ...deferred,
  ], rollout);
}

/** Children before parents; in a cycle, the keys pointing at the table dropped first go before it. */
function dropTables(plan: Plan, changes: readonly Change[]): MigrationGuide[] {
  const dropped = changes.filter((change): change is Extract<Change, { kind: 'table_dropped' }> => change.kind === 'table_dropped');
  const refers = (fk: ForeignKey, table: ObjectName): boolean => fk.references.namespace === table.namespace && fk.references.table === table.name;
  const references = (other: (typeof dropped)[number], table: ObjectName): boolean => key(other.table) !== key(table) && plan.before(other.table).foreignKeys.some((fk) => refers(fk, table));
  const remaining = new Set(dropped);
  return dependencyOrder(dropped, (change, other) => references(other, change.table)).map((change) => {
    remaining.delete(change);
    // Only a table taken out of a cycle still has referrers left.
    const steps = [...remaining].filter((other) => references(other, change.table)).flatMap((other) => plan.before(other.table).foreignKeys
      .flatMap((fk) => (refers(fk, change.table) && fk.name !== null ? [ddl(`ALTER TABLE ${tableName(plan.target, other.table)} DROP FOREIGN KEY ${ident(fk.name)};`)] : [])));
    const t = tableName(plan.target, change.table);
    return guide([change], [...steps, ddl(`DROP TABLE ${t};`)], [`Drops ${t} and every row in it: back it up and deploy code that no longer uses it first.`]);
  });
}

function viewGroups(changes: readonly Change[]): Map<string, Change[]> {
  return groupBy(changes.filter((change) => 'view' in change), (change) => key((change as { view: ObjectName }).view));
}

const isMaterialized = (change: Change): boolean => change.kind === 'view_definition_changed' && change.materialized;

/** Views that go or change are dropped before the tables they read change. */
function dropViews(plan: Plan, changes: readonly Change[]): MigrationGuide[] {
  return [...viewGroups(changes).values()].flatMap((group) => {
    const view = (group[0] as { view: ObjectName }).view;
    const v = tableName(plan.target, view);
    if (group.some((change) => change.kind === 'view_dropped')) return [guide(group, [ddl(`DROP VIEW ${v};`)], [`Queries on ${v} fail from here on.`])];
    if (!group.some((change) => change.kind === 'view_definition_changed' && !isMaterialized(change))) return [];
    return [guide(group, [ddl(`DROP VIEW ${v};`)], [`${v} is dropped here and re-created after the tables change: queries on it fail in between.`])];
  });
}

/** CREATE OR REPLACE for every new or changed view, a view after the views its definition names. */
function createViews(plan: Plan, changes: readonly Change[]): MigrationGuide[] {
  const pending = [...viewGroups(changes).values()].flatMap((group) => {
    const name = (group[0] as { view: ObjectName }).view;
    const view = plan.context.to.views.find((candidate) => key(candidate) === key(name));
    return view === undefined || group.some(isMaterialized) ? [] : [{ group, view }];
  });
  return dependencyOrder(pending, (item, other) => (item.view.definition ?? '').includes(ident(other.view.name))).map(({ group, view }) => {
    const v = tableName(plan.target, view);
    return view.definition === null ? guide(group, [], [`The definition of ${v} could not be read: create it by hand.`]) : guide(group, [ddl(`CREATE OR REPLACE VIEW ${v} AS ${view.definition};`)]);
  });
}

/** What MySQL has no statement for: a guide without steps that says so. */
function unsupported(change: Change): MigrationGuide[] {
  const say = (warning: string): MigrationGuide[] => [guide([change], [], [warning])];
  switch (change.kind) {
    case 'enum_added':
    case 'enum_dropped':
    case 'enum_values_added':
    case 'enum_values_removed':
      return say('MySQL has no named enum types: enum values live in each column\'s ENUM type.');
    case 'domain_added':
    case 'domain_dropped':
    case 'domain_changed':
      return say('MySQL has no domains: restate the type and checks on each column.');
    case 'view_definition_changed':
      return change.materialized ? say('MySQL has no materialized views: use a table refreshed by the application.') : [];
    case 'comment_changed':
      return change.target === 'table' || change.target === 'column' ? [] : say(`MySQL has no comments on ${change.target}s.`);
    default:
      return [];
  }
}
