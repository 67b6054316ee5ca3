import { z } from 'zod';
import { TYPE_FAMILIES } from './type-family.js';

/**
 * The neutral schema model. The zod schemas are the single definition: the TypeScript types are
 * inferred from them and the same schemas validate a snapshot when it is read back. Everything is
 * readonly; `normalize()` produces the canonical order.
 */

const name = z.string().min(1);
// Snapshots leave out properties that are null, false or an empty list (see snapshot/format.ts);
// these defaults restore them on read, so the model is always complete.
const nullableText = z.string().nullable().default(null);
const flag = z.boolean().default(false);
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly().default([]);
const keyColumns = z.array(name).min(1).readonly();

/** A reference to a named object in a namespace (schema). */
export const qualifiedName = z.strictObject({ namespace: name, name }).readonly();

export const defaultKind = z.enum(['literal', 'sequence', 'function', 'expression']);

/** A column default as the database reports it, and what kind of expression it is. */
export const columnDefault = z.strictObject({ raw: z.string(), kind: defaultKind }).readonly();

/**
 * How the database fills a key by itself: SQL identity columns, MySQL AUTO_INCREMENT, PostgreSQL
 * serial (a sequence default), SQLite's rowid alias (`INTEGER PRIMARY KEY`, with or without
 * AUTOINCREMENT).
 */
export const identityKind = z.enum(['always', 'by_default', 'auto_increment', 'serial', 'rowid']);

export const generatedColumn = z
  .strictObject({ expression: z.string(), storage: z.enum(['stored', 'virtual']) })
  .readonly();

export const column = z
  .strictObject({
    name,
    /** 1-based position in the table as the database reports it. */
    ordinal: z.number().int().positive(),
    /** The type as declared or reported by the database, e.g. `varchar(120)` or `NVARCHAR(70)`. */
    nativeType: z.string(),
    family: z.enum(TYPE_FAMILIES),
    /** SQLite's type affinity (INTEGER, REAL, NUMERIC, TEXT, BLOB); null on other dialects. */
    affinity: nullableText,
    nullable: flag,
    default: columnDefault.nullable().default(null),
    identity: identityKind.nullable().default(null),
    generated: generatedColumn.nullable().default(null),
    /** The named enum type this column uses, when the dialect has named enums. */
    enumRef: qualifiedName.nullable().default(null),
    /** The domain this column is declared with (its NOT NULL and CHECKs apply too); `family` is its base type's. */
    domainRef: qualifiedName.nullable().default(null),
    /** The values an inline ENUM/SET or a `CHECK (col IN (…))` allows, in declared order. */
    allowedValues: z.array(z.string()).readonly().nullable().default(null),
    arrayDimensions: z.number().int().nonnegative(),
    length: z.number().int().nonnegative().nullable().default(null),
    precision: z.number().int().nonnegative().nullable().default(null),
    scale: z.number().int().nullable().default(null),
    unsigned: flag,
    collation: nullableText,
    comment: nullableText,
  })
  .readonly();

export const primaryKey = z
  .strictObject({ name: nullableText, columns: keyColumns })
  .readonly();

export const referentialAction = z.enum(['no_action', 'restrict', 'cascade', 'set_null', 'set_default']);

export const foreignKey = z
  .strictObject({
    name: nullableText,
    columns: keyColumns,
    references: z
      .strictObject({ namespace: name, table: name, columns: keyColumns })
      .readonly(),
    onDelete: referentialAction,
    onUpdate: referentialAction,
    /** The check may be deferred (`DEFERRABLE`)… */
    deferrable: flag,
    /** …and is deferred to COMMIT unless a transaction asks otherwise (`INITIALLY DEFERRED`). */
    initiallyDeferred: flag,
  })
  .readonly();

export const uniqueConstraint = z
  .strictObject({ name: nullableText, columns: keyColumns })
  .readonly();

/** One key part of an index: a column or an expression, with its sort direction. */
export const indexPart = z
  .strictObject({
    column: nullableText,
    expression: nullableText,
    descending: flag,
    /** MySQL prefix indexes: only the first N characters (or bytes) of the column are indexed. */
    prefixLength: z.number().int().positive().nullable().default(null),
  })
  .readonly();

export const index = z
  .strictObject({
    name,
    parts: z.array(indexPart).min(1).readonly(),
    unique: flag,
    /** The WHERE clause of a partial index. */
    predicate: nullableText,
    /** The access method (btree, gin, hash, fulltext…) where the dialect has several. */
    method: nullableText,
  })
  .readonly();

export const checkConstraint = z.strictObject({ name: nullableText, expression: z.string() }).readonly();

export const tableTrait = z.enum(['foreign', 'partition', 'partitioned', 'strict', 'system_versioned', 'unlogged', 'without_rowid']);

export const table = z
  .strictObject({
    namespace: name,
    name,
    comment: nullableText,
    columns: list(column),
    primaryKey: primaryKey.nullable().default(null),
    foreignKeys: list(foreignKey),
    uniqueConstraints: list(uniqueConstraint),
    indexes: list(index),
    checks: list(checkConstraint),
    /** Storage traits that change how rows behave (SQLite STRICT / WITHOUT ROWID, partitioning…). */
    traits: list(tableTrait),
  })
  .readonly();

export const view = z
  .strictObject({
    namespace: name,
    name,
    kind: z.enum(['view', 'materialized_view']),
    comment: nullableText,
    /** The SELECT the view stands for, as the database reports it. */
    definition: nullableText,
    columns: list(column),
  })
  .readonly();

export const enumType = z
  .strictObject({ namespace: name, name, values: list(z.string()), comment: nullableText })
  .readonly();

export const domain = z
  .strictObject({
    namespace: name,
    name,
    baseType: z.string(),
    family: z.enum(TYPE_FAMILIES),
    nullable: flag,
    default: columnDefault.nullable().default(null),
    checks: list(checkConstraint),
    comment: nullableText,
  })
  .readonly();

export const schema = z
  .strictObject({
    namespaces: list(name),
    tables: list(table),
    views: list(view),
    enums: list(enumType),
    domains: list(domain),
  })
  .readonly();

export type QualifiedName = z.infer<typeof qualifiedName>;
export type DefaultKind = z.infer<typeof defaultKind>;
export type ColumnDefault = z.infer<typeof columnDefault>;
export type IdentityKind = z.infer<typeof identityKind>;
export type GeneratedColumn = z.infer<typeof generatedColumn>;
export type Column = z.infer<typeof column>;
export type PrimaryKey = z.infer<typeof primaryKey>;
export type ReferentialAction = z.infer<typeof referentialAction>;
export type ForeignKey = z.infer<typeof foreignKey>;
export type UniqueConstraint = z.infer<typeof uniqueConstraint>;
export type IndexPart = z.infer<typeof indexPart>;
export type Index = z.infer<typeof index>;
export type CheckConstraint = z.infer<typeof checkConstraint>;
export type TableTrait = z.infer<typeof tableTrait>;
export type Table = z.infer<typeof table>;
export type View = z.infer<typeof view>;
export type EnumType = z.infer<typeof enumType>;
export type Domain = z.infer<typeof domain>;
export type Schema = z.infer<typeof schema>;
