import type { QualifiedName } from '../../schema/model.js';
import type { TypeFamily } from '../../schema/type-family.js';
import type { WarningCode } from '../../schema/warnings.js';
import type { RawType } from './raw-types.js';
import { POSTGRES_TYPE_MAP } from './type-map.js';

/** A column type seen through its domains and array levels. */
export interface ResolvedType {
  readonly family: TypeFamily;
  /** The `typname` of the innermost base type, whose typmod encoding applies. */
  readonly baseName: string;
  readonly isArray: boolean;
  readonly enumRef: QualifiedName | null;
  /** The outermost domain, when the type is (or is an array of) a domain. */
  readonly domainRef: QualifiedName | null;
  /** The modifier a domain declares (`CREATE DOMAIN d AS varchar(20)`), or -1. */
  readonly typmod: number;
  /** Why the family is `unknown`, when the model cannot type it. */
  readonly problem: { readonly code: WarningCode; readonly reason: string } | null;
}

const MISSING: ResolvedType = {
  family: 'unknown',
  baseName: '',
  isArray: false,
  enumRef: null,
  domainRef: null,
  typmod: -1,
  problem: { code: 'UNKNOWN_TYPE', reason: 'its type could not be read from the catalog' },
};

/** Resolves type oids to families, once per oid per introspection. */
export class TypeResolver {
  private readonly byOid: ReadonlyMap<number, RawType>;
  private readonly resolved = new Map<number, ResolvedType>();

  constructor(types: readonly RawType[]) {
    this.byOid = new Map(types.map((type) => [type.oid, type]));
  }

  get(oid: number): RawType | undefined {
    return this.byOid.get(oid);
  }

  resolve(oid: number): ResolvedType {
    let result = this.resolved.get(oid);
    if (result === undefined) {
      // A placeholder guards against a (corrupt) cycle of domains.
      this.resolved.set(oid, MISSING);
      result = this.compute(oid);
      this.resolved.set(oid, result);
    }
    return result;
  }

  private compute(oid: number): ResolvedType {
    const type = this.byOid.get(oid);
    if (type === undefined) return MISSING;
    const ref = { namespace: type.namespace, name: type.name };
    if (type.type === 'd') {
      const base = this.resolve(type.base);
      return { ...base, domainRef: ref, typmod: type.typmod >= 0 ? type.typmod : base.typmod };
    }
    if (type.category === 'A' && type.elem !== 0) return { ...this.resolve(type.elem), isArray: true };
    const plain = { baseName: type.name, isArray: false, enumRef: null, domainRef: null, typmod: -1, problem: null };
    switch (type.type) {
      case 'e':
        return { ...plain, family: 'enum', enumRef: ref };
      case 'r':
      case 'm':
        return { ...plain, family: 'range' };
      case 'c':
        return { ...plain, family: 'unknown', problem: { code: 'UNKNOWN_TYPE', reason: `"${type.namespace}.${type.name}" is a composite type, which the model does not describe` } };
      default: {
        const family = POSTGRES_TYPE_MAP[type.name];
        if (family !== undefined) return { ...plain, family };
        const problem =
          type.extension === null
            ? { code: 'UNKNOWN_TYPE' as const, reason: `type "${type.namespace}.${type.name}" is not in the PostgreSQL type map` }
            : { code: 'EXTENSION_TYPE' as const, reason: `type "${type.namespace}.${type.name}" comes from the extension "${type.extension}"` };
        return { ...plain, family: 'unknown', problem };
      }
    }
  }
}
