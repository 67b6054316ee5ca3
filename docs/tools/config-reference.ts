import { isDeepStrictEqual } from 'node:util';
import { getDefaultSearchPlaces } from 'cosmiconfig';
import { z } from 'zod';
import { DEFAULT_OUT, DEFAULT_SNAPSHOT } from '../../src/cli/defaults.js';
import { MODULE_NAME } from '../../src/config/load.js';
import { configFile, configSettings, CURRENT_CONFIG_VERSION } from '../../src/config/schema.js';
import { code, generatedNotice, page, table } from './markdown.js';

const SOURCES = ['src/config/schema.ts', 'docs/tools/config-reference.ts'];
const NONE = '—';

/** The part of JSON Schema that zod writes for the configuration, plus the metadata schema.ts adds. */
interface SchemaNode {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: SchemaNode | false;
  readonly propertyNames?: SchemaNode;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly description?: string;
  readonly title?: string;
  readonly default?: unknown;
  readonly defaultDescription?: string;
}

/**
 * Everything the key table cannot say: where the file is found, what wins, variables,
 * environments and the two `config` commands. Each statement was checked against src/config and
 * src/cli; keep it that way when they change.
 */
function preamble(): string[] {
  const places = getDefaultSearchPlaces(MODULE_NAME).map(code).join(', ');
  return [
    '## Where crudgen finds it',
    `crudgen looks in the current directory, then in each parent up to the one with the project's \`package.json\`. In each directory it takes the first of these that exists: ${places}. \`package.json\` counts only when it has a \`${MODULE_NAME}\` key.`,
    '`--config PATH` loads that file instead and searches nothing; a path that does not exist is an error. Without any file, commands run on their flags, the built-in defaults and `DATABASE_URL`.',
    '`crudgen init` writes a commented starter file (`--format yaml|json|ts`). A TypeScript file exports its object with `export default defineConfig({ … })` (`import { defineConfig } from \'crudgen\'`); crudgen transpiles it without type checking, so no TypeScript installation is needed.',
    '## What wins',
    `A command-line flag wins over the file, and the file over \`DATABASE_URL\`. The database is \`--url\`, else \`database\`, else \`DATABASE_URL\`. The snapshot is \`--snapshot\` (\`--out\` for \`introspect\`, \`--from\` for \`diff\`), else \`snapshot\`, else ${code(DEFAULT_SNAPSHOT)}. Generated code goes to \`--out\`, else \`output.dir\`, else ${code(DEFAULT_OUT)}.`,
    '## Environment variables in values',
    '`${NAME}` and `${NAME:-default}` are replaced in every string value. Values come from the environment, then from a `.env` file in the configuration file\'s directory; the environment wins, and an empty variable counts as unset. A variable that is unset and has no default is a `CONFIG_INVALID` error naming every such key at once; in the `database` section, only for commands that connect through it (so `crudgen generate`, and any command given `--url`, work where DATABASE_URL is not set). `$${NAME}` stands for the literal text `${NAME}`.',
    'The file is validated before variables are filled in, so only string values can hold them: `port: ${DB_PORT}` is refused, since `port` must be a number.',
    '## Environments',
    '`env.<name>` holds overlays. The overlay is the one named by `--env`, else `CRUDGEN_ENV`, else `NODE_ENV`; a name given by `--env` or `CRUDGEN_ENV` that the file has no overlay for is an error, while a `NODE_ENV` without an overlay is ignored. Without a configuration file, `CRUDGEN_ENV` is ignored and `--env` is an error. Objects merge key by key; arrays and other values replace what the base has.',
    '`env.production` may not set `runtime.mode: development` or `runtime.monitoring.logParameters: true`, since both expose values meant for developers; this is checked whichever environment is chosen. `crudgen generate` writes the base `runtime` section and every overlay\'s `runtime` part into the generated code, which picks its overlay by `CRUDGEN_ENV`, else `NODE_ENV`, when the application starts.',
    '## Checking and upgrading',
    'Every object is strict: an unknown key is an error that names the nearest known keys, and all problems of a file are listed together.',
    '`crudgen config print` shows the file, the environment and the settings as crudgen reads them: overlay applied, variables filled in, secrets masked (`--json` for JSON). When the snapshot exists, it also checks the table and column names under `tables` against it, as `crudgen generate` and `crudgen check` always do: a misspelt name is an error, not a setting silently lost.',
    `The current format is \`version: ${CURRENT_CONFIG_VERSION}\`. A file without \`version\` is version 1 and still loads, with a warning for each old key: \`outDir\` is now \`output.dir\`, \`idStrategies\` is now \`tables.<table>.idStrategy\`. \`crudgen config migrate\` prints the file upgraded; \`--write\` saves it (JSON, YAML and \`package.json\`; a JavaScript or TypeScript file is printed for you to paste).`,
  ];
}

