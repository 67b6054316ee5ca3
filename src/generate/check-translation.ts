
/**
 * Translates the CHECK constraints a validator can enforce exactly, as the three engines print
 * them back: `price >= (0)::numeric`, `` `pages` > 0 ``, `(VALUE >= 1901) AND (VALUE <= 2155)`,
 * `char_length((name)::text) <= 50`, `starts_at < ends_at`, `x BETWEEN 1 AND 9`, IN lists. A
 * conjunction translates only when every part does; anything else (OR, functions, casts of
 * columns to other types, string comparisons that depend on collation) is left to the database.
 */
export type ComparisonOperator = '<' | '<=' | '>' | '>=';

export type CheckRule =
  /** `column op number`, the number as written (a decimal string). */
  | { readonly kind: 'bound'; readonly column: string; readonly operator: ComparisonOperator | '='; readonly value: string }
  /** `char_length(column) op n`. */
  | { readonly kind: 'length'; readonly column: string; readonly operator: ComparisonOperator | '='; readonly value: number }
  /** `left op right`, two columns of the same row. */
  | { readonly kind: 'compare'; readonly left: string; readonly operator: ComparisonOperator; readonly right: string }
  /** `column IN (…)`: the introspector already turned the list into the column's allowed values. */
  | { readonly kind: 'allowed'; readonly column: string }
  /** `json_valid(column)`: MariaDB's JSON alias. */
  | { readonly kind: 'json'; readonly column: string };

interface Token {
  readonly kind: 'name' | 'word' | 'number' | 'string' | 'op';
  readonly text: string;
}

type Operand =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'number'; readonly value: string }
  | { readonly kind: 'string' }
  | { readonly kind: 'length'; readonly column: string }
  | { readonly kind: 'json_valid'; readonly column: string };

const OPERATORS = ['>=', '<=', '<>', '!=', '==', '::', '>', '<', '=', '(', ')', ',', '[', ']', '-', '+'];
const FLIPPED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const close = char === '"' ? '"' : char === '`' ? '`' : char === "'" ? "'" : null;
    if (close !== null) {
      let value = '';
      let at = i + 1;
      for (;;) {
        const end = text.indexOf(close, at);
        if (end === -1) return null;
        value += text.slice(at, end);
        if (text[end + 1] === close) {
          value += close;
          at = end + 2;
          continue;
        }
        i = end + 1;
        break;
      }
      tokens.push({ kind: close === "'" ? 'string' : 'name', text: value });
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(text.slice(i, i + 80));
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0] });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i, i + 200));
    if (word !== null) {
      tokens.push({ kind: 'word', text: word[0] });
      i += word[0].length;
      continue;
    }
    const operator = OPERATORS.find((candidate) => text.startsWith(candidate, i));
    if (operator === undefined) return null;
    tokens.push({ kind: 'op', text: operator });
    i += operator.length;
  }
  return tokens;
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'IS', 'NULL', 'ANY', 'ARRAY', 'TRUE', 'FALSE', 'LIKE']);
// Functions that count characters; LENGTH does too, except where it counts bytes (MySQL).
const CHARACTER_LENGTH = new Set(['char_length', 'character_length']);

