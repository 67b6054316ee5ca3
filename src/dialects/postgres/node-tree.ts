/**
 * A reader for PostgreSQL's `pg_node_tree` text (the stored form of a view's query in
 * `pg_rewrite.ev_action`). The format is the server's own serialisation of parse trees: `{NAME
 * :field value …}` for nodes, `( … )` for lists, bare tokens for everything else, `<>` for null.
 * Field names and node names differ between server versions, so callers read only the few stable
 * fields they need and treat anything unexpected as "not understood".
 */
export type TreeValue = string | TreeNode | readonly TreeValue[];

export interface TreeNode {
  readonly node: string;
  /** Each field's tokens; almost always one value, a datum (`:constvalue 4 [ … ]`) has several. */
  readonly fields: ReadonlyMap<string, readonly TreeValue[]>;
}

interface Token {
  readonly text: string;
  /** `(`, `)`, `{` or `}` used as structure, not as escaped characters inside a name. */
  readonly delimiter: boolean;
}

/** Splits like the server's `pg_strtok`: whitespace separates, brackets stand alone, `\` escapes. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === ' ' || char === '\n' || char === '\t' || char === '\r') {
      i++;
    } else if (char === '(' || char === ')' || char === '{' || char === '}') {
      tokens.push({ text: char, delimiter: true });
      i++;
    } else {
      let token = '';
      while (i < text.length && !' \n\t\r(){}'.includes(text[i] as string)) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        token += text[i];
        i++;
      }
      tokens.push({ text: token, delimiter: false });
    }
  }
  return tokens;
}

/** Parses a node tree; null when the text is not one. */
export function parseNodeTree(text: string): TreeValue | null {
  const tokens = tokenize(text);
  let at = 0;
  const value = (): TreeValue => {
    const token = tokens[at++];
    if (token === undefined) throw new SyntaxError('unexpected end of node tree');
    if (!token.delimiter) return token.text;
    if (token.text === '(') {
      const items: TreeValue[] = [];
      while (!isDelimiter(tokens[at], ')')) items.push(value());
      at++;
      return items;
    }
    if (token.text === '{') {
      const name = tokens[at++];
      if (name === undefined || name.delimiter) throw new SyntaxError('a node without a name');
      const fields = new Map<string, TreeValue[]>();
      let current: TreeValue[] | null = null;
      while (!isDelimiter(tokens[at], '}')) {
        const next = tokens[at] as Token;
        if (!next.delimiter && next.text.startsWith(':')) {
          current = [];
          fields.set(next.text.slice(1), current);
          at++;
        } else if (current === null) {
          throw new SyntaxError('a value before any field');
        } else {
          current.push(value());
        }
      }
      at++;
      return { node: name.text, fields };
    }
    throw new SyntaxError(`unexpected "${token.text}"`);
  };
  try {
    const result = value();
    return at === tokens.length ? result : null;
  } catch {
    return null;
  }
}

function isDelimiter(token: Token | undefined, text: string): boolean {
  if (token === undefined) throw new SyntaxError(`missing "${text}"`);
  return token.delimiter && token.text === text;
}

export function isNode(value: TreeValue | undefined, name?: string): value is TreeNode {
  return typeof value === 'object' && !Array.isArray(value) && (name === undefined || (value as TreeNode).node === name);
}

/** A field's single value (the first, for multi-token fields). */
export function field(node: TreeNode, name: string): TreeValue | undefined {
  return node.fields.get(name)?.[0];
}

export function listOf(value: TreeValue | undefined): readonly TreeValue[] {
  return Array.isArray(value) ? value : [];
}
