/**
 * Redaction of credentials. Every message, `details` value, cause and log line that may contain a
 * connection string passes through here, so a password can never reach a terminal, a log file or
 * a snapshot.
 */

// user:password@ in any scheme://… URL, including ones embedded in longer text.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*):([^@\s]*)@/gi;
// password=… in query strings and libpq/ODBC-style "key=value" connection strings.
const KEY_VALUE_SECRET = /\b(password|passwd|pwd|secret|token|sslpassword)=([^&;\s]+)/gi;
// Option objects: { password: '…' } and the like are masked by key, whatever the value looks like.
const SECRET_KEY = /^(password|passwd|pwd|pass|secret|token|sslpassword|apikey|api_key|accesstoken|access_token)$/i;

/** Replaces passwords in any text (URLs, key=value strings) with `***`. */
export function redact(text: string): string {
  return text.replace(URL_PASSWORD, '$1:***@').replace(KEY_VALUE_SECRET, '$1=***');
}

/** Deeply redacts a JSON-like value: every string by pattern, every secret-named key entirely. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Error)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY.test(key) && item != null ? '***' : redactDeep(item);
    return out as T;
  }
  return value;
}

/**
 * A copy of an error, with the same prototype (so `instanceof` still holds) and every own
 * property redacted: messages, stacks, `detail` fields and the URL a parser echoes back in
 * `input`. Causes are copied the same way, down the chain.
 */
export function redactError<T>(error: T, depth = 0): T {
  if (!(error instanceof Error) || depth > 8) return typeof error === 'string' ? (redact(error) as T) : error;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Record<string, unknown>;
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key) as PropertyDescriptor;
    if ('value' in descriptor) {
      const value: unknown = descriptor.value;
      descriptor.value =
        key === 'cause' ? redactError(value, depth + 1) : typeof key === 'string' && SECRET_KEY.test(key) && value != null ? '***' : redactDeep(value);
    }
    Object.defineProperty(copy, key, descriptor);
  }
  return copy as T;
}