export function renderConfigReference(): string {
  const root = jsonSchema(configFile);
  const overlay = overlayOf(root);
  return page([
    generatedNotice(SOURCES),
    '# Configuration reference',
    ...preamble(),
    '## Keys',
    'A part in angle brackets, such as `<table>`, stands for a name you choose. "—" means no limit beyond the type (allowed values) or nothing set (default).',
    table(['key', 'type', 'allowed values', 'default', 'description'], rowsOf(root, '', overlay)),
  ]);
}

function jsonSchema(schema: z.ZodType): SchemaNode {
  const { $schema: _dialect, ...node } = z.toJSONSchema(schema, { io: 'input' });
  return node as SchemaNode;
}

/** One row per key, in the schema's order, objects before their keys and records through a placeholder. */
function rowsOf(node: SchemaNode, path: string, overlay: Overlay): string[][] {
  const rows: string[][] = [];
  for (const [key, child] of Object.entries(propertiesOf(node))) {
    const childPath = path === '' ? key : `${path}.${key}`;
    rows.push(row(childPath, child, node.required?.includes(key) === true));
    rows.push(...rowsOf(child, childPath, overlay));
  }
  const entry = node.additionalProperties;
  if (entry !== undefined && entry !== false) {
    const entryPath = `${path}.<${node.propertyNames?.title ?? 'name'}>`;
    if (isDeepStrictEqual(entry, overlay.schema)) {
      rows.push(row(entryPath, { type: 'object', description: overlay.description }, false));
    } else {
      rows.push(row(entryPath, entry, false));
      rows.push(...rowsOf(entry, entryPath, overlay));
    }
  }
  return rows;
}

/** An environment overlay repeats the top-level keys, so where one appears it is described by reference, not listed again. */
interface Overlay {
  readonly schema: SchemaNode;
  readonly description: string;
}

function overlayOf(root: SchemaNode): Overlay {
  const schema = jsonSchema(configSettings);
  const overlayKeys = Object.keys(schema.properties ?? {});
  const left = Object.keys(root.properties ?? {}).filter((key) => !overlayKeys.includes(key));
  return { schema, description: `An overlay: any of the keys above except ${left.map(code).join(' and ')}, as described there.` };
}

function row(path: string, node: SchemaNode, required: boolean): string[] {
  return [code(path), `${typeOf(node)}${required ? ' (required)' : ''}`, allowedOf(node) ?? NONE, defaultOf(node), node.description ?? NONE];
}

/** An object's keys; for a union such as `false | { … }`, the keys of its object member. */
function propertiesOf(node: SchemaNode): Readonly<Record<string, SchemaNode>> {
  return node.properties ?? node.anyOf?.find((member) => member.properties !== undefined)?.properties ?? {};
}

function typeOf(node: SchemaNode): string {
  if (node.anyOf !== undefined) return node.anyOf.map((member) => (member.const === undefined ? typeOf(member) : code(JSON.stringify(member.const)))).join(' or ');
  if (node.type === 'array') return `${node.items === undefined ? 'unknown' : typeOf(node.items)}[]`;
  return node.type ?? 'unknown';
}

function allowedOf(node: SchemaNode): string | undefined {
  if (node.anyOf !== undefined) {
    // A constant member is stated by the type column already.
    const each = node.anyOf.filter((member) => member.const === undefined).map(allowedOf).filter((allowed) => allowed !== undefined);
    return each.length === 0 ? undefined : each.join('; ');
  }
  if (node.enum !== undefined) return node.enum.map((value) => code(String(value))).join(', ');
  if (node.const !== undefined) return code(JSON.stringify(node.const));
  if (node.type === 'array') {
    const each = node.items === undefined ? undefined : allowedOf(node.items);
    return each === undefined ? undefined : `each ${each}`;
  }
  if (node.type === 'string' && node.minLength === 1) return 'non-empty';
  const bounds: string[] = [];
  if (node.exclusiveMinimum !== undefined) bounds.push(node.type === 'integer' ? `≥ ${node.exclusiveMinimum + 1}` : `> ${node.exclusiveMinimum}`);
  if (node.minimum !== undefined) bounds.push(`≥ ${node.minimum}`);
  // zod bounds every integer by Number.MAX_SAFE_INTEGER; only a bound of our own is worth stating.
  if (node.maximum !== undefined && node.maximum !== Number.MAX_SAFE_INTEGER) bounds.push(`≤ ${node.maximum}`);
  return bounds.length === 0 ? undefined : bounds.join(', ');
}

function defaultOf(node: SchemaNode): string {
  if (node.default !== undefined) return code(typeof node.default === 'string' ? node.default : JSON.stringify(node.default));
  return node.defaultDescription ?? NONE;
}
