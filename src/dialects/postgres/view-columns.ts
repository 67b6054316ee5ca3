import { field, isNode, listOf, parseNodeTree, type TreeValue } from './node-tree.js';
import type { RawColumn, RawViewDefinition } from './raw-types.js';

interface ColumnOrigin {
  readonly relation: number;
  readonly attribute: number;
}

// Join types as the parser stores them (JoinType in nodes.h; stable since 7.x).
const JOIN_INNER = '0';
const JOIN_LEFT = '1';
const JOIN_FULL = '2';
const JOIN_RIGHT = '3';

/**
 * PostgreSQL reports every view column as nullable. A column that passes a base column through
 * unchanged, from a relation no outer join can null, is as non-null as that base column; this
 * reads the view's stored query tree to find those, and leaves every other column nullable.
 */
export class ViewNullability {
  private readonly baseNotNull = new Map<string, boolean>();
  private readonly trees: ReadonlyMap<number, string | null>;
  private readonly origins = new Map<number, ReadonlyMap<number, ColumnOrigin>>();
  private readonly resolving = new Set<string>();

  constructor(columns: readonly RawColumn[], views: readonly RawViewDefinition[]) {
    for (const column of columns) this.baseNotNull.set(`${column.rel}:${column.num}`, column.notnull);
    this.trees = new Map(views.map((view) => [view.oid, view.query_tree]));
  }

  /** Whether the column can never be null; false when unknown. */
  isNotNull(relation: number, attribute: number): boolean {
    if (!this.trees.has(relation)) return this.baseNotNull.get(`${relation}:${attribute}`) ?? false;
    const origin = this.originsOf(relation).get(attribute);
    const key = `${relation}:${attribute}`;
    if (origin === undefined || this.resolving.has(key)) return false;
    this.resolving.add(key);
    try {
      return this.isNotNull(origin.relation, origin.attribute);
    } finally {
      this.resolving.delete(key);
    }
  }

  private originsOf(view: number): ReadonlyMap<number, ColumnOrigin> {
    let origins = this.origins.get(view);
    if (origins === undefined) {
      const tree = this.trees.get(view);
      origins = tree ? passThroughColumns(tree) : new Map();
      this.origins.set(view, origins);
    }
    return origins;
  }
}

/**
 * The output columns (by position) of a view's `_RETURN` query that are a plain reference to a
 * column of a relation in its FROM clause, that relation not on the nullable side of an outer
 * join. Set operations and grouping sets can produce nulls anywhere, so they yield nothing.
 */
export function passThroughColumns(tree: string): Map<number, ColumnOrigin> {
  const result = new Map<number, ColumnOrigin>();
  const queries = listOf(parseNodeTree(tree) ?? undefined);
  const query = queries[0];
  if (queries.length !== 1 || !isNode(query, 'QUERY')) return result;
  if (field(query, 'setOperations') !== '<>' || field(query, 'groupingSets') !== '<>') return result;
  const nulled = nulledRanges(field(query, 'jointree'));
  if (nulled === null) return result;
  const rtable = listOf(field(query, 'rtable'));
  for (const entry of listOf(field(query, 'targetList'))) {
    if (!isNode(entry, 'TARGETENTRY') || field(entry, 'resjunk') !== 'false') continue;
    const variable = field(entry, 'expr');
    if (!isNode(variable, 'VAR') || field(variable, 'varlevelsup') !== '0') continue;
    const range = Number(field(variable, 'varno'));
    const source = rtable[range - 1];
    if (nulled.has(range) || !isNode(source, 'RANGETBLENTRY') || field(source, 'rtekind') !== '0') continue;
    const position = Number(field(entry, 'resno'));
    const relation = Number(field(entry, 'resorigtbl'));
    const attribute = Number(field(entry, 'resorigcol'));
    if (relation > 0 && attribute > 0) result.set(position, { relation, attribute });
  }
  return result;
}

/** Range-table indexes an outer join can null; null when the join tree holds something unknown. */
function nulledRanges(jointree: TreeValue | undefined): Set<number> | null {
  const nulled = new Set<number>();
  const visit = (value: TreeValue | undefined, nullable: boolean): boolean => {
    if (isNode(value, 'RANGETBLREF')) {
      if (nullable) nulled.add(Number(field(value, 'rtindex')));
      return true;
    }
    if (isNode(value, 'FROMEXPR')) return listOf(field(value, 'fromlist')).every((item) => visit(item, nullable));
    if (isNode(value, 'JOINEXPR')) {
      const type = field(value, 'jointype');
      if (type !== JOIN_INNER && type !== JOIN_LEFT && type !== JOIN_FULL && type !== JOIN_RIGHT) return false;
      return (
        visit(field(value, 'larg'), nullable || type === JOIN_RIGHT || type === JOIN_FULL) &&
        visit(field(value, 'rarg'), nullable || type === JOIN_LEFT || type === JOIN_FULL)
      );
    }
    return false;
  };
  return isNode(jointree) && visit(jointree, false) ? nulled : null;
}
