/** An identifier in standard SQL double quotes (PostgreSQL, SQLite), `"` doubled: keywords and any spelling survive. */
export function doubleQuoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
