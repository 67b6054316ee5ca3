import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspect } from '../../src/operations/introspect.js';
import { createDatabase, type Database } from '../../src/runtime/database.js';
import type { TransactionOptions } from '../../src/runtime/transaction.js';
import { rejection } from '../helpers/errors.js';
import { loadGenerated } from '../helpers/generated.js';
import { mysqlScratch } from '../helpers/mysql.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { postgresScratch } from '../helpers/postgres.js';
import { within } from '../helpers/tcp.js';
import type { TransferReport, TransferWork } from '../helpers/transfer-worker.js';

type Row = Record<string, any>;
type Repository = Record<'count' | 'create' | 'createMany' | 'findById' | 'getById' | 'update' | 'upsert', (...args: any[]) => Promise<any>>;
interface Ledger {
  readonly account: Repository;
  readonly transfer: Repository;
  transaction<T>(work: (tx: Ledger) => Promise<T>, options?: TransactionOptions): Promise<T>;
}
type Tables = Record<'account' | 'transfer', Record<string, any>>;

const OUTPUT = join(ROOT, '.test-output', `transactions-${process.pid}`);

const LEDGER = {
  postgres: `
    CREATE TABLE account (id integer PRIMARY KEY, owner text NOT NULL, balance integer NOT NULL CHECK (balance >= -1000000), version integer NOT NULL DEFAULT 1);
    CREATE TABLE transfer (id serial PRIMARY KEY, from_id integer NOT NULL REFERENCES account (id), to_id integer NOT NULL REFERENCES account (id), amount integer NOT NULL);`,
  mysql: `
    CREATE TABLE account (id INT PRIMARY KEY, owner VARCHAR(50) NOT NULL, balance INT NOT NULL, version INT NOT NULL DEFAULT 1);
    CREATE TABLE transfer (id INT AUTO_INCREMENT PRIMARY KEY, from_id INT NOT NULL REFERENCES account (id), to_id INT NOT NULL REFERENCES account (id), amount INT NOT NULL);`,
  sqlite: `
    CREATE TABLE account (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1);
    CREATE TABLE transfer (id INTEGER PRIMARY KEY, from_id INTEGER NOT NULL REFERENCES account (id), to_id INTEGER NOT NULL REFERENCES account (id), amount INTEGER NOT NULL);`,
};

async function ledgers(name: string): Promise<Array<[string, string]>> {
  const file = join(tempDir(`transactions-${name}`), 'ledger.sqlite');
  const sqlite = new BetterSqlite3(file);
  sqlite.exec(LEDGER.sqlite);
  sqlite.close();
  const [mariadb] = await mysqlScratch([`tx_${name}`], `USE crudgen_test_tx_${name}; ${LEDGER.mysql}`);
  return [
    ['sqlite', `sqlite:${file}`],
    ['postgres', await postgresScratch(`tx_${name}`, LEDGER.postgres)],
    ['mariadb', mariadb as string],
  ];
}

async function open(engine: string, url: string): Promise<{ database: Database<Tables>; ledger: Ledger }> {
  const generated = await loadGenerated<{ createRepositories: (source: unknown) => Ledger }>(await introspect({ url }), join(OUTPUT, engine));
  const database = createDatabase<Tables>({ url, pool: { max: 4 } });
  return { database, ledger: generated.createRepositories(database) };
}

