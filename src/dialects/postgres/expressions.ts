import type { DefaultKind } from '../../schema/model.js';
import { doubleQuoted } from '../quoting.js';

/**
 * Reading the expressions PostgreSQL prints back (`pg_get_expr`): defaults, CHECKs. The server
 * prints them in one canonical style (casts as `::type`, strings as `'…'`, IN lists as
 * `= ANY (ARRAY[…])`), which is what makes small patterns enough.
 */

const CASTS = String.raw`(?:::[a-z_][^:']*?)*`;
const STRING = String.raw`'(?:[^']|'')*'`;
const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;
const LITERAL = new RegExp(String.raw`^(?:${STRING}|${NUMBER}|\(${NUMBER}\)|true|false|null)${CASTS}$`, 'i');
const SQL_VALUE_FUNCTION = /^(current_timestamp|current_date|current_time|localtimestamp|localtime|current_user|current_role|session_user|user|current_catalog|current_schema)(\(\d+\))?$/i;
const CALL = /^[a-z_][\w$]*(?:\.[a-z_][\w$]*)?\(/i;

/** Removes parentheses that enclose the whole expression: `((a > 0))` → `a > 0`. */
export function stripOuterParens(expression: string): string {
  let text = expression.trim();
  while (text.startsWith('(') && closingParen(text, 0) === text.length - 1) text = text.slice(1, -1).trim();
  return text;
}

export function classifyDefault(raw: string): DefaultKind {
  const text = stripOuterParens(raw);
  if (/^nextval\(/i.test(text)) return 'sequence';
  if (LITERAL.test(text)) return 'literal';
  if (SQL_VALUE_FUNCTION.test(text)) return 'function';
  if (CALL.test(text)) {
    const open = text.indexOf('(');
    const close = closingParen(text, open);
    if (close !== -1 && new RegExp(`^${CASTS}$`, 'i').test(text.slice(close + 1))) return 'function';
  }
  return 'expression';
}

/**
 * The values of a CHECK that limits one column to a list, as PostgreSQL prints
 * `CHECK (col IN ('a', 'b'))`: `((col)::text = ANY ((ARRAY['a'::character varying, …])::text[]))`.
 * `subject` is the column name (or `VALUE` in a domain's CHECK). Null for any other shape.
 */
export function allowedValuesOf(expression: string, subject: string): string[] | null {
  const text = stripOuterParens(expression);
  const match = /^(.+?) = ANY \((.*)\)$/s.exec(text);
  if (match === null) return null;
  const [, left = '', right = ''] = match;
  if (!refersTo(left, subject)) return null;
  const array = /^\(?ARRAY\[(.*)\]\)?(?:::[^:']+)?$/s.exec(right.trim());
  return array === null ? null : parseLiteralList(array[1] ?? '');
}

function refersTo(left: string, subject: string): boolean {
  const bare = stripOuterParens(left.replace(new RegExp(`${CASTS}$`, 'i'), ''));
  const quoted = doubleQuoted(subject);
  return bare === quoted || (bare === subject && /^[a-z_][a-z0-9_$]*$|^VALUE$/.test(subject));
}

function parseLiteralList(list: string): string[] | null {
  const item = new RegExp(String.raw`^\s*(?:(${STRING})|(${NUMBER}))${CASTS}\s*(,|$)`, 'i');
  const values: string[] = [];
  let rest = list;
  while (rest.length > 0) {
    const match = item.exec(rest);
    if (match === null) return null;
    const [whole, quoted, number] = match;
    values.push(quoted !== undefined ? quoted.slice(1, -1).replaceAll("''", "'") : (number ?? ''));
    rest = rest.slice(whole.length);
  }
  return values.length > 0 ? values : null;
}

/** The index of the parenthesis closing the one at `open`, skipping strings and quoted names. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === "'" || char === '"') {
      const end = text.indexOf(char, i + 1);
      if (end === -1) return -1;
      i = end;
      continue;
    }
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return -1;
}
