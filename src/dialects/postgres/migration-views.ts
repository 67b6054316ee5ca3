import type { Change } from '../../diff/changes.js';
import type { View } from '../../schema/model.js';
import { step } from '../dialect.js';
import { commentsOf, qualify, viewKind } from './ddl.js';
import { doubleQuoted as ident } from '../quoting.js';
import { closure } from '../dependency-order.js';
import { dependencyOrder, PHASE } from './migration-order.js';
import { piece, show } from './migration-steps.js';
import { key, type Writer } from './migration-writer.js';

/**
 * Views are dropped first and created last: those the diff changes, those over a table whose
 * column types change (PostgreSQL refuses to retype a column a view reads), and, repeatedly,
 * those over a view that is rebuilt. The schema has no dependency graph, so "reads" means the
 * definition names it: a false match only rebuilds a view that did not need it.
 */
export function writeViews(w: Writer): void {
  const byView = new Map<string, Change[]>();
  for (const change of w.changes) {
    const view = 'view' in change ? change.view : change.kind === 'comment_changed' && change.target === 'view' ? change.object : null;
    if (view !== null) byView.set(key(view), [...(byView.get(key(view)) ?? []), change]);
  }
  const retyped = new Set<string>();
  for (const change of w.changes) {
    if (change.kind === 'column_type_changed' || change.kind === 'column_collation_changed' || change.kind === 'column_generated_changed') retyped.add(change.table.name).add(w.oldName(change.table).name);
    const remade = change.kind === 'enum_values_removed' ? change.enum : change.kind === 'domain_changed' && change.from.baseType !== change.to.baseType ? change.domain : null;
    if (remade !== null) for (const { table } of w.columnsUsing(remade)) retyped.add(table.name).add(w.oldName(table).name);
  }
  const from = new Map(w.context.from.views.map((view) => [key(view), view]));
  const to = new Map(w.context.to.views.map((view) => [key(view), view]));
  const rebuilt = new Set([...to.keys()].filter((name) => !from.has(name)));
  for (const [name, view] of from) {
    if ((byView.get(name) ?? []).some((change) => change.kind !== 'comment_changed') || [...retyped].some((table) => mentions(view.definition, table))) rebuilt.add(name);
  }
  // …and the views that read a rebuilt one, repeatedly.
  const nameOf = (name: string): string => (from.get(name) ?? to.get(name))?.name ?? '';
  closure(rebuilt, [...from.keys()], (name, members) => [...members].some((other) => mentions(from.get(name)?.definition ?? null, nameOf(other))));
  const reads = (view: View, other: View): boolean => mentions(view.definition, other.name);
  for (const view of dependencyOrder([...from.values()].filter((item) => rebuilt.has(key(item))), (view, other) => reads(other, view))) {
    const again = to.has(key(view)) ? ['It is created again at the end: run the migration in one transaction so no query finds it missing; grants on it must be given again.'] : [];
    const why = byView.has(key(view)) ? undefined : 'it reads a table or view that changes under it';
    w.add(PHASE.dropView, byView.get(key(view)) ?? [], piece([step(`DROP ${viewKind(view)} ${qualify(view)};`, why)], [], again));
  }
  for (const view of dependencyOrder([...to.values()].filter((item) => rebuilt.has(key(item))), reads)) {
    const create = view.definition === null ? [] : [`CREATE ${viewKind(view)} ${qualify(view)} AS ${view.definition.trim().replace(/;$/, '')};`];
    const unknown = view.definition === null ? [`The definition of ${show(view)} was not read: create it by hand.`] : [];
    w.add(PHASE.createView, byView.get(key(view)) ?? [], piece([...create, ...commentsOf(view, view.comment, view.columns, viewKind(view))], [], unknown));
  }
}

/** Whether printed SQL names an object: quoted, or bare as PostgreSQL prints a plain lower-case name. */
function mentions(sql: string | null, name: string): boolean {
  if (sql === null || name === '') return false;
  return sql.includes(ident(name)) || new RegExp(`(^|[^\\w$"])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w$"])`).test(sql);
}
