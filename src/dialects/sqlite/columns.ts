import type { Column, ColumnDefault, IdentityKind } from '../../schema/model.js';
import type { TypeFamily } from '../../schema/type-family.js';
import { makeWarning, type Warning } from '../../schema/warnings.js';
import { DefaultReader } from '../default-reader.js';
import type { ParsedTable } from './ddl-parser.js';
import type { RawColumn } from './raw-types.js';
import { foldName } from './sql-tokens.js';
import { AFFINITY_FAMILY, affinityOf, parseDeclaredType, SQLITE_TYPE_MAP, type Affinity, type DeclaredType } from './type-map.js';

/** What is known about a column beyond its pragma row. */
export interface ColumnContext {
  readonly parsed: ParsedTable | null;
  readonly identity: IdentityKind | null;
  readonly forcedNotNull: boolean;
  readonly allowedValues: readonly string[] | null;
  /** `namespace.table`, for warnings. */
  readonly owner: string;
}

interface TypeInfo {
  readonly declared: DeclaredType;
  readonly affinity: Affinity;
  readonly family: TypeFamily;
  readonly known: boolean;
}

const LITERAL_DEFAULT = /^([-+]?(\d|\.\d)|'|x'|null$|true$|false$)/i;
const FUNCTION_DEFAULT = /^(current_timestamp|current_date|current_time)$|^[a-z_][a-z0-9_]*\s*\(/i;

/**
 * Converts pragma rows to model columns. One reader serves one introspection: a schema with tens
 * of thousands of columns repeats a few dozen declared types and defaults, so each distinct string
 * is analysed once, and the caches die with the run.
 */
export class ColumnReader {
  private readonly types = new Map<string, TypeInfo>();
  private readonly defaults = new DefaultReader(defaultKindOf);

  constructor(private readonly warnings: Warning[]) {}

  read(raw: RawColumn, context: ColumnContext): Column {
    const { declared, affinity, family, known } = this.typeOf(raw.type);
    if (!known) {
      this.warnings.push(
        makeWarning(
          'UNKNOWN_TYPE',
          `column ${context.owner}.${raw.name}`,
          `Type "${raw.type}" is not in the SQLite type map; typed by its ${affinity} affinity as ${family}.`,
        ),
      );
    }
    const parsed = context.parsed?.columns.get(foldName(raw.name));
    const first = declared.params[0] ?? null;
    const second = declared.params[1] ?? null;
    const sized = family === 'text' || family === 'binary';
    return {
      name: raw.name,
      ordinal: raw.cid + 1,
      nativeType: raw.type,
      family,
      affinity,
      nullable: raw.notnull === 0 && !context.forcedNotNull,
      default: context.identity === null ? this.defaults.read(raw.dflt_value) : null,
      identity: context.identity,
      generated:
        raw.hidden === 2 || raw.hidden === 3
          ? { expression: parsed?.generated ?? '', storage: raw.hidden === 3 ? 'stored' : 'virtual' }
          : null,
      enumRef: null,
      domainRef: null,
      allowedValues: context.allowedValues,
      arrayDimensions: 0,
      length: sized ? first : null,
      precision: sized ? null : first,
      scale: family === 'decimal' ? second : null,
      unsigned: declared.unsigned,
      collation: parsed?.collation ?? null,
      comment: null,
    };
  }

  private typeOf(nativeType: string): TypeInfo {
    let info = this.types.get(nativeType);
    if (info === undefined) {
      const declared = parseDeclaredType(nativeType);
      const affinity = affinityOf(nativeType);
      const mapped = SQLITE_TYPE_MAP[declared.base];
      info = { declared, affinity, family: mapped ?? AFFINITY_FAMILY[affinity], known: mapped !== undefined };
      this.types.set(nativeType, info);
    }
    return info;
  }

}

function defaultKindOf(raw: string): ColumnDefault['kind'] {
  let inner = raw.trim();
  while (inner.startsWith('(') && inner.endsWith(')')) inner = inner.slice(1, -1).trim();
  if (LITERAL_DEFAULT.test(inner) && !/[|+*/<>=]/.test(inner.replace(/'[^']*'/g, '').replace(/^[-+]/, ''))) return 'literal';
  return FUNCTION_DEFAULT.test(inner) ? 'function' : 'expression';
}
