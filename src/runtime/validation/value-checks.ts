import type { ColumnDescriptor } from '../table-descriptor.js';
import { compareDecimals, decimalText, integerDigitsAfterRounding, toDecimal, type Decimal } from './decimal.js';

/** Returns what is wrong with a value, or null when the database would accept it. */
export type ValueCheck = (value: unknown) => string | null;

/**
 * `input`: what a caller may hand to an insert or update (the Kysely insert types: a Date or ISO
 * string for a timestamp, a number, bigint or digit string for an int8). `output`: what the
 * driver returns for a row (a Date, a string).
 */
export type ValueForm = 'input' | 'output';

// PostgreSQL's uuid input: 32 hex digits, a hyphen allowed after any group of four, optional braces.
const UUID = /^\{?[0-9a-f]{4}(-?[0-9a-f]{4}){7}\}?$/i;
const BITS = /^[01]*$/;
const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_INPUT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
// Dates and timestamps as the databases read them: ISO 8601 with `T` or a space, optional zone.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** The check for one non-null value of the column (arrays element by element). */
export function valueCheck(column: ColumnDescriptor, form: ValueForm): ValueCheck {
  const element = elementCheck(column, form);
  const dimensions = column.value === 'array_literal' ? 0 : (column.arrayDimensions ?? 0);
  if (dimensions === 0) return element;
  const nested = (value: unknown, depth: number): string | null => {
    if (!Array.isArray(value)) return 'must be an array';
    for (const [index, item] of value.entries()) {
      if (item === null) continue; // Array elements may be null whatever the column's NOT NULL.
      const problem = depth > 1 && Array.isArray(item) ? nested(item, depth - 1) : element(item);
      if (problem !== null) return `element ${index}: ${problem}`;
    }
    return null;
  };
  return (value) => nested(value, dimensions);
}

/**
 * Whether a value can stand for the column in a filter: its JavaScript type only. A filter may
 * compare with values a row could never hold (`qty < 0`), so sizes, bounds and allowed values
 * are not checked; a malformed UUID is, since the database refuses to compare with it.
 */
export function filterValueCheck(column: ColumnDescriptor): ValueCheck {
  if ((column.arrayDimensions ?? 0) > 0 && column.value !== 'array_literal') return (value) => (Array.isArray(value) ? null : 'must be an array');
  switch (column.value) {
    case 'string':
      return (value) => (typeof value !== 'string' ? 'must be a string' : column.family === 'uuid' && !UUID.test(value) ? 'must be a UUID' : null);
    case 'array_literal':
      return (value) => (typeof value === 'string' ? null : 'must be a string (PostgreSQL array text such as "{a,b}")');
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? null : 'must be true or false');
    case 'integer':
    case 'number':
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? null : 'must be a finite number');
    case 'int8':
    case 'numeric':
      return (value) =>
        (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint' || (typeof value === 'string' && DECIMAL_INPUT.test(value.trim()))
          ? null
          : 'must be a number, a bigint or a numeric string';
    case 'timestamp':
      return (value) => (value instanceof Date ? (Number.isNaN(value.getTime()) ? 'must be a valid Date' : null) : typeof value === 'string' && isDateTime(value) ? null : 'must be a Date or an ISO 8601 date or timestamp string');
    case 'binary':
      return (value) => (value instanceof Uint8Array ? null : 'must be a Uint8Array or Buffer');
    case 'json':
    case 'interval':
    case 'unknown':
      return () => null;
  }
}

function elementCheck(column: ColumnDescriptor, form: ValueForm): ValueCheck {
  switch (column.value) {
    case 'string':
      return stringCheck(column);
    case 'array_literal':
      return (value) => (typeof value === 'string' ? null : 'must be a string (PostgreSQL array text such as "{a,b}")');
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? null : 'must be true or false');
    case 'integer':
      return numberCheck(column, true);
    case 'number':
      return numberCheck(column, false);
    case 'int8':
      return form === 'output' ? textNumberCheck(column, true) : exactNumberCheck(column, true);
    case 'numeric':
      return form === 'output' ? textNumberCheck(column, false) : exactNumberCheck(column, false);
    case 'timestamp':
      return timestampCheck(column, form);
    case 'json':
      return form === 'output' ? (value) => (isJson(value, 0) ? null : 'must be a JSON value') : jsonTextCheck;
    case 'binary':
      return (value) => {
        if (!(value instanceof Uint8Array)) return 'must be a Uint8Array or Buffer';
        return column.length !== undefined && value.byteLength > column.length ? `must be at most ${column.length} bytes long (${column.nativeType})` : null;
      };
    case 'interval':
      return (value) => (typeof value === 'string' || (typeof value === 'object' && value !== null) ? null : 'must be an interval object or string');
    case 'unknown':
      return () => null;
  }
}

