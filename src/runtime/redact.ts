/**
 * Redaction of credentials. Every message, `details` value and log line that may contain a
 * connection string passes through `redact()`, so a password can never reach a terminal, a log
 * file or a snapshot.
 */

// user:password@ in any scheme://… URL, including ones embedded in longer text.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*):([^@\s]*)@/gi;
// password=… in query strings and libpq/ODBC-style "key=value" connection strings.
const KEY_VALUE_SECRET = /\b(password|passwd|pwd|secret|token|sslpassword)=([^&;\s]+)/gi;

/** Replaces passwords in any text (URLs, key=value strings) with `***`. */
export function redact(text: string): string {
  return text.replace(URL_PASSWORD, '$1:***@').replace(KEY_VALUE_SECRET, '$1=***');
}

/** Deeply redacts every string inside a JSON-like value. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item);
    return out as T;
  }
  return value;
}
