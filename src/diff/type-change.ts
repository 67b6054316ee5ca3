import type { Column } from '../schema/model.js';
import type { TypeDirection } from './changes.js';

// Bits of each integer type by its first word: a wider one holds every value of a narrower one.
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

const FLOAT_BITS: Readonly<Record<string, number>> = { real: 32, float4: 32, float: 64, double: 64, float8: 64 };

/** The parts of a column's type a change compares; everything else about a column is not its type. */
export function sameType(a: Column, b: Column): boolean {
  return (
    a.nativeType === b.nativeType &&
    a.family === b.family &&
    a.length === b.length &&
    a.precision === b.precision &&
    a.scale === b.scale &&
    a.unsigned === b.unsigned &&
    a.arrayDimensions === b.arrayDimensions &&
    sameRef(a.enumRef, b.enumRef) &&
    sameRef(a.domainRef, b.domainRef)
  );
}

function sameRef(a: { namespace: string; name: string } | null, b: { namespace: string; name: string } | null): boolean {
  return a === b || (a !== null && b !== null && a.namespace === b.namespace && a.name === b.name);
}

/**
 * Whether the new type holds every value of the old one (widened), may not (narrowed), or is a
 * different kind of type (changed): varchar(50) → varchar(100) or text widens, int → bigint
 * widens, numeric(8,2) → numeric(6,2) narrows, text → integer changes.
 */
export function typeDirection(from: Column, to: Column): TypeDirection {
  if (from.arrayDimensions !== to.arrayDimensions || !sameRef(from.enumRef, to.enumRef) || !sameRef(from.domainRef, to.domainRef)) return 'changed';
  const fromInteger = INTEGER_BITS[firstWord(from)];
  const toInteger = INTEGER_BITS[firstWord(to)];
  if (fromInteger !== undefined && toInteger !== undefined) {
    if (from.unsigned === to.unsigned) return compare(fromInteger, toInteger);
    // Unsigned → signed needs a bit more; signed → unsigned loses the negatives.
    return !from.unsigned ? 'narrowed' : toInteger > fromInteger ? 'widened' : 'narrowed';
  }
  if (fromInteger !== undefined && to.family === 'decimal') {
    return to.precision === null || to.precision - (to.scale ?? 0) >= integerDigits(fromInteger, from.unsigned) ? 'widened' : 'narrowed';
  }
  const fromFloat = FLOAT_BITS[firstWord(from)];
  const toFloat = FLOAT_BITS[firstWord(to)];
  if (fromFloat !== undefined && toFloat !== undefined) return compare(fromFloat, toFloat);
  if (from.family !== to.family) return 'changed';
  if (from.family === 'decimal') return decimalDirection(from, to);
  if (from.family === 'text' || from.family === 'binary' || from.family === 'bit') {
    if (from.length === to.length) return 'widened';
    if (to.length === null) return 'widened';
    if (from.length === null) return 'narrowed';
    return compare(from.length, to.length);
  }
  if (from.precision !== to.precision && from.precision !== null && to.precision !== null) return compare(from.precision, to.precision);
  return 'changed';
}

function decimalDirection(from: Column, to: Column): TypeDirection {
  if (to.precision === null) return 'widened';
  if (from.precision === null) return 'narrowed';
  const fromScale = from.scale ?? 0;
  const toScale = to.scale ?? 0;
  // Widened when both the digits before the point and those after it are at least as many.
  return toScale >= fromScale && to.precision - toScale >= from.precision - fromScale ? 'widened' : 'narrowed';
}

/** Decimal digits of the largest value an integer type holds: 3 for tinyint, 19 for bigint. */
function integerDigits(bits: number, unsigned: boolean): number {
  return String(2n ** BigInt(unsigned ? bits : bits - 1)).length;
}

function compare(from: number, to: number): TypeDirection {
  return to >= from ? 'widened' : 'narrowed';
}

function firstWord(column: Column): string {
  return /^[a-z0-9]+/.exec(column.nativeType.toLowerCase())?.[0] ?? '';
}