function stringCheck(column: ColumnDescriptor): ValueCheck {
  const allowed = column.allowedValues === undefined ? null : new Set(column.allowedValues);
  const listed = column.allowedValues?.map((value) => JSON.stringify(value)).join(', ') ?? '';
  return (value) => {
    if (typeof value !== 'string') return 'must be a string';
    if (column.family === 'uuid' && !UUID.test(value)) return 'must be a UUID';
    if (column.family === 'bit' && !BITS.test(value)) return 'must be a string of 0s and 1s';
    if (allowed !== null) {
      if (column.family === 'set') {
        const wrong = value === '' ? undefined : value.split(',').find((member) => !allowed.has(member));
        if (wrong !== undefined) return `must be a comma-separated list of ${listed}; ${JSON.stringify(wrong)} is not one`;
      } else if (!allowed.has(value)) {
        return `must be one of ${listed}`;
      }
    }
    // Code points never outnumber UTF-16 units: only a string longer in units than the limit is counted.
    if (column.length !== undefined && value.length > column.length && characterLength(value) > column.length) {
      return `must be at most ${column.length} ${column.family === 'bit' ? 'bits' : 'characters'} long (${column.nativeType})`;
    }
    if (column.minLength !== undefined && characterLength(value) < column.minLength) return `must be at least ${column.minLength} characters long`;
    return null;
  };
}

/** Characters as the databases count them: code points, not UTF-16 units. */
function characterLength(value: string): number {
  let length = value.length;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--;
        i++;
      }
    }
  }
  return length;
}

function numberCheck(column: ColumnDescriptor, integer: boolean): ValueCheck {
  const bounds = boundsCheck(column);
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
    if (integer && !Number.isSafeInteger(value)) return 'must be an integer (a safe JavaScript integer)';
    return bounds.number(value);
  };
}

/** int8 and numeric on input: a number, a bigint (int8) or a numeric string. */
function exactNumberCheck(column: ColumnDescriptor, integer: boolean): ValueCheck {
  const bounds = boundsCheck(column);
  return (value) => {
    let decimal: Decimal | null = null;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return 'must be a finite number';
      if (integer && !Number.isSafeInteger(value)) return 'must be an integer; pass a bigint or a string beyond 2^53';
      return bounds.number(value);
    } else if (typeof value === 'bigint' && integer) {
      decimal = toDecimal(value);
    } else if (typeof value === 'string' && (integer ? INTEGER_TEXT : DECIMAL_INPUT).test(value.trim())) {
      decimal = toDecimal(value);
    }
    if (decimal === null) return integer ? 'must be an integer (a number, bigint or string of digits)' : 'must be a decimal number (a number or numeric string)';
    return bounds.decimal(decimal);
  };
}

/** int8 and numeric on output: node-postgres and mysql2 return them as strings. */
function textNumberCheck(column: ColumnDescriptor, integer: boolean): ValueCheck {
  const bounds = boundsCheck(column);
  return (value) => {
    const decimal = typeof value === 'string' && (integer ? INTEGER_TEXT : DECIMAL_INPUT).test(value) ? toDecimal(value) : null;
    return decimal === null ? `must be a string holding ${integer ? 'an integer' : 'a decimal number'}` : bounds.decimal(decimal);
  };
}

interface BoundsCheck {
  decimal(value: Decimal): string | null;
  /** The same check for a JavaScript number: compared as a number where that is exact. */
  number(value: number): string | null;
}

