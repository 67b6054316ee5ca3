/**
 * A statement's shape: its SQL with literals and parameters replaced by `?`, and lists and
 * VALUES rows of any length folded into one, so that `IN (?, ?, ?)` and `IN (?)` are one shape.
 * Shapes carry no values, so they may be logged and exported in every mode.
 */
export function sqlShape(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .replace(/\(\?(?:, \?)*\)(?:, \(\?(?:, \?)*\))*/g, (list) => (list.includes('), (') ? '(…), …' : '(…)'))
    .trim();
}

/** The statement's verb, as OpenTelemetry's `db.operation.name` has it: SELECT, INSERT, … */
export function operationName(sql: string): string {
  return /^\s*([a-z]+)/i.exec(mainStatement(sql).text)?.[1]?.toUpperCase() ?? 'UNKNOWN';
}

/** The first table a statement names (after FROM, INTO or UPDATE), for statements no repository tagged. */
export function tableOf(sql: string): string | undefined {
  const { text, commonTables } = mainStatement(sql);
  const match = /\b(?:from|into|update)\s+((?:"[^"]+"|`[^`]+`|[\w$]+)(?:\.(?:"[^"]+"|`[^`]+`|[\w$]+))?)/i.exec(text);
  const table = match?.[1]?.replace(/["`]/g, '');
  return table === undefined || commonTables.includes(table.toLowerCase()) ? undefined : table;
}

/**
 * The statement after its WITH clause, and the names that clause defines: the verb and table of
 * `WITH t AS (…) SELECT … FROM t` are the SELECT's, and `t` is no table.
 */
function mainStatement(sql: string): { text: string; commonTables: string[] } {
  if (!/^\s*with\b/i.test(sql)) return { text: sql, commonTables: [] };
  const commonTables: string[] = [];
  const word = /"[^"]*"|`[^`]*`|'(?:[^']|'')*'|[\w$]+|[(),]/g;
  let depth = 0;
  let expectName = true;
  // The keywords blanked out, so positions still point into `sql`.
  const body = sql.replace(/^\s*with\s+(?:recursive\s+)?/i, (prefix) => ' '.repeat(prefix.length));
  for (let token = word.exec(body); token !== null; token = word.exec(body)) {
    const text = token[0];
    if (text === '(') depth += 1;
    else if (text === ')') depth -= 1;
    else if (depth === 0 && text === ',') expectName = true;
    else if (depth === 0 && expectName && text.toLowerCase() !== 'as') {
      commonTables.push(text.replace(/["`]/g, '').toLowerCase());
      expectName = false;
    } else if (depth === 0 && /^(?:select|insert|update|delete|merge|values)$/i.test(text) && commonTables.length > 0 && !expectName) {
      return { text: sql.slice(token.index), commonTables };
    }
  }
  return { text: sql, commonTables };
}