async function balances(kysely: Kysely<Tables>): Promise<number[]> {
  const rows = await kysely.selectFrom('account').select(['balance']).orderBy('id').execute();
  return rows.map((row) => Number(row['balance']));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A point two transactions both reach before either goes on. */
function meeting(): { arrive(index: 0 | 1): Promise<void> } {
  const arrived: Array<() => void> = [];
  const both = [0, 1].map((index) => new Promise<void>((resolve) => (arrived[index] = resolve)));
  return {
    arrive: async (index) => {
      arrived[index]?.();
      await Promise.all(both);
    },
  };
}

test('transactions on every engine: commit, rollback of every write, savepoints, joined batches, read-only, timeout, optimistic locking', async () => {
  for (const [engine, url] of await ledgers('basics')) {
    const { database, ledger } = await open(engine, url);
    try {
      await ledger.account.createMany([
        { id: 1, owner: 'ann', balance: 100 },
        { id: 2, owner: 'bob', balance: 100 },
      ]);

      // A thrown error rolls back every write, batches included, and is the error the caller sees.
      const boom = new Error('boom');
      let runs = 0;
      const thrown = await ledger
        .transaction(
          async (tx) => {
            runs += 1;
            await tx.account.update(1, { balance: 0 });
            await tx.transfer.createMany([{ from_id: 1, to_id: 2, amount: 100 }]);
            throw boom;
          },
          { retry: true },
        )
        .catch((error: unknown) => error);
      assert.is(thrown, boom, `${engine}: the callback's own error comes back`);
      assert.is(runs, 1, `${engine}: an error that is not a deadlock or serialization failure is never retried`);
      assert.equal(await balances(database.kysely), [100, 100], `${engine}: the update was rolled back`);
      assert.is(await ledger.transfer.count(), 0, `${engine}: the batch joined the transaction and was rolled back`);

      // A database error inside comes back in the runtime's taxonomy, after the rollback.
      const duplicate = await rejection(
        ledger.transaction(async (tx) => {
          await tx.account.update(1, { balance: 50 });
          await tx.account.create({ id: 2, owner: 'again', balance: 1 });
        }),
      );
      assert.is(duplicate.code, 'UNIQUE_VIOLATION', engine);
      assert.equal(await balances(database.kysely), [100, 100], `${engine}: rolled back after a driver error`);

      // A nested transaction is a savepoint: its failure, caught, undoes only its own writes.
      await ledger.transaction(async (tx) => {
        await tx.account.update(1, { balance: 90 });
        const inner = await tx.transaction(async (savepoint) => {
          await savepoint.account.update(2, { balance: 0 });
          throw new Error('inner');
        }).catch((error: Error) => error.message);
        assert.is(inner, 'inner');
        const nestedRetry = await rejection(tx.transaction(async () => undefined, { retry: true }));
        assert.match(nestedRetry.message, 'A nested transaction is a savepoint of the outer one: retry cannot be set on it.');
        await tx.transfer.create({ from_id: 1, to_id: 2, amount: 10 });
        await tx.account.update(2, { balance: 110 });
      });
      assert.equal(await balances(database.kysely), [90, 110], `${engine}: the outer writes committed, the savepoint's did not`);
      assert.is(await ledger.transfer.count(), 1);

      // Hand-written Kysely on the transaction joins it as well.
      await database
        .transaction(async (tx) => {
          await tx.kysely.updateTable('account').set({ balance: 0 }).execute();
          throw new Error('undo');
        })
        .catch(() => undefined);
      assert.equal(await balances(database.kysely), [90, 110], `${engine}: Kysely on tx was rolled back`);

      const readOnly = await rejection(ledger.transaction((tx) => tx.account.update(1, { balance: 0 }), { readOnly: true }));
      assert.is(readOnly.code, 'READ_ONLY', `${engine}: a write in a read-only transaction`);

      const slow = await rejection(
        ledger.transaction(
          async (tx) => {
            await sleep(300);
            await tx.account.update(1, { balance: 0 });
          },
          { timeoutMs: 50 },
        ),
      );
      assert.is(slow.code, 'TRANSACTION_TIMEOUT', engine);
      await sleep(350);
      assert.equal(await balances(database.kysely), [90, 110], `${engine}: nothing of the timed-out transaction stayed`);

      // Two writers race on one versioned row: one wins, the other is told, no update is lost.
      const read = (await ledger.account.getById(1)) as Row;
      const outcomes = await Promise.allSettled([
        ledger.account.update(1, { balance: read['balance'] + 5 }, { expectedVersion: read['version'] }),
        ledger.account.update(1, { balance: read['balance'] + 7 }, { expectedVersion: read['version'] }),
      ]);
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled') as Array<PromiseFulfilledResult<Row>>;
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected') as PromiseRejectedResult[];
      assert.is(won.length, 1, `${engine}: one writer wins`);
      assert.is(lost[0]?.reason?.code, 'OPTIMISTIC_LOCK_CONFLICT', `${engine}: the other is refused`);
      assert.match(String(lost[0]?.reason?.message), `expected version ${read['version']}, it is at ${Number(read['version']) + 1}`);
      const final = (await ledger.account.getById(1)) as Row;
      assert.is(final['balance'], won[0]?.value['balance'], `${engine}: the winner's balance stands`);
      assert.is(Number(final['version']), Number(read['version']) + 1, `${engine}: the version moved on once`);
      // An upsert that updates is an update: the version moves on, and a stale writer is refused.
      const upserted = (await ledger.account.upsert({ id: 1, owner: 'owner 1', balance: 500 })) as Row;
      assert.equal([upserted['balance'], Number(upserted['version'])], [500, Number(final['version']) + 1], `${engine}: upsert moved the version on`);
      assert.is((await rejection(ledger.account.update(1, { balance: 1 }, { expectedVersion: final['version'] }))).code, 'OPTIMISTIC_LOCK_CONFLICT', engine);
    } finally {
      await database.close();
    }
  }
});

test('deadlocks on PostgreSQL and MariaDB are retried until both transactions complete, with the right balances, and through a storm of concurrent transfers', async () => {
  for (const [engine, url] of (await ledgers('deadlock')).filter(([name]) => name !== 'sqlite')) {
    const database = createDatabase<Tables>({ url, pool: { max: 4 } });
    try {
      await database.kysely.insertInto('account').values([{ id: 1, owner: 'ann', balance: 100 }, { id: 2, owner: 'bob', balance: 100 }]).execute();
      const retried: string[] = [];
      database.onTransactionRetry((event) => retried.push(event.error.code));
      const meet = meeting();
      // Each locks its first row, waits for the other to lock its own, then wants the other's.
      const transfer = (index: 0 | 1, from: number, to: number, amount: number) =>
        database.transaction(
          async (tx) => {
            await tx.kysely.updateTable('account').set((eb) => ({ balance: eb('balance', '-', amount) })).where('id', '=', from).execute();
            if (tx.attempt === 1) await meet.arrive(index);
            await tx.kysely.updateTable('account').set((eb) => ({ balance: eb('balance', '+', amount) })).where('id', '=', to).execute();
            await tx.kysely.insertInto('transfer').values({ from_id: from, to_id: to, amount }).execute();
          },
          { retry: { attempts: 5, baseDelayMs: 10 } },
        );
      await Promise.all([transfer(0, 1, 2, 30), transfer(1, 2, 1, 5)]);
      assert.ok(retried.includes('DEADLOCK'), `${engine}: the server reported a deadlock and it was retried (${retried.join(', ')})`);
      assert.equal(await balances(database.kysely), [75, 125], `${engine}: both transfers applied once`);
      assert.is(Number((await database.kysely.selectFrom('transfer').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow())['n']), 2);

      // Without a retry policy the deadlock reaches the caller as a DeadlockError.
      const again = meeting();
      const once = (index: 0 | 1, from: number, to: number) =>
        database.transaction(async (tx) => {
          await tx.kysely.updateTable('account').set({ owner: `x${index}` }).where('id', '=', from).execute();
          await again.arrive(index);
          await tx.kysely.updateTable('account').set({ owner: `y${index}` }).where('id', '=', to).execute();
        });
      const results = await Promise.allSettled([once(0, 1, 2), once(1, 2, 1)]);
      const failures = results.filter((result) => result.status === 'rejected') as PromiseRejectedResult[];
      assert.is(failures.length, 1, `${engine}: one of two deadlocked transactions fails`);
      assert.is(failures[0]?.reason?.name, 'DeadlockError');
    } finally {
      await database.close();
    }

    // A storm: many transfers between a few accounts in random directions, several holding locks
    // at once, so lock cycles (of two or more transactions) form and break again and again. Each
    // transfer is retried until it commits, and each lands exactly once.
    // PostgreSQL looks for a deadlock only after waiting deadlock_timeout (1 s by default): a storm
    // of them would take half a minute, so these sessions look after 50 ms. Monitoring is off, as
    // its slow-statement warnings about the lock waits would only be noise.
    const stormUrl = engine === 'postgres' ? `${url}?options=${encodeURIComponent('-c deadlock_timeout=50ms')}` : url;
    const storm = createDatabase<Tables>({ url: stormUrl, pool: { max: 8 }, monitoring: false });
    try {
      const accounts = [1, 2, 3, 4];
      const opening = 1_000;
      await storm.kysely.deleteFrom('transfer').execute();
      await storm.kysely.deleteFrom('account').execute();
      await storm.kysely.insertInto('account').values(accounts.map((id) => ({ id, owner: `owner ${id}`, balance: opening }))).execute();
      // A seeded generator (as in transfer-worker.ts): the same storm every run, so a failure reproduces.
      let state = 20_240_611;
      const next = (): number => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
      const transfers = Array.from({ length: 32 }, () => {
        const from = 1 + Math.floor(next() * accounts.length);
        const to = 1 + ((from + Math.floor(next() * (accounts.length - 1))) % accounts.length);
        return { from, to, amount: 1 + Math.floor(next() * 50) };
      });
      const retried: string[] = [];
      storm.onTransactionRetry((event) => retried.push(event.error.code));
      const move = ({ from, to, amount }: (typeof transfers)[number]) =>
        storm.transaction(
          async (tx) => {
            await tx.kysely.updateTable('account').set((eb) => ({ balance: eb('balance', '-', amount) })).where('id', '=', from).execute();
            // Holding the first lock a moment lets the others take theirs: the cycles really form.
            await sleep(5);
            await tx.kysely.updateTable('account').set((eb) => ({ balance: eb('balance', '+', amount) })).where('id', '=', to).execute();
            await tx.kysely.insertInto('transfer').values({ from_id: from, to_id: to, amount }).execute();
          },
          // One transfer met up to 8 deadlocks in a row in trial runs on PostgreSQL: 12 attempts leave room.
          { retry: { attempts: 12, baseDelayMs: 5 } },
        );
      await within(30_000, Promise.all(transfers.map(move)), `${engine}: the deadlock storm`);

      const expected = accounts.map((id) => opening + transfers.reduce((sum, t) => sum + (t.to === id ? t.amount : 0) - (t.from === id ? t.amount : 0), 0));
      const found = await balances(storm.kysely);
      assert.is(found.reduce((sum, balance) => sum + balance, 0), accounts.length * opening, `${engine}: money is neither made nor lost`);
      assert.equal(found, expected, `${engine}: every transfer applied exactly once`);
      const logged = await storm.kysely.selectFrom('transfer').select(['from_id', 'to_id', 'amount']).execute();
      assert.is(logged.length, transfers.length, `${engine}: one transfer row per transfer`);
      const key = (from: unknown, to: unknown, amount: unknown) => `${Number(from)}>${Number(to)}:${Number(amount)}`;
      assert.equal(logged.map((row) => key(row['from_id'], row['to_id'], row['amount'])).sort(), transfers.map((t) => key(t.from, t.to, t.amount)).sort(), `${engine}: each transfer logged once`);
      // Only deadlocks were retried: no lock-wait timeout, nothing else.
      assert.equal([...new Set(retried)].filter((code) => code !== 'DEADLOCK'), [], `${engine}: retried ${retried.join(', ')}`);
      // Over twenty deadlocks per storm on each engine in every run so far: the storm reliably makes them.
      assert.ok(retried.length >= 1, `${engine}: the storm deadlocked`);
    } finally {
      await storm.close();
    }
  }
});

test('a serialization failure on PostgreSQL and a lock-wait timeout on MariaDB are retried to success', async () => {
  const [, postgres, mariadb] = (await ledgers('serial')).map(([, url]) => url);

  // Serializable write skew: each counts the transfers, then logs one numbered by the count.
  const pg = createDatabase<Tables>({ url: postgres as string, pool: { max: 4 } });
  try {
    await pg.kysely.insertInto('account').values([{ id: 1, owner: 'ann', balance: 100 }]).execute();
    const retried: string[] = [];
    const meet = meeting();
    const log = (index: 0 | 1) =>
      pg.transaction(
        async (tx) => {
          const { n } = await tx.kysely.selectFrom('transfer').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
          if (tx.attempt === 1) await meet.arrive(index);
          await tx.kysely.insertInto('transfer').values({ from_id: 1, to_id: 1, amount: Number(n) }).execute();
        },
        { isolation: 'serializable', retry: { attempts: 5, baseDelayMs: 10 }, onRetry: (event) => retried.push(event.error.code) },
      );
    await Promise.all([log(0), log(1)]);
    assert.equal(retried, ['SERIALIZATION_FAILURE'], 'postgres: one serialization failure, retried');
    const amounts = (await pg.kysely.selectFrom('transfer').select('amount').orderBy('amount').execute()).map((row) => Number(row['amount']));
    assert.equal(amounts, [0, 1], 'postgres: the retried transaction saw the other one: a serial order');
  } finally {
    await pg.close();
  }

  // A row held for 2.5 s against waiters whose lock wait gives up after 1 s.
  const my = createDatabase<Tables>({ url: mariadb as string, pool: { max: 4 } });
  try {
    await my.kysely.insertInto('account').values([{ id: 1, owner: 'ann', balance: 100 }]).execute();
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = my.transaction(async (tx) => {
      await tx.kysely.updateTable('account').set((eb) => ({ balance: eb('balance', '+', 1) })).where('id', '=', 1).execute();
      holding();
      await sleep(2500);
    });
    await held;
    const waiter = (retry: NonNullable<TransactionOptions['retry']>) =>
      my.transaction(
        async (tx) => {
          await sql`SET SESSION innodb_lock_wait_timeout = 1`.execute(tx.kysely);
          await tx.kysely.updateTable('account').set((eb) => ({ balance: eb('balance', '+', 10) })).where('id', '=', 1).execute();
        },
        { retry },
      );
    const unretried = await rejection(waiter({ attempts: 3 }));
    assert.is(unretried.code, 'LOCK_TIMEOUT', 'mariadb: lock-wait timeouts are not retried unless asked');
    const retried: number[] = [];
    my.onTransactionRetry((event) => retried.push(event.attempt));
    await Promise.all([holder, waiter({ attempts: 5, baseDelayMs: 50, lockTimeouts: true })]);
    assert.ok(retried.length >= 1, 'mariadb: the lock-wait timeout was retried until the holder let go');
    assert.equal(await balances(my.kysely), [111], 'mariadb: both changes applied once');
  } finally {
    await my.close();
  }
});

test('SQLite writers in two threads meet at BEGIN IMMEDIATE; busy timeouts are retried and every transfer is applied once', async () => {
  const file = join(tempDir('transactions-workers'), 'ledger.sqlite');
  const sqlite = new BetterSqlite3(file);
  sqlite.exec(LEDGER.sqlite);
  const accounts = 5;
  for (let id = 1; id <= accounts; id++) sqlite.prepare('INSERT INTO account (id, owner, balance) VALUES (?, ?, 1000)').run(id, `owner ${id}`);
  sqlite.close();
  const run = (seed: number) =>
    new Promise<TransferReport>((resolve, reject) => {
      const work: TransferWork = {
        url: `sqlite:${file}`,
        transfers: 150,
        accounts,
        seed,
        // A busy timeout of 1 ms: the writers collide and retry instead of waiting their turn.
        database: { statementTimeoutMs: 1 },
        // Bounded by time, not attempts: on a loaded machine the other thread can hold the lock
        // for a scheduler slice (tens of ms), which 100 quick attempts did not always outlast.
        retry: { attempts: 10_000, baseDelayMs: 1, maxDelayMs: 20, totalTimeMs: 60_000 },
      };
      const worker = new Worker(new URL('../helpers/transfer-worker.js', import.meta.url), { workerData: work });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const reports = await Promise.all([run(1), run(2)]);
  for (const report of reports) assert.equal(report.errors, [], 'no transfer failed');
  assert.ok(reports.some((report) => report.retries > 0), `the writers collided: ${reports.map((report) => report.retries).join(' and ')} retries`);
  const check = new BetterSqlite3(file);
  try {
    const logged = check.prepare('SELECT count(*) AS n FROM transfer').get() as { n: number };
    assert.is(logged.n, 300, 'every transfer logged once');
    const { total } = check.prepare('SELECT sum(balance) AS total FROM account').get() as { total: number };
    assert.is(total, accounts * 1000, 'money is neither made nor lost');
    // Every balance is what the log says: each transfer applied whole or not at all.
    const mismatched = check
      .prepare(
        `SELECT a.id FROM account a WHERE a.balance <> 1000
           - (SELECT coalesce(sum(amount), 0) FROM transfer WHERE from_id = a.id)
           + (SELECT coalesce(sum(amount), 0) FROM transfer WHERE to_id = a.id)`,
      )
      .all();
    assert.equal(mismatched, [], 'balances agree with the log');
  } finally {
    check.close();
  }
});

test.run();
