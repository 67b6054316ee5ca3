/**
 * The integer types of every engine, by the first word of their native type, and the values each
 * holds: the one table the validators, the type-change directions and MySQL's rollout checks read.
 */

// Bits of each integer type; PostgreSQL's serials are their integer type with a sequence default.
const INTEGER_BITS: Readonly<Record<string, number>> = {
  tinyint: 8,
  smallint: 16,
  int2: 16,
  smallserial: 16,
  mediumint: 24,
  int: 32,
  integer: 32,
  int4: 32,
  serial: 32,
  bigint: 64,
  int8: 64,
  bigserial: 64,
};

/** The first word of a native type, lower case: `int` of `INT(11) UNSIGNED`, `timestamp` of `timestamp with time zone`. */
export function firstWord(nativeType: string): string {
  return /^[a-z0-9]+/.exec(nativeType.toLowerCase())?.[0] ?? '';
}

/** The smallest and largest value of an integer type; undefined for a type that is not one. */
export function integerRange(nativeType: string, unsigned: boolean): { readonly min: bigint; readonly max: bigint } | undefined {
  const bits = INTEGER_BITS[firstWord(nativeType)];
  if (bits === undefined) return undefined;
  // Unsigned: from 0, twice as far.
  return unsigned ? { min: 0n, max: 2n ** BigInt(bits) - 1n } : { min: -(2n ** BigInt(bits - 1)), max: 2n ** BigInt(bits - 1) - 1n };
}
