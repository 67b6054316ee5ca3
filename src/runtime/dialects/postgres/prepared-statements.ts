import { createHash } from 'node:crypto';
import type pg from 'pg';
import { Lru } from '../../lru.js';

type Query = (...args: unknown[]) => Promise<unknown>;

// node-postgres' record of the statements a connection has prepared; the eviction must update it.
interface Internals {
  readonly connection?: { readonly parsedStatements?: Record<string, string> };
}

// Statement names by SQL text, shared by all connections: hashing the text once is enough.
const NAMES = new Lru<string, string>(4096);

function nameOf(text: string): string {
  let name = NAMES.get(text);
  if (name === undefined) {
    name = `crudgen_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    NAMES.set(text, name);
  }
  return name;
}

/**
 * Runs a connection's parameterised statements as named prepared statements, so the server
 * parses and plans each distinct statement once per connection instead of on every call. Names
 * come from a hash of the SQL; each connection keeps at most `capacity` of them and sends
 * `DEALLOCATE` for the least recently used. A statement whose cached plan the server refuses
 * after a schema change (0A000) is prepared again, once. Transaction-mode poolers (PgBouncer)
 * cannot keep prepared statements: turn this off with `statementCache: false` behind one.
 */
export function prepareStatements(client: pg.PoolClient, capacity: number): void {
  const parsed = (client as unknown as Internals).connection?.parsedStatements;
  // If node-postgres changes inside, statements simply stay unnamed.
  if (typeof parsed !== 'object' || parsed === null) return;
  const query = client.query.bind(client) as Query;
  const deallocate = (name: string): void => {
    delete parsed[name];
    // Queued on the connection before the next statement; a failure only means it is gone already.
    query(`DEALLOCATE ${name}`).catch(() => undefined);
  };
  const recent = new Lru<string, true>(capacity, deallocate);
  (client as unknown as { query: Query }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || rest.length > 0) return query(text, values, ...rest);
    const name = nameOf(text);
    recent.set(name, true);
    return query({ name, text, values }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== '0A000') throw error;
      deallocate(name);
      // Inside a transaction the failure has aborted it and the retry cannot help: report the first error.
      return query({ name, text, values }).catch(() => {
        throw error;
      });
    });
  };
}
