import {
  foldName,
  isKeyword,
  isName,
  matchingParen,
  sourceOf,
  splitDefinitions,
  splitTopLevel,
  tokenize,
  type Token,
} from './sql-tokens.js';

/**
 * Reads from stored CREATE statements the facts SQLite's pragmas do not expose: constraint
 * names, CHECK and generated-column expressions, AUTOINCREMENT, collations, index expressions and
 * partial-index predicates. Everything the pragmas do report is taken from the pragmas.
 */

export interface ParsedColumn {
  readonly autoincrement: boolean;
  readonly primaryKeyDescending: boolean;
  readonly collation: string | null;
  readonly generated: string | null;
}

export interface ParsedCheck {
  readonly name: string | null;
  readonly expression: string;
}

/** What the pragma does not say about a foreign key. */
export interface ParsedForeignKey {
  readonly name: string | null;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
}

export interface ParsedTable {
  /** Keyed by folded column name. */
  readonly columns: ReadonlyMap<string, ParsedColumn>;
  readonly checks: readonly ParsedCheck[];
  readonly primaryKeyName: string | null;
  /** Constraint names keyed by `columnKey()` of their folded column list. */
  readonly uniqueNames: ReadonlyMap<string, string>;
  /** Foreign keys keyed by `columnKey()` of their folded child columns. */
  readonly foreignKeys: ReadonlyMap<string, ParsedForeignKey>;
}

/** The key under which constraint names are looked up by their columns. */
export function columnKey(columns: readonly string[]): string {
  return columns.map(foldName).join('\u0000');
}

const COLUMN_CONSTRAINT_START = new Set([
  'CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS',
]);
const TABLE_CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);

// Plain column definitions (name, type, NOT NULL, DEFAULT) say nothing the pragmas do not;
// only items that may carry a constraint name, an expression, a collation or AUTOINCREMENT are
// tokenized. A false match (the word inside a name or string) only costs a tokenization.
const WORTH_PARSING = /\b(?:CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN|COLLATE|AS|AUTOINCREMENT|REFERENCES)\b/i;

export function parseCreateTable(statement: string): ParsedTable {
  const columns = new Map<string, ParsedColumn>();
  const checks: ParsedCheck[] = [];
  const uniqueNames = new Map<string, string>();
  const foreignKeys = new Map<string, ParsedForeignKey>();
  let primaryKeyName: string | null = null;

  for (const [start, end] of splitDefinitions(statement)) {
    const sql = statement.slice(start, end);
    if (!WORTH_PARSING.test(sql)) continue;
    const tokens = tokenize(sql);
    const from = 0;
    const to = tokens.length;
    const first = tokens[0];
    if (first === undefined) continue;
    if (TABLE_CONSTRAINT_START.has(first.keyword)) {
      let i = from;
      let name: string | null = null;
      if (isKeyword(tokens[i], 'CONSTRAINT') && isName(tokens[i + 1])) {
        name = (tokens[i + 1] as Token).value;
        i += 2;
      }
      const keyword = tokens[i]?.keyword;
      if (keyword === 'CHECK') {
        checks.push({ name, expression: parenthesised(sql, tokens, i + 1) });
      } else if (keyword === 'FOREIGN') {
        const key = columnKey(columnList(tokens, indexOfPunct(tokens, i, to, '(')));
        foreignKeys.set(key, { name, ...deferrability(tokens, i, to) });
      } else if (name !== null && (keyword === 'PRIMARY' || keyword === 'UNIQUE')) {
        const key = columnKey(columnList(tokens, indexOfPunct(tokens, i, to, '(')));
        if (keyword === 'PRIMARY') primaryKeyName = name;
        else uniqueNames.set(key, name);
      }
      continue;
    }
    const column = parseColumnDefinition(sql, tokens, from, to, checks, uniqueNames, foreignKeys);
    if (column.primaryKeyName !== null) primaryKeyName = column.primaryKeyName;
    columns.set(foldName(first.value), column.parsed);
  }
  return { columns, checks, primaryKeyName, uniqueNames, foreignKeys };
}

function parseColumnDefinition(
  sql: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  checks: ParsedCheck[],
  uniqueNames: Map<string, string>,
  foreignKeys: Map<string, ParsedForeignKey>,
): { parsed: ParsedColumn; primaryKeyName: string | null } {
  const columnName = (tokens[from] as Token).value;
  let autoincrement = false;
  let primaryKeyDescending = false;
  let collation: string | null = null;
  let generated: string | null = null;
  let primaryKeyName: string | null = null;
  let constraintName: string | null = null;

  let i = from + 1;
  // Skip the declared type, which may have several words and a parenthesised size.
  while (i < to && !COLUMN_CONSTRAINT_START.has((tokens[i] as Token).keyword)) {
    i = isPunct(tokens[i], '(') ? matchingParen(tokens, i) + 1 : i + 1;
  }
  while (i < to) {
    const token = tokens[i] as Token;
    const keyword = token.keyword;
    if (keyword === 'CONSTRAINT' && isName(tokens[i + 1])) {
      constraintName = (tokens[i + 1] as Token).value;
      i += 2;
      continue;
    }
    if (keyword === 'PRIMARY') {
      primaryKeyName = constraintName;
      if (isKeyword(tokens[i + 2], 'DESC')) primaryKeyDescending = true;
    } else if (keyword === 'AUTOINCREMENT') {
      autoincrement = true;
    } else if (keyword === 'COLLATE' && isName(tokens[i + 1])) {
      collation = (tokens[i + 1] as Token).value;
    } else if (keyword === 'CHECK') {
      checks.push({ name: constraintName, expression: parenthesised(sql, tokens, i + 1) });
      i = matchingParen(tokens, i + 1) + 1;
      constraintName = null;
      continue;
    } else if (keyword === 'AS' && isPunct(tokens[i + 1], '(')) {
      generated = parenthesised(sql, tokens, i + 1);
      i = matchingParen(tokens, i + 1) + 1;
      continue;
    } else if (keyword === 'UNIQUE' && constraintName !== null) {
      uniqueNames.set(columnKey([columnName]), constraintName);
    } else if (keyword === 'REFERENCES') {
      foreignKeys.set(columnKey([columnName]), { name: constraintName, ...deferrability(tokens, i, to) });
    }
    // A name given by CONSTRAINT belongs to the one constraint that follows it.
    if (COLUMN_CONSTRAINT_START.has(keyword)) constraintName = null;
    i = isPunct(tokens[i], '(') ? matchingParen(tokens, i) + 1 : i + 1;
  }
  return { parsed: { autoincrement, primaryKeyDescending, collation, generated }, primaryKeyName };
}

