/**
 * Identifiers for generated code. Database names may be anything (`select`, `a"b`, `with space`,
 * `bıgınt`); TypeScript names must be identifiers, distinct, and stable across runs.
 */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with as implements interface ' +
    'let package private protected public static yield any boolean number string symbol type from of async await declare ' +
    'never object unknown bigint undefined'
  ).split(' '),
);

const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/** Words of a name: split at anything that is not a letter or digit, and at camelCase humps. */
function words(name: string): string[] {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** `purchase_order` → `PurchaseOrder`; a leading digit gets an underscore. */
export function pascalCase(name: string): string {
  const result = words(name).map(capitalize).join('');
  return safeStart(result === '' ? 'Unnamed' : result);
}

/** `purchase_order` → `purchaseOrder`. */
export function camelCase(name: string): string {
  const [first = '', ...rest] = words(name);
  const result = first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join('');
  return safeStart(result === '' ? 'unnamed' : result);
}

function safeStart(identifier: string): string {
  return /^\p{N}/u.test(identifier) ? `_${identifier}` : identifier;
}

/** A simple English singular for class names (`categories` → `category`, `addresses` → `address`). */
export function singular(name: string): string {
  if (/ies$/i.test(name) && name.length > 3) return name.replace(/ies$/i, (m) => (m === 'IES' ? 'Y' : 'y'));
  if (/(ss|us|is)$/i.test(name)) return name;
  if (/(xes|ches|shes|sses)$/i.test(name)) return name.replace(/es$/i, '');
  if (/s$/i.test(name) && name.length > 1) return name.slice(0, -1);
  return name;
}

/** A property key: the name itself when it is a valid identifier, else a quoted string. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** True when `name` can stand as a variable or type name. */
export function isSafeIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/**
 * Gives each wanted name a distinct identifier, in the order given: the first keeps its name, later
 * ones that collide (or hit a reserved name) get a numeric suffix. Callers pass names in a stable
 * order, so the result is the same on every run. Collisions are returned so they can be reported.
 */
export function uniqueNames(
  wanted: readonly string[],
  taken: Iterable<string> = [],
  /** Names each chosen name brings with it (`BookRow` for `Book`); they must be free too. */
  derived: (name: string) => readonly string[] = () => [],
): { names: string[]; collisions: Array<[string, string]> } {
  const used = new Set(taken);
  const collisions: Array<[string, string]> = [];
  const free = (candidate: string): boolean => !used.has(candidate) && derived(candidate).every((name) => !used.has(name));
  const names = wanted.map((name) => {
    let candidate = isSafeIdentifier(name) ? name : `${name}_`;
    for (let n = 2; !free(candidate); n++) candidate = `${name}${n}`;
    if (candidate !== name) collisions.push([name, candidate]);
    used.add(candidate);
    for (const extra of derived(candidate)) used.add(extra);
    return candidate;
  });
  return { names, collisions };
}

/** `OrderLine2` → `order-line2`: a file name that differs from others in more than letter case. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

/** Distinct file names when compared case-insensitively (macOS and Windows), numbered in order. */
export function distinctFileNames(wanted: readonly string[]): string[] {
  const used = new Set<string>();
  return wanted.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${name}-${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
