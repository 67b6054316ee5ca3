/**
 * Exact decimal arithmetic on strings, just enough to check bounds and numeric(p, s) limits
 * without the rounding of floating point: a 64-bit id or a numeric(30, 10) amount must be
 * compared digit by digit.
 */
export interface Decimal {
  readonly negative: boolean;
  /** Integer digits without leading zeros ('' for zero). */
  readonly integer: string;
  /** Fraction digits without trailing zeros. */
  readonly fraction: string;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Parses a number, bigint or decimal string (exponents allowed); null when it is none. */
export function toDecimal(value: number | bigint | string): Decimal | null {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  const text = typeof value === 'string' ? value.trim() : String(value);
  const match = DECIMAL_TEXT.exec(text);
  if (match === null) return null;
  const [, sign = '', whole = '', part = '', exponentText] = match;
  if (whole === '' && part === '') return null;
  let digits = whole + part;
  let point = whole.length + (exponentText === undefined ? 0 : Number(exponentText));
  if (Math.abs(point) > 4000) return null;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  } else if (point > digits.length) {
    digits = digits.padEnd(point, '0');
  }
  const integer = digits.slice(0, point).replace(/^0+/, '');
  const fraction = digits.slice(point).replace(/0+$/, '');
  return { negative: sign === '-' && (integer !== '' || fraction !== ''), integer, fraction };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const sign = a.negative ? -1 : 1;
  if (a.integer.length !== b.integer.length) return sign * (a.integer.length < b.integer.length ? -1 : 1);
  if (a.integer !== b.integer) return sign * (a.integer < b.integer ? -1 : 1);
  const length = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(length, '0');
  const fb = b.fraction.padEnd(length, '0');
  return fa === fb ? 0 : sign * (fa < fb ? -1 : 1);
}

/**
 * The number of integer digits once the value is rounded to `scale` fraction digits (half away
 * from zero, as the databases round on insert): 999.995 at scale 2 has four.
 */
export function integerDigitsAfterRounding(value: Decimal, scale: number): number {
  if (value.fraction.length <= scale || (value.fraction[scale] ?? '0') < '5') return value.integer.length;
  const kept = BigInt(`${value.integer}${value.fraction.slice(0, scale)}` || '0') + 1n;
  const digits = kept.toString();
  return Math.max(0, digits.length - scale);
}

export function decimalText(value: Decimal): string {
  const text = `${value.negative ? '-' : ''}${value.integer || '0'}`;
  return value.fraction === '' ? text : `${text}.${value.fraction}`;
}
