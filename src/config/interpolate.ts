import { ConfigError } from '../runtime/errors/classes.js';

// ${NAME} or ${NAME:-default}; $${…} stays literal.
const PLACEHOLDER = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a config object with values from
 * the environment. A variable that is unset and has no default is an error naming it and
 * where it was used; all of them are reported at once.
 */
export function interpolate<T>(value: T, env: NodeJS.ProcessEnv): T {
  const { result, missing } = substitute(value, env);
  if (missing.length > 0) throw unsetVariablesError(missing);
  return result;
}

/** The replacement, and where a variable was unset (left as written there); `at` is the key path of `value` in the file. */
export function substitute<T>(value: T, env: NodeJS.ProcessEnv, at = ''): { readonly result: T; readonly missing: readonly string[] } {
  const missing: string[] = [];
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, escaped: string, name: string, fallback: string | undefined) => {
        if (escaped === '$') return whole.slice(1);
        const found = env[name];
        if (found !== undefined && found !== '') return found;
        if (fallback !== undefined) return fallback;
        missing.push(`${path}: \${${name}} is not set`);
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${path}[${index}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, path === '' ? key : `${path}.${key}`)]));
    }
    return node;
  };
  return { result: walk(value, at) as T, missing };
}

export function unsetVariablesError(missing: readonly string[]): ConfigError {
  return new ConfigError(`The configuration uses environment variables that are not set: ${missing.join('; ')}.`, {
    details: { missing },
    hint: 'Set them (in the environment or a .env file), or give a default with ${NAME:-value}.',
  });
}
