/** An identifier in standard SQL double quotes (PostgreSQL, SQLite), `"` doubled: keywords and any spelling survive. */
export function doubleQuoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal in standard SQL single quotes (PostgreSQL, SQLite), `'` doubled; MySQL also escapes backslashes (mysql/ddl.ts). */
export function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