export interface ParsedIndex {
  /** Source text of each key part (column or expression), without ASC/DESC/COLLATE. */
  readonly parts: readonly string[];
  readonly predicate: string | null;
}

export function parseCreateIndex(sql: string): ParsedIndex {
  const tokens = tokenize(sql);
  const on = tokens.findIndex((t) => isKeyword(t, 'ON'));
  const open = indexOfPunct(tokens, on + 1, tokens.length, '(');
  if (on === -1 || open === -1) return { parts: [], predicate: null };
  const close = matchingParen(tokens, open);
  const parts = splitTopLevel(tokens, open + 1, close).map(([from, to]) => {
    let end = to;
    if (isKeyword(tokens[end - 1], 'ASC') || isKeyword(tokens[end - 1], 'DESC')) end--;
    if (end - 2 >= from && isKeyword(tokens[end - 2], 'COLLATE')) end -= 2;
    return sourceOf(sql, tokens, from, end);
  });
  const where = tokens.findIndex((t, i) => i > close && isKeyword(t, 'WHERE'));
  return { parts, predicate: where === -1 ? null : sourceOf(sql, tokens, where + 1, tokens.length) };
}

/** The SELECT of a CREATE VIEW statement. */
export function parseViewDefinition(sql: string): string | null {
  const tokens = tokenize(sql);
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')')) depth--;
    else if (depth === 0 && isKeyword(token, 'AS')) return sourceOf(sql, tokens, i + 1, tokens.length);
  }
  return null;
}

/**
 * The values of `col IN ('a', 'b', …)` when a CHECK expression is exactly that (optionally in
 * parentheses). Returns the folded column name and the values in declared order.
 */
export function parseInListCheck(expression: string): { column: string; values: string[] } | null {
  let tokens = tokenize(expression);
  while (isPunct(tokens[0], '(') && matchingParen(tokens, 0) === tokens.length - 1) tokens = tokens.slice(1, -1);
  const [columnToken, inToken, open] = tokens;
  if (!isName(columnToken) || columnToken.kind === 'string' || !isKeyword(inToken, 'IN') || !isPunct(open, '(')) return null;
  if (matchingParen(tokens, 2) !== tokens.length - 1) return null;
  const values: string[] = [];
  for (const [from, to] of splitTopLevel(tokens, 3, tokens.length - 1)) {
    const value = tokens[from];
    if (to - from !== 1 || value === undefined || (value.kind !== 'string' && value.kind !== 'number')) return null;
    values.push(value.value);
  }
  return values.length > 0 ? { column: foldName(columnToken.value), values } : null;
}

/**
 * `DEFERRABLE INITIALLY DEFERRED` in a foreign-key clause. In SQLite only that combination defers
 * the check to COMMIT; `DEFERRABLE` alone or `INITIALLY IMMEDIATE` still checks per statement.
 */
function deferrability(tokens: readonly Token[], from: number, to: number): { deferrable: boolean; initiallyDeferred: boolean } {
  for (let i = from; i < to; i++) {
    if (!isKeyword(tokens[i], 'DEFERRABLE')) continue;
    const deferrable = !isKeyword(tokens[i - 1], 'NOT');
    const initiallyDeferred = deferrable && isKeyword(tokens[i + 1], 'INITIALLY') && isKeyword(tokens[i + 2], 'DEFERRED');
    return { deferrable, initiallyDeferred };
  }
  return { deferrable: false, initiallyDeferred: false };
}

function isPunct(token: Token | undefined, value: string): boolean {
  return token !== undefined && token.kind === 'punct' && token.value === value;
}

function indexOfPunct(tokens: readonly Token[], from: number, to: number, value: string): number {
  for (let i = from; i < to; i++) if (isPunct(tokens[i], value)) return i;
  return -1;
}

/** The text inside the parentheses that open at tokens[open]. */
function parenthesised(sql: string, tokens: readonly Token[], open: number): string {
  if (!isPunct(tokens[open], '(')) return '';
  return sourceOf(sql, tokens, open + 1, matchingParen(tokens, open));
}

/** The first name of each comma-separated item in the parenthesised list at tokens[open]. */
function columnList(tokens: readonly Token[], open: number): string[] {
  if (open === -1) return [];
  return splitTopLevel(tokens, open + 1, matchingParen(tokens, open))
    .map(([from]) => tokens[from])
    .filter(isName)
    .map((token) => token.value);
}
