import { CrudgenError } from './errors/crudgen-error.js';
import { redact } from './redact.js';

export type DialectName = 'mysql' | 'postgres' | 'sqlite';

/** Where to connect: the parsed form of a database URL. */
export type ConnectionTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres' | 'mysql'; readonly url: string };

/** URL schemes and the dialect each selects. */
const SERVER_SCHEMES: Readonly<Record<string, Exclude<DialectName, 'sqlite'>>> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
};
const FILE_SCHEMES = new Set(['sqlite', 'file']);
const SQLITE_EXTENSIONS = /\.(db|sqlite|sqlite3)$/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** The schemes we accept, for messages. */
export const SUPPORTED_URL_FORMS = 'postgres://, postgresql://, mysql://, mariadb://, sqlite:PATH, file:PATH or a *.db / *.sqlite / *.sqlite3 path';

/**
 * Parses a database URL (or a bare SQLite file path) into a connection target. Messages show the
 * URL redacted, never its password.
 */
export function parseDatabaseUrl(input: string): ConnectionTarget {
  const text = input.trim();
  if (text === '') {
    throw new CrudgenError('URL_INVALID', 'The database URL is empty.', { hint: `Pass one of ${SUPPORTED_URL_FORMS}.` });
  }
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  // A Windows drive letter (C:\…) looks like a one-letter scheme; treat it as a path.
  if (scheme === undefined || (scheme.length === 1 && /^[a-z]:[\\/]/i.test(text))) return parseBarePath(text);
  if (FILE_SCHEMES.has(scheme)) return { dialect: 'sqlite', file: sqlitePath(text, scheme) };
  const dialect = SERVER_SCHEMES[scheme];
  if (dialect === undefined) {
    throw new CrudgenError('URL_UNSUPPORTED_SCHEME', `The database URL "${redact(text)}" uses the unsupported scheme "${scheme}:".`, {
      details: { url: text, scheme },
      hint: `Use one of ${SUPPORTED_URL_FORMS}.`,
    });
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw invalid(text, 'it is not a well-formed URL', cause);
  }
  if (url.hostname === '') throw invalid(text, 'it names no host', undefined);
  if (url.port !== '' && !/^\d+$/.test(url.port)) throw invalid(text, 'its port is not a number', undefined);
  return { dialect, url: text };
}

function parseBarePath(text: string): ConnectionTarget {
  if (SQLITE_EXTENSIONS.test(text)) return { dialect: 'sqlite', file: text };
  throw new CrudgenError('URL_INVALID', `"${redact(text)}" is neither a database URL nor a SQLite file path.`, {
    details: { url: text },
    hint: `Pass one of ${SUPPORTED_URL_FORMS}.`,
  });
}

function sqlitePath(text: string, scheme: string): string {
  let path = text.slice(scheme.length + 1);
  // sqlite://relative/x.db and file:///abs/x.db: the authority part is empty or absent.
  if (path.startsWith('//')) path = path.slice(2);
  const query = path.indexOf('?');
  if (query !== -1) path = path.slice(0, query);
  if (path === '') throw invalid(text, 'it names no file', undefined);
  try {
    return decodeURIComponent(path);
  } catch (cause) {
    throw invalid(text, 'its path has a broken %-escape', cause);
  }
}

function invalid(text: string, reason: string, cause: unknown): CrudgenError {
  return new CrudgenError('URL_INVALID', `The database URL "${redact(text)}" is malformed: ${reason}.`, {
    cause,
    details: { url: text },
    hint: `Use one of ${SUPPORTED_URL_FORMS}.`,
  });
}

/** Connection fields instead of a URL, for options and config files. */
export type ConnectionFields =
  | {
      readonly dialect: 'postgres' | 'mysql';
      readonly host: string;
      readonly port?: number | undefined;
      readonly user?: string | undefined;
      readonly password?: string | undefined;
      readonly database: string;
    }
  | { readonly dialect: 'sqlite'; readonly file: string };

/** The URL for connection fields, with user and password escaped. */
export function connectionUrl(fields: ConnectionFields): string {
  if ('file' in fields) return `sqlite:${fields.file}`;
  const password = fields.password === undefined ? '' : `:${encodeURIComponent(fields.password)}`;
  const auth = fields.user === undefined ? '' : `${encodeURIComponent(fields.user)}${password}@`;
  const port = fields.port === undefined ? '' : `:${fields.port}`;
  return `${fields.dialect}://${auth}${fields.host}${port}/${encodeURIComponent(fields.database)}`;
}
