import type { PostgresClient } from './connect.js';
import type { RawColumn, RawConstraint, RawIndex, RawRelation, RawRule, RawType, RawViewDefinition } from './raw-types.js';

/**
 * The catalog queries. Each reads one kind of object for every selected relation at once
 * (`= ANY($1::oid[])`), so a schema of 2,000 tables costs the same eight queries as one of five.
 * They read `pg_catalog` directly: the `information_schema` views are slow on large catalogs
 * and hide what they cannot express (domains' checks, identity kinds, index expressions).
 * Every query has an ORDER BY; the session runs with an empty search_path so that every name
 * pg_catalog prints back (types, sequences, view bodies) is schema-qualified the same way on
 * every machine.
 */

const NAMESPACES = `
SELECT n.nspname AS name
FROM pg_catalog.pg_namespace n
WHERE n.nspname = ANY($1::text[])
ORDER BY n.nspname`;

const RELATIONS = `
SELECT c.oid, n.nspname AS namespace, c.relname AS name, c.relkind AS kind,
       c.relpersistence AS persistence, c.relrowsecurity AS rls, d.description AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0
WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'f', 'v', 'm') AND NOT c.relispartition
ORDER BY n.nspname, c.relname`;

// Printing a view's query is costly; it waits until the filters have chosen the views to read.
const VIEW_DEFINITIONS = `
SELECT c.oid, pg_catalog.pg_get_viewdef(c.oid) AS definition, r.ev_action::text AS query_tree
FROM pg_catalog.pg_class c
LEFT JOIN pg_catalog.pg_rewrite r ON r.ev_class = c.oid AND r.rulename = '_RETURN'
WHERE c.oid = ANY($1::oid[]) AND c.relkind IN ('v', 'm')
ORDER BY c.oid`;

// A default cannot refer to columns, so it is printed without the table's deparse context (relid
// 0), which costs half as much; generated columns' expressions do refer to columns and need it.
const COLUMNS = `
SELECT a.attrelid AS rel, a.attname AS name, a.attnum AS num, a.atttypid AS type, a.atttypmod AS typmod,
       a.attndims AS dims, a.attnotnull AS notnull, a.attidentity AS identity, a.attgenerated AS generated,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS native,
       CASE WHEN a.atthasdef THEN pg_catalog.pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END) END AS default,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation,
       d.description AS comment
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = a.attnum
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`;

// Key columns come back as attribute numbers, named from the columns already read; only a
// foreign key into a relation that was not read needs its target's names looked up here.
// conparentid <> 0 marks the copies PostgreSQL makes of a foreign key for each partition of the
// referenced (or referencing) table; the parent constraint stands for all of them.
const CONSTRAINTS = `
SELECT con.conrelid AS rel, con.conname AS name, con.contype AS type, con.conkey AS keys,
       con.confrelid AS ref_rel, con.confkey AS ref_keys, fn.nspname AS ref_namespace, fc.relname AS ref_table,
       CASE WHEN con.contype = 'f' AND NOT con.confrelid = ANY($1::oid[]) THEN
         ARRAY(SELECT a.attname::text FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(num, pos)
               JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
               ORDER BY k.pos)
       END AS ref_columns,
       con.confupdtype AS on_update, con.confdeltype AS on_delete,
       con.condeferrable AS deferrable, con.condeferred AS deferred,
       CASE con.contype
         WHEN 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid)
         WHEN 'x' THEN pg_catalog.pg_get_constraintdef(con.oid)
       END AS expression
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
WHERE con.conrelid = ANY($1::oid[]) AND con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0
ORDER BY con.conrelid, con.contype, con.conname`;

// int2vector columns are read as text ("1 3"): as arrays they carry 0-based bounds.
// Indexes that back a primary key, unique or exclusion constraint are reported as that constraint.
const INDEXES = `
SELECT i.indrelid AS rel, ic.relname AS name, i.indisunique AS unique, am.amname AS method,
       i.indnkeyatts AS key_count, i.indkey::pg_catalog.text AS keys, i.indoption::pg_catalog.text AS options,
       CASE WHEN 0 = ANY(i.indkey) THEN
         ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k, true) END
               FROM pg_catalog.generate_series(1, i.indnkeyatts) AS k ORDER BY k)
       END AS expressions,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE i.indrelid = ANY($1::oid[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname`;

