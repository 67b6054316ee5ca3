// A client in a thread of its own, moving money between accounts in transactions: for the SQLite
// contention test (one thread cannot interleave synchronous transactions) and the transfer bench.
// Each transfer debits one account, credits another and logs itself, all or nothing, retried on
// deadlocks, serialization failures and lock timeouts.
import { parentPort, workerData } from 'node:worker_threads';
import type { Generated } from 'kysely';
import { createDatabase, type DatabaseOptions, type TransactionRetry } from '../../src/runtime/index.js';

export interface TransferWork {
  readonly url: string;
  readonly transfers: number;
  readonly accounts: number;
  readonly seed: number;
  readonly retry: TransactionRetry;
  readonly database?: Omit<DatabaseOptions, 'url' | 'connection'>;
}

export interface TransferReport {
  readonly applied: number;
  readonly failed: number;
  readonly retries: number;
  readonly errors: readonly string[];
}

interface Ledger {
  account: { id: number; balance: number };
  transfer: { id: Generated<number>; from_id: number; to_id: number; amount: number };
}

const work = workerData as TransferWork;
const database = createDatabase<Ledger>({ ...work.database, url: work.url });
let retries = 0;
database.onTransactionRetry(() => {
  retries += 1;
});
// A small linear congruential generator: the same seed moves the same money.
let state = work.seed;
const next = (): number => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;

let applied = 0;
const errors: string[] = [];
for (let i = 0; i < work.transfers; i++) {
  const from = 1 + Math.floor(next() * work.accounts);
  const to = 1 + ((from + Math.floor(next() * (work.accounts - 1))) % work.accounts);
  const amount = 1 + Math.floor(next() * 5);
  try {
    await database.transaction(
      async (tx) => {
        await tx.kysely.updateTable('account').set((eb) => ({ balance: eb('balance', '-', amount) })).where('id', '=', from).execute();
        await tx.kysely.updateTable('account').set((eb) => ({ balance: eb('balance', '+', amount) })).where('id', '=', to).execute();
        await tx.kysely.insertInto('transfer').values({ from_id: from, to_id: to, amount }).execute();
      },
      { retry: work.retry },
    );
    applied += 1;
  } catch (error) {
    errors.push(error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message} ${process.env['TRANSFER_DEBUG'] ? error.stack : ''}` : String(error));
  }
}
await database.close();
const report: TransferReport = { applied, failed: work.transfers - applied, retries, errors: errors.slice(0, 5) };
parentPort?.postMessage(report);
