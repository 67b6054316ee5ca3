import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { Lru } from '../../lru.js';

/**
 * Kysely's SQLite dialect with a driver of our own, for two reasons. Kysely prepares every
 * statement again, and with better-sqlite3 preparing costs more than running a primary-key
 * lookup: statements are kept here by their SQL text. And its one connection is handed out
 * through a promise-based lock that costs more than the lookup itself; this one is free when
 * nobody holds the connection, which is nearly always.
 */
export class SqliteDialect implements Dialect {
  constructor(
    private readonly open: () => Promise<BetterSqlite3.Database>,
    private readonly statementCache: number,
  ) {}

  createDriver(): Driver {
    return new SqliteDriver(this.open, this.statementCache);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): SqliteAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): SqliteIntrospector {
    return new SqliteIntrospector(db);
  }
}

const DONE: Promise<void> = Promise.resolve();

class SqliteDriver implements Driver {
  private connection: SqliteConnection | undefined;
  private held = false;
  // Callers waiting for the connection, served in order (a transaction holds it throughout).
  private readonly waiting: Array<(connection: DatabaseConnection) => void> = [];

  constructor(
    private readonly open: () => Promise<BetterSqlite3.Database>,
    private readonly statementCache: number,
  ) {}

  async init(): Promise<void> {
    this.connection = new SqliteConnection(await this.open(), this.statementCache);
  }

  acquireConnection(): Promise<DatabaseConnection> {
    const connection = this.connection;
    if (connection === undefined) return Promise.reject(new Error('The SQLite database is closed.'));
    if (!this.held) {
      this.held = true;
      return Promise.resolve(connection);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  releaseConnection(): Promise<void> {
    const next = this.waiting.shift();
    if (next !== undefined && this.connection !== undefined) next(this.connection);
    else this.held = false;
    return DONE;
  }

  /**
   * A writing transaction starts IMMEDIATE: it takes the write lock at once, waiting out the busy
   * timeout for it. A deferred one would take it at its first write, and in WAL mode could then
   * fail at once without waiting (its snapshot stale) after doing work worth keeping. A read-only
   * one stays deferred and is made read-only with `query_only`. SQLite has one isolation level,
   * serializable, which satisfies any level asked for.
   */
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.accessMode === 'read only') {
      await connection.executeQuery(CompiledQuery.raw('begin'));
      await connection.executeQuery(CompiledQuery.raw('pragma query_only = true'));
      this.readOnly = true;
    } else {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
    await this.writable(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      await this.writable(connection);
    }
  }

  private readOnly = false;

  private async writable(connection: DatabaseConnection): Promise<void> {
    if (!this.readOnly) return;
    this.readOnly = false;
    await connection.executeQuery(CompiledQuery.raw('pragma query_only = false'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointCommand('savepoint', name));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointCommand('rollback to', name));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(savepointCommand('release', name));
  }

  async destroy(): Promise<void> {
    this.connection?.close();
    this.connection = undefined;
  }
}

function savepointCommand(command: string, name: string): CompiledQuery {
  return CompiledQuery.raw(`${command} "${name.replaceAll('"', '""')}"`);
}

class SqliteConnection implements DatabaseConnection {
  private readonly statements: Lru<string, BetterSqlite3.Statement>;

  constructor(
    private readonly database: BetterSqlite3.Database,
    private readonly capacity: number,
  ) {
    this.statements = new Lru(capacity);
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.prepare(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
    const { changes, lastInsertRowid } = statement.run(parameters);
    return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams SELECT statements only.');
    for (const row of this.prepare(query.sql).iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }

  close(): void {
    this.statements.clear();
    this.database.close();
  }

  /**
   * A kept statement unless it is busy (a stream still iterating it). SQLite re-prepares a kept
   * statement by itself after a schema change.
   */
  private prepare(text: string): BetterSqlite3.Statement {
    if (this.capacity === 0) return this.database.prepare(text);
    const kept = this.statements.get(text);
    if (kept !== undefined && !kept.busy) return kept;
    const statement = this.database.prepare(text);
    this.statements.set(text, statement);
    return statement;
  }
}