class Parser {
  private at = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly lengthCountsBytes: boolean,
    /** The name a domain's CHECK uses for its value (`VALUE`), mapped to the column. */
    private readonly valueColumn: string | null,
  ) {}

  parse(): CheckRule[] | null {
    const rules = this.conjunction();
    return rules !== null && this.at === this.tokens.length ? rules : null;
  }

  private conjunction(): CheckRule[] | null {
    const rules: CheckRule[] = [];
    for (;;) {
      const part = this.term();
      if (part === null) return null;
      rules.push(...part);
      if (!this.keyword('AND')) return rules;
    }
  }

  /** A comparison, or a parenthesised conjunction (tried second: `(0)::numeric` also opens with a paren). */
  private term(): CheckRule[] | null {
    const start = this.at;
    const comparison = this.comparison();
    if (comparison !== null) return comparison;
    this.at = start;
    if (!this.op('(')) return null;
    const inner = this.conjunction();
    return inner !== null && this.op(')') ? inner : null;
  }

  private comparison(): CheckRule[] | null {
    const left = this.operand();
    if (left === null) return null;
    if (left.kind === 'json_valid') return [{ kind: 'json', column: left.column }];
    if (this.keyword('BETWEEN')) {
      const low = this.operand();
      if (low === null || !this.keyword('AND')) return null;
      const high = this.operand();
      if (high === null) return null;
      const lower = rule(left, '>=', low);
      const upper = rule(left, '<=', high);
      return lower !== null && upper !== null ? [lower, upper] : null;
    }
    if (this.keyword('IN')) return left.kind === 'column' && this.skipList() ? [{ kind: 'allowed', column: left.name }] : null;
    const operator = this.peek();
    if (operator?.kind !== 'op' || !['<', '<=', '>', '>=', '=', '=='].includes(operator.text)) return null;
    this.at++;
    const symbol = operator.text === '==' ? '=' : (operator.text as ComparisonOperator | '=');
    // PostgreSQL prints `col IN (…)` as `col = ANY (ARRAY[…])`.
    if (symbol === '=' && this.keyword('ANY')) {
      return left.kind === 'column' && this.op('(') && this.keyword('ARRAY') && this.skipList('[', ']') && this.op(')')
        ? [{ kind: 'allowed', column: left.name }]
        : null;
    }
    const right = this.operand();
    if (right === null) return null;
    const translated = rule(left, symbol, right);
    return translated === null ? null : [translated];
  }

  /** A column, a number, a string, or a length of a column; casts and parentheses around them are dropped. */
  private operand(): Operand | null {
    let result: Operand | null;
    const start = this.at;
    if (this.op('(')) {
      result = this.operand();
      if (result === null || !this.op(')')) {
        this.at = start;
        return null;
      }
    } else {
      result = this.primary();
    }
    if (result === null) return null;
    while (this.op('::')) {
      // A column cast to another type compares differently from the column itself.
      if (!this.typeName() || (result.kind === 'column' && !this.castKeepsValue())) return null;
    }
    return result;
  }

  private primary(): Operand | null {
    const token = this.peek();
    if (token === undefined) return null;
    if (token.kind === 'op' && (token.text === '-' || token.text === '+')) {
      this.at++;
      const next = this.peek();
      if (next?.kind !== 'number') return null;
      this.at++;
      return { kind: 'number', value: token.text === '-' ? `-${next.text}` : next.text };
    }
    if (token.kind === 'number') {
      this.at++;
      return { kind: 'number', value: token.text };
    }
    if (token.kind === 'string') {
      this.at++;
      return { kind: 'string' };
    }
    if (token.kind === 'name') {
      this.at++;
      return { kind: 'column', name: token.text };
    }
    if (token.kind !== 'word') return null;
    const upper = token.text.toUpperCase();
    if (upper === 'VALUE' && this.valueColumn !== null) {
      this.at++;
      return { kind: 'column', name: this.valueColumn };
    }
    if (KEYWORDS.has(upper)) return null;
    this.at++;
    if (!this.op('(')) return { kind: 'column', name: token.text };
    const lower = token.text.toLowerCase();
    const argument = this.operand();
    if (argument?.kind !== 'column' || !this.op(')')) return null;
    if (CHARACTER_LENGTH.has(lower) || (lower === 'length' && !this.lengthCountsBytes)) return { kind: 'length', column: argument.name };
    if (lower === 'json_valid') return { kind: 'json_valid', column: argument.name };
    return null;
  }

  private lastType = '';

  /** Skips a type name after `::` (`numeric`, `character varying`, `numeric(8,2)`, `text[]`). */
  private typeName(): boolean {
    const words: string[] = [];
    while (this.peek()?.kind === 'word' || this.peek()?.kind === 'name') words.push((this.tokens[this.at++] as Token).text.toLowerCase());
    if (words.length === 0) return false;
    if (this.op('(')) {
      while (this.peek() !== undefined && !this.op(')')) this.at++;
    }
    while (this.op('[')) if (!this.op(']')) return false;
    this.lastType = words.join(' ');
    return true;
  }

  /** Casts PostgreSQL adds around text columns (`(name)::text`) do not change the value. */
  private castKeepsValue(): boolean {
    return this.lastType === 'text' || this.lastType === 'character varying' || this.lastType === 'bpchar';
  }

  private skipList(open = '(', close = ')'): boolean {
    if (!this.op(open)) return false;
    let depth = 1;
    while (depth > 0) {
      const token = this.tokens[this.at++];
      if (token === undefined) return false;
      if (token.kind === 'op' && token.text === open) depth++;
      else if (token.kind === 'op' && token.text === close) depth--;
    }
    return true;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private op(text: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'op' || token.text !== text) return false;
    this.at++;
    return true;
  }

  private keyword(text: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'word' || token.text.toUpperCase() !== text) return false;
    this.at++;
    return true;
  }
}

function rule(left: Operand, operator: ComparisonOperator | '=', right: Operand): CheckRule | null {
  if (left.kind === 'column' && right.kind === 'number') return { kind: 'bound', column: left.name, operator, value: right.value };
  if (left.kind === 'number' && right.kind === 'column') {
    return { kind: 'bound', column: right.name, operator: operator === '=' ? '=' : FLIPPED[operator], value: left.value };
  }
  if (left.kind === 'length' && right.kind === 'number' && /^\d+$/.test(right.value)) {
    return { kind: 'length', column: left.column, operator, value: Number(right.value) };
  }
  if (left.kind === 'column' && right.kind === 'column' && operator !== '=') return { kind: 'compare', left: left.name, operator, right: right.name };
  return null;
}

/** The rules of one CHECK expression, or null when any part of it does not translate. */
export function translateCheck(expression: string, lengthCountsBytes: boolean, valueColumn: string | null = null): CheckRule[] | null {
  const tokens = tokenize(expression);
  return tokens === null ? null : new Parser(tokens, lengthCountsBytes, valueColumn).parse();
}
