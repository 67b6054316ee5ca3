import type { Column, ColumnDefault, IdentityKind } from '../../schema/model.js';
import type { TypeFamily } from '../../schema/type-family.js';
import { makeWarning, type Warning } from '../../schema/warnings.js';
import { DefaultReader } from '../default-reader.js';
import type { Flavour } from './capabilities.js';
import { literal } from './ddl.js';
import type { RawColumn } from './raw-types.js';
import { MYSQL_TYPE_MAP, parseValueList } from './type-map.js';

const NUMERIC_FAMILIES = new Set<TypeFamily>(['smallint', 'integer', 'bigint', 'decimal', 'real', 'double', 'boolean', 'year']);
const FUNCTION_DEFAULT = /^(current_timestamp|now|localtime|localtimestamp|curdate|current_date|curtime|current_time|utc_timestamp|uuid|uuid_short|sys_guid)(\(\d*\))?$/i;
const LITERAL_DEFAULT = /^(?:'(?:[^'\\]|''|\\.)*'|[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?|b'[01]*'|x'[0-9a-f]*'|0x[0-9a-f]+)$/i;

/** What is known about a column beyond its COLUMNS row. */
export interface ColumnContext {
  /** `schema.table`, for warnings. */
  readonly owner: string;
  /** The table's default collation: a column's own collation is recorded only when it differs. */
  readonly tableCollation: string | null;
  /** Columns whose CHECK is `json_valid(col)`: MariaDB's JSON type is LONGTEXT with that check. */
  readonly jsonChecked: boolean;
  /** Values from a one-column `CHECK (col IN (…))`. */
  readonly checkValues: readonly string[] | null;
}

/**
 * Converts COLUMNS rows to model columns, hiding where MariaDB and MySQL report differently:
 * MariaDB gives defaults as SQL (`'text'`, `NULL` for "none"), MySQL the bare value plus
 * `DEFAULT_GENERATED` for expressions.
 */
export class ColumnReader {
  private readonly defaults = new DefaultReader((sql) => (LITERAL_DEFAULT.test(sql) ? 'literal' : FUNCTION_DEFAULT.test(sql) ? 'function' : 'expression'));

  constructor(
    private readonly flavour: Flavour,
    private readonly warnings: Warning[],
  ) {}

  read(raw: RawColumn, context: ColumnContext): Column {
    const dataType = raw.data_type.toLowerCase();
    const columnType = raw.column_type;
    let family: TypeFamily | undefined = MYSQL_TYPE_MAP[dataType];
    if (family === undefined) {
      family = 'unknown';
      this.warnings.push(
        makeWarning('UNKNOWN_TYPE', `column ${context.owner}.${raw.name}`, `Type "${columnType}" of ${context.owner}.${raw.name} is not in the MySQL type map; it is typed as unknown.`),
      );
    }
    // BOOLEAN is an alias of TINYINT(1); MySQL 8 keeps the display width only for this case.
    if (/^tinyint\(1\)/i.test(columnType)) family = 'boolean';
    if (context.jsonChecked && family === 'text') family = 'json';
    const extra = raw.extra.toLowerCase();
    const generated = /\b(virtual|stored|persistent) generated\b/.exec(extra);
    const identity: IdentityKind | null = extra.includes('auto_increment') ? 'auto_increment' : null;
    const sized = family === 'text' || family === 'binary';
    return {
      name: raw.name,
      ordinal: Number(raw.ordinal),
      nativeType: columnType,
      family,
      affinity: null,
      nullable: raw.nullable === 'YES',
      default: generated !== null || identity !== null ? null : this.defaultOf(raw, family, extra),
      identity,
      generated: generated === null ? null : { expression: raw.generation ?? '', storage: generated[1] === 'virtual' ? 'virtual' : 'stored' },
      enumRef: null,
      domainRef: null,
      allowedValues: family === 'enum' || family === 'set' ? parseValueList(columnType) : context.checkValues,
      arrayDimensions: 0,
      length: sized || family === 'bit' ? numberOrNull(family === 'bit' ? raw.precision : raw.max_length) : null,
      precision: family === 'decimal' ? numberOrNull(raw.precision) : isTemporal(family) ? numberOrNull(raw.datetime_precision) : null,
      scale: family === 'decimal' ? numberOrNull(raw.scale) : null,
      unsigned: /\bunsigned\b/i.test(columnType),
      collation: raw.collation !== null && raw.collation !== context.tableCollation ? raw.collation : null,
      comment: raw.comment === '' ? null : raw.comment,
    };
  }

  private defaultOf(raw: RawColumn, family: TypeFamily, extra: string): ColumnDefault | null {
    const text = raw.default;
    if (text === null) return null;
    let sql: string;
    if (this.flavour === 'mariadb') {
      // MariaDB writes "no default" of a nullable column as the bare word NULL; a string 'NULL' is quoted.
      if (text === 'NULL') return null;
      sql = text;
    } else {
      // MySQL gives the bare value; an expression or function default is marked DEFAULT_GENERATED.
      // Quoted as MariaDB quotes it, backslashes included, so both read back as the same literal.
      const bareLiteral = !extra.includes('default_generated') && !FUNCTION_DEFAULT.test(text);
      sql = bareLiteral && !NUMERIC_FAMILIES.has(family) && !/^b'[01]*'$/i.test(text) ? literal(text) : text;
    }
    return this.defaults.read(sql);
  }
}

function isTemporal(family: TypeFamily): boolean {
  return family === 'timestamp' || family === 'timestamptz' || family === 'time';
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