function boundsCheck(column: ColumnDescriptor): BoundsCheck {
  const min = column.min === undefined ? null : toDecimal(column.min);
  const max = column.max === undefined ? null : toDecimal(column.max);
  const limits = [
    min === null ? null : `${column.minExclusive ? '>' : '>='} ${column.min}`,
    max === null ? null : `${column.maxExclusive ? '<' : '<='} ${column.max}`,
  ].filter((part) => part !== null);
  const range = `must be ${limits.join(' and ')} (${column.nativeType})`;
  const integerDigits = column.precision === undefined ? null : column.precision - (column.scale ?? 0);
  // A numeric `CHECK (col IN (0, 1))`.
  const allowed = column.allowedValues?.map((text) => toDecimal(text)).filter((decimal) => decimal !== null) ?? [];
  const decimal = (value: Decimal): string | null => {
    if (allowed.length > 0 && !allowed.some((candidate) => compareDecimals(value, candidate) === 0)) {
      return `must be one of ${column.allowedValues?.join(', ')}`;
    }
    if (min !== null) {
      const order = compareDecimals(value, min);
      if (order < 0 || (order === 0 && column.minExclusive)) return range;
    }
    if (max !== null) {
      const order = compareDecimals(value, max);
      if (order > 0 || (order === 0 && column.maxExclusive)) return range;
    }
    if (integerDigits !== null && integerDigitsAfterRounding(value, column.scale ?? 0) > integerDigits) {
      return `must have at most ${integerDigits} digits before the decimal point (${column.nativeType})`;
    }
    return null;
  };
  // A number goes to the database as its shortest round-trip text, which orders as the number
  // does; so against bounds a double holds exactly, comparing numbers is comparing decimals. The
  // digit limit is only certain well inside it: near 10^digits rounding to the scale decides.
  const low = exactNumber(min);
  const high = exactNumber(max);
  const safe = integerDigits === null ? Infinity : 10 ** integerDigits * 0.9;
  if (allowed.length > 0 || low === undefined || high === undefined) return { decimal, number: (value) => decimal(toDecimal(value) as Decimal) };
  return {
    decimal,
    number(value) {
      if (Math.abs(value) >= safe) return decimal(toDecimal(value) as Decimal);
      if (low !== null && (value < low || (value === low && column.minExclusive))) return range;
      if (high !== null && (value > high || (value === high && column.maxExclusive))) return range;
      return null;
    },
  };
}

/** The bound as a number when a double holds it exactly; null for no bound, undefined when inexact. */
function exactNumber(bound: Decimal | null): number | null | undefined {
  if (bound === null) return null;
  const text = decimalText(bound);
  const number = Number(text);
  const back = toDecimal(number);
  return back !== null && compareDecimals(back, bound) === 0 ? number : undefined;
}

function timestampCheck(column: ColumnDescriptor, form: ValueForm): ValueCheck {
  // A range the type imposes (MySQL's TIMESTAMP); a time without a zone is taken as UTC.
  const min = typeof column.min === 'string' ? Date.parse(column.min) : null;
  const max = typeof column.max === 'string' ? Date.parse(column.max) : null;
  const range = (time: number): string | null =>
    (min !== null && time < min) || (max !== null && time > max) ? `must be from ${column.min} to ${column.max} (${column.nativeType})` : null;
  return (value) => {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'must be a valid Date' : range(value.getTime());
    if (form === 'output') return 'must be a Date';
    if (typeof value !== 'string' || !isDateTime(value)) return 'must be a Date or an ISO 8601 date or timestamp string';
    const zoned = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value) && value.length > 10;
    return range(Date.parse(`${value.replace(' ', 'T')}${zoned ? '' : value.length === 10 ? 'T00:00:00Z' : 'Z'}`));
  };
}

/** A well-formed date (no February 30th) with an optional time of day. */
function isDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (match === null) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  if ((year as number) < 1 || (month as number) < 1 || (month as number) > 12 || (day as number) < 1 || (day as number) > daysInMonth) return false;
  return hour < 24 && minute < 60 && second < 60;
}

/** JSON is written as its text: the drivers would mangle arrays and objects. */
function jsonTextCheck(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be JSON text (JSON.stringify the value)';
  try {
    JSON.parse(value);
    return null;
  } catch {
    return 'must be valid JSON text';
  }
}

function isJson(value: unknown, depth: number): boolean {
  if (depth > 200) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
  if (typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // undefined members are left out by JSON.stringify, as the Json type allows.
  return Object.values(value).every((item) => item === undefined || isJson(item, depth + 1));
}
