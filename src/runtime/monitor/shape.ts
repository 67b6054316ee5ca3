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
  return /^\s*(?:with\b[\s\S]*?\)\s*)?([a-z]+)/i.exec(sql)?.[1]?.toUpperCase() ?? 'UNKNOWN';
}

/** The first table a statement names (after FROM, INTO or UPDATE), for statements no repository tagged. */
export function tableOf(sql: string): string | undefined {
  const match = /\b(?:from|into|update)\s+((?:"[^"]+"|`[^`]+`|[\w$]+)(?:\.(?:"[^"]+"|`[^`]+`|[\w$]+))?)/i.exec(sql);
  return match?.[1]?.replace(/["`]/g, '');
}