// Every type the selected columns use, closed over array elements and domain bases, plus every
// enum and domain of the selected schemas (a type nobody uses yet is still part of the schema).
const TYPES = `
WITH RECURSIVE wanted(oid) AS (
  SELECT a.atttypid FROM pg_catalog.pg_attribute a
  WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
  UNION
  SELECT t.oid FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = ANY($2::text[]) AND t.typtype IN ('e', 'd')
  UNION
  SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.typelem END
  FROM wanted w JOIN pg_catalog.pg_type t ON t.oid = w.oid
  WHERE t.typtype = 'd' OR (t.typcategory = 'A' AND t.typelem <> 0)
)
SELECT t.oid, n.nspname AS namespace, t.typname AS name, t.typtype AS type, t.typcategory AS category,
       t.typelem AS elem, t.typbasetype AS base, t.typtypmod AS typmod, t.typnotnull AS notnull,
       CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS base_native,
       pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS default,
       CASE WHEN t.typtype = 'e' THEN
         ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
       END AS labels,
       CASE WHEN t.typtype = 'd' THEN
         (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                   'name', c.conname, 'expression', pg_catalog.pg_get_expr(c.conbin, 0)) ORDER BY c.conname)
          FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c')
       END AS checks,
       (SELECT d.description FROM pg_catalog.pg_description d
        WHERE d.objoid = t.oid AND d.classoid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objsubid = 0) AS comment,
       (SELECT x.extname FROM pg_catalog.pg_depend dep JOIN pg_catalog.pg_extension x ON x.oid = dep.refobjid
        WHERE dep.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND dep.objid = t.oid AND dep.deptype = 'e'
        ORDER BY x.extname LIMIT 1) AS extension
FROM (SELECT DISTINCT oid FROM wanted) w
JOIN pg_catalog.pg_type t ON t.oid = w.oid
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
ORDER BY t.oid`;

// What the model does not carry but a user must hear about.
const RULES = `
SELECT 'trigger' AS kind, tg.tgrelid AS rel, tg.tgname AS name
FROM pg_catalog.pg_trigger tg WHERE tg.tgrelid = ANY($1::oid[]) AND NOT tg.tgisinternal
UNION ALL
SELECT 'policy', p.polrelid, p.polname FROM pg_catalog.pg_policy p WHERE p.polrelid = ANY($1::oid[])
UNION ALL
SELECT 'rule', r.ev_class, r.rulename FROM pg_catalog.pg_rewrite r
WHERE r.ev_class = ANY($1::oid[]) AND r.rulename <> '_RETURN'
ORDER BY 2, 1, 3`;

export interface PostgresCatalog {
  readonly relations: readonly RawRelation[];
  readonly viewDefinitions: readonly RawViewDefinition[];
  readonly columns: readonly RawColumn[];
  readonly constraints: readonly RawConstraint[];
  readonly indexes: readonly RawIndex[];
  readonly types: readonly RawType[];
  readonly rules: readonly RawRule[];
}

/** The number of catalog queries one introspection runs, whatever the size of the schema. */
export const CATALOG_QUERY_COUNT = 8;

export async function existingNamespaces(client: PostgresClient, namespaces: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(NAMESPACES, [namespaces]);
  return rows.map((row) => row.name);
}

/**
 * Reads the catalog for the selected schemas. `keep` filters relations by name before their
 * details are read, so excluded tables cost nothing. The column query (the largest) runs on
 * `main` while the others run on a second connection from `openReader`, when it can open one
 * that shares `main`'s snapshot; otherwise everything runs on `main`.
 */
export async function readCatalog(
  main: PostgresClient,
  openReader: (snapshotId: string) => Promise<PostgresClient>,
  namespaces: readonly string[],
  keep: (relation: RawRelation) => boolean,
  progress: (phase: string) => void,
): Promise<PostgresCatalog> {
  const reader = exportSnapshot(main).then(openReader).catch(() => null);
  try {
    const relations = (await main.query<RawRelation>(RELATIONS, [namespaces])).rows.filter(keep);
    progress('relations');
    const oids = relations.map((relation) => relation.oid);
    const other = (await reader) ?? main;
    const rowsOf = async <T extends object>(client: PostgresClient, sql: string, params: unknown[], phase: string): Promise<T[]> => {
      const { rows } = await client.query<T>(sql, params);
      progress(phase);
      return rows;
    };
    const [columns, [constraints, indexes, types, rules, viewDefinitions]] = await Promise.all([
      rowsOf<RawColumn>(main, COLUMNS, [oids], 'columns'),
      (async () =>
        [
          await rowsOf<RawConstraint>(other, CONSTRAINTS, [oids], 'constraints'),
          await rowsOf<RawIndex>(other, INDEXES, [oids], 'indexes'),
          await rowsOf<RawType>(other, TYPES, [oids, namespaces], 'types'),
          await rowsOf<RawRule>(other, RULES, [oids], 'triggers, policies and rules'),
          await rowsOf<RawViewDefinition>(other, VIEW_DEFINITIONS, [oids], 'view definitions'),
        ] as const)(),
    ]);
    return { relations, viewDefinitions, columns, constraints, indexes, types, rules };
  } finally {
    const client = await reader;
    if (client !== null) await client.end().catch(() => undefined);
  }
}

async function exportSnapshot(client: PostgresClient): Promise<string> {
  const { rows } = await client.query<{ id: string }>('SELECT pg_catalog.pg_export_snapshot() AS id');
  return (rows[0] as { id: string }).id;
}
