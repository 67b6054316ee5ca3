import { causeText, CrudgenError } from '../runtime/errors/crudgen-error.js';

/** Where a server connection goes; never the password. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
  /** The database named in the URL, '' when none. */
  readonly database: string;
  readonly user: string;
}

/** What went wrong while connecting, in terms the user can act on; each driver maps its codes here. */
export type ConnectFailure = 'auth' | 'busy' | 'database_missing' | 'other' | 'refused' | 'timeout' | 'unresolvable';

/** Node's socket error codes, the same for every driver. */
export function socketFailure(code: unknown): ConnectFailure | null {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unresolvable';
  if (code === 'ETIMEDOUT') return 'timeout';
  return null;
}

export interface ServerDescription {
  /** The product as users name it: "PostgreSQL", "MySQL". */
  readonly product: string;
  /** The command that creates a missing database, e.g. `createdb app`. */
  readonly createDatabase: (database: string) => string;
  readonly timeoutSeconds: number;
}

/** The one message shape for a failed connection, whatever the driver. */
export function connectionError(server: ServerDescription, failure: ConnectFailure, endpoint: Endpoint, cause: unknown): CrudgenError {
  const where = `${endpoint.host}:${endpoint.port}`;
  const code = (cause as { code?: unknown }).code;
  const details = { ...endpoint, driverCode: typeof code === 'string' ? code : null };
  if (failure === 'database_missing') {
    return new CrudgenError('DATABASE_NOT_FOUND', `The ${server.product} server at ${where} has no database "${endpoint.database}".`, {
      cause,
      details,
      hint: `Create it (${server.createDatabase(endpoint.database)}) or fix the database name in the URL.`,
    });
  }
  const [reason, hint] = explain(server, failure, endpoint, cause);
  return new CrudgenError(
    'CONNECTION_FAILED',
    `Could not connect to ${server.product} at ${where} (database "${endpoint.database}", user "${endpoint.user}"): ${reason}.`,
    { cause, details, hint },
  );
}

function explain(server: ServerDescription, failure: ConnectFailure, endpoint: Endpoint, cause: unknown): [string, string] {
  // Drivers append "(using password: YES)"; whether one was sent is not the user's question.
  const text = causeText(cause).replace(/\s*\(using password: (YES|NO)\)/, '');
  switch (failure) {
    case 'auth':
      return [`the server refused user "${endpoint.user}" (${text})`, 'Check the user name and password in the URL, and that the server admits this user from this host.'];
    case 'refused':
      return ['nothing accepts connections there', `Start the ${server.product} server, or fix the host and port in the URL.`];
    case 'unresolvable':
      return [`the host name "${endpoint.host}" does not resolve`, 'Fix the host in the URL.'];
    case 'busy':
      return [`the server is not accepting more connections now (${text})`, 'Retry later, or raise max_connections on the server.'];
    case 'timeout':
      return [`no answer within ${server.timeoutSeconds} s`, 'Check that the host and port are right and that no firewall drops the connection.'];
    default:
      return [text, 'Check that the server is running and that host, port, user and database in the URL are right.'];
  }
}
