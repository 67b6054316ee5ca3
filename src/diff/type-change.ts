import { firstWord, integerRange } from '../schema/integer-types.js';
import type { Column } from '../schema/model.js';
import type { TypeDirection } from './changes.js';

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
  const fromInteger = integerRange(from.nativeType, from.unsigned);
  const toInteger = integerRange(to.nativeType, to.unsigned);
  // Widened when the new range holds the old: unsigned → signed needs a bit more; signed → unsigned loses the negatives.
  if (fromInteger !== undefined && toInteger !== undefined) return toInteger.min <= fromInteger.min && fromInteger.max <= toInteger.max ? 'widened' : 'narrowed';
  if (fromInteger !== undefined && to.family === 'decimal') {
    // Enough digits before the point for the largest value: 3 for tinyint, 19 for bigint.
    return to.precision === null || to.precision - (to.scale ?? 0) >= String(fromInteger.max).length ? 'widened' : 'narrowed';
  }
  const fromFloat = FLOAT_BITS[firstWord(from.nativeType)];
  const toFloat = FLOAT_BITS[firstWord(to.nativeType)];
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

function compare(from: number, to: number): TypeDirection {
  return to >= from ? 'widened' : 'narrowed';
}
