/**
 * A tokenizer for SQLite DDL as stored in `sqlite_schema.sql`. It knows enough of the lexical
 * rules (four identifier quotings, strings, comments) to find constraint clauses and to slice
 * expressions out of the original text unchanged; it is not a SQL parser.
 */
export interface Token {
  readonly kind: 'word' | 'quoted' | 'string' | 'number' | 'punct';
  /** The unquoted value: identifiers and strings without quotes and with escapes undone. */
  readonly value: string;
  /** For bare words, the upper-cased value (computed once, compared often); otherwise ''. */
  readonly keyword: string;
  readonly start: number;
  readonly end: number;
}

const CLOSERS: Readonly<Record<string, string>> = { '"': '"', '`': '`', '[': ']' };

// Character classes by code; schemas with thousands of tables make this loop hot.
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
function isWordStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 0x80;
}
function isWordPart(code: number): boolean {
  return isWordStart(code) || isDigit(code) || code === 36;
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const length = sql.length;
  let i = 0;
  while (i < length) {
    const code = sql.charCodeAt(i);
    const char = sql[i] as string;
    if (isSpace(code)) {
      i++;
    } else if (char === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      i = newline === -1 ? length : newline + 1;
    } else if (char === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? length : close + 2;
    } else if (char === "'") {
      i = readQuoted(sql, i, "'", 'string', tokens);
    } else if (CLOSERS[char] !== undefined) {
      i = readQuoted(sql, i, CLOSERS[char], 'quoted', tokens);
    } else if (isDigit(code) || (char === '.' && isDigit(sql.charCodeAt(i + 1)))) {
      const match = /^(0x[0-9a-f]+|[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?)/i.exec(sql.slice(i, i + 64)) as RegExpExecArray;
      tokens.push({ kind: 'number', value: match[0], keyword: '', start: i, end: i + match[0].length });
      i += match[0].length;
    } else if (isWordStart(code)) {
      let end = i + 1;
      while (end < length && isWordPart(sql.charCodeAt(end))) end++;
      const value = sql.slice(i, end);
      tokens.push({ kind: 'word', value, keyword: value.toUpperCase(), start: i, end });
      i = end;
    } else {
      tokens.push({ kind: 'punct', value: char, keyword: '', start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

function readQuoted(sql: string, start: number, close: string, kind: 'string' | 'quoted', tokens: Token[]): number {
  let value = '';
  let from = start + 1;
  for (;;) {
    const at = sql.indexOf(close, from);
    if (at === -1) {
      tokens.push({ kind, value: value + sql.slice(from), keyword: '', start, end: sql.length });
      return sql.length;
    }
    value += sql.slice(from, at);
    // A doubled closing quote is an escaped quote (not for [brackets], which cannot nest).
    if (close !== ']' && sql[at + 1] === close) {
      value += close;
      from = at + 2;
      continue;
    }
    tokens.push({ kind, value, keyword: '', start, end: at + 1 });
    return at + 1;
  }
}

/** True when the token is the unquoted keyword (case-insensitive). */
export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token !== undefined && token.keyword === keyword;
}

/** True for a token that names something: a bare word or a quoted identifier. */
export function isName(token: Token | undefined): token is Token {
  return token !== undefined && (token.kind === 'word' || token.kind === 'quoted' || token.kind === 'string');
}

/** Index of the `)` that closes the `(` at `open`, or the last index when unbalanced. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'punct') continue;
    if (token.value === '(') depth++;
    else if (token.value === ')' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Splits tokens[from, to) at commas outside parentheses. */
export function splitTopLevel(tokens: readonly Token[], from: number, to: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'punct') continue;
    if (token.value === '(') depth++;
    else if (token.value === ')') depth--;
    else if (token.value === ',' && depth === 0) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  if (start < to) parts.push([start, to]);
  return parts;
}

/** The original source text covered by tokens[from, to), trimmed. */
export function sourceOf(sql: string, tokens: readonly Token[], from: number, to: number): string {
  if (from >= to) return '';
  return sql.slice((tokens[from] as Token).start, (tokens[to - 1] as Token).end).trim();
}

/**
 * The comma-separated items inside the first top-level parentheses of a statement (the column
 * definitions and constraints of a CREATE TABLE), as [start, end) offsets. Scans characters
 * without building tokens, so callers can tokenize only the items they need.
 */
export function splitDefinitions(sql: string): Array<[number, number]> {
  const items: Array<[number, number]> = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < sql.length; i++) {
    switch (sql.charCodeAt(i)) {
      case 0x27: // '
        i = skipQuoted(sql, i, "'");
        break;
      case 0x22: // "
        i = skipQuoted(sql, i, '"');
        break;
      case 0x60: // `
        i = skipQuoted(sql, i, '`');
        break;
      case 0x5b: // [
        i = skipQuoted(sql, i, ']');
        break;
      case 0x2d: // -- comment
        if (sql.charCodeAt(i + 1) === 0x2d) {
          const newline = sql.indexOf('\n', i);
          i = newline === -1 ? sql.length : newline;
        }
        break;
      case 0x2f: // /* comment */
        if (sql.charCodeAt(i + 1) === 0x2a) {
          const close = sql.indexOf('*/', i + 2);
          i = close === -1 ? sql.length : close + 1;
        }
        break;
      case 0x28: // (
        if (depth++ === 0) start = i + 1;
        break;
      case 0x29: // )
        if (--depth === 0) {
          items.push([start, i]);
          return items;
        }
        break;
      case 0x2c: // ,
        if (depth === 1) {
          items.push([start, i]);
          start = i + 1;
        }
        break;
    }
  }
  return items;
}

/** The index of the closing quote of the quoted text opening at `start` (doubled quotes escape). */
function skipQuoted(sql: string, start: number, close: string): number {
  let from = start + 1;
  for (;;) {
    const at = sql.indexOf(close, from);
    if (at === -1) return sql.length;
    if (close !== ']' && sql[at + 1] === close) from = at + 2;
    else return at;
  }
}

/** SQLite folds only ASCII letters when it compares identifiers. */
export function foldName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 65 && code <= 90) return name.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  }
  return name;
}
