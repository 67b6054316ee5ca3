// A bounded load test of transactions on loopback: worker threads, each its own client, move
// money between a few accounts in random order, so locks are taken in opposite orders and the
// servers report deadlocks. Every transfer runs with the retry policy. Afterwards the money is
// counted: the total must be unchanged and every balance must agree with the transfer log, i.e.
// every transfer applied whole or not at all. Fixed counts, so it ends; not part of CI.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { createDatabase } from '../dist/src/runtime/index.js';
import { mysqlScratch } from '../dist/test/helpers/mysql.js';
import { postgresScratch } from '../dist/test/helpers/postgres.js';
import { ensureWorkDir, median, ROOT } from './lib.mjs';

export const title = 'Transfers under contention: workers moving money between accounts in transactions';

const ACCOUNTS = 10;
const WORKERS = 4;
const TRANSFERS = 300;
const OPENING = 10_000;
const RETRY = { attempts: 20, baseDelayMs: 2, maxDelayMs: 100, totalTimeMs: 30_000 };

const LEDGER = {
  postgres: `CREATE TABLE account (id integer PRIMARY KEY, balance integer NOT NULL);
    CREATE TABLE transfer (id serial PRIMARY KEY, from_id integer NOT NULL, to_id integer NOT NULL, amount integer NOT NULL);`,
  mysql: `CREATE TABLE account (id INT PRIMARY KEY, balance INT NOT NULL) ENGINE = InnoDB;
    CREATE TABLE transfer (id INT AUTO_INCREMENT PRIMARY KEY, from_id INT NOT NULL, to_id INT NOT NULL, amount INT NOT NULL) ENGINE = InnoDB;`,
  sqlite: `CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);
    CREATE TABLE transfer (id INTEGER PRIMARY KEY, from_id INTEGER NOT NULL, to_id INTEGER NOT NULL, amount INTEGER NOT NULL);`,
};

async function ledger(engine) {
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => `(${i + 1}, ${OPENING})`).join(', ');
  const seed = `INSERT INTO account (id, balance) VALUES ${accounts};`;
  if (engine === 'SQLite') {
    const file = join(ensureWorkDir(), 'transfers.sqlite');
    const sqlite = new BetterSqlite3(file);
    sqlite.exec(`DROP TABLE IF EXISTS account; DROP TABLE IF EXISTS transfer; ${LEDGER.sqlite} ${seed}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.close();
    return `sqlite:${file}`;
  }
  if (engine === 'PostgreSQL') return postgresScratch('bench_transfers', `${LEDGER.postgres} ${seed}`);
  const [url] = await mysqlScratch(['bench_transfers'], `USE crudgen_test_bench_transfers; ${LEDGER.mysql} ${seed}`);
  return url;
}

function runWorker(work) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../dist/test/helpers/transfer-worker.js', import.meta.url), { workerData: work });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** The money counted afterwards: the total, and accounts whose balance the log does not explain. */
async function audit(url) {
  // Reading the whole log is the point here: no monitor to warn about the SELECT without a limit.
  const database = createDatabase({ url, monitoring: false });
  try {
    const accounts = await database.kysely.selectFrom('account').select(['id', 'balance']).execute();
    const transfers = await database.kysely.selectFrom('transfer').select(['from_id', 'to_id', 'amount']).execute();
    const expected = new Map(accounts.map((account) => [Number(account.id), OPENING]));
    for (const t of transfers) {
      expected.set(Number(t.from_id), expected.get(Number(t.from_id)) - Number(t.amount));
      expected.set(Number(t.to_id), expected.get(Number(t.to_id)) + Number(t.amount));
    }
    const total = accounts.reduce((sum, account) => sum + Number(account.balance), 0);
    const unexplained = accounts.filter((account) => expected.get(Number(account.id)) !== Number(account.balance)).length;
    return { total, logged: transfers.length, unexplained };
  } finally {
    await database.close();
  }
}

export async function run({ runs }) {
  const rows = [];
  const rounds = Math.max(1, Math.min(runs, 3));
  for (const engine of ['SQLite', 'PostgreSQL', 'MariaDB']) {
    const rates = [];
    let retries = 0;
    let failures = 0;
    let sound = true;
    for (let round = 0; round < rounds; round++) {
      const url = await ledger(engine);
      const started = process.hrtime.bigint();
      const reports = await Promise.all(
        Array.from({ length: WORKERS }, (_, index) => runWorker({ url, transfers: TRANSFERS, accounts: ACCOUNTS, seed: round * WORKERS + index + 1, retry: RETRY, database: { pool: { max: 1 } } })),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const applied = reports.reduce((sum, report) => sum + report.applied, 0);
      rates.push(applied / seconds);
      retries += reports.reduce((sum, report) => sum + report.retries, 0);
      failures += reports.reduce((sum, report) => sum + report.failed, 0);
      const { total, logged, unexplained } = await audit(url);
      sound &&= total === ACCOUNTS * OPENING && logged === applied && unexplained === 0;
    }
    rows.push([engine, String(WORKERS), String(WORKERS * TRANSFERS), median(rates).toFixed(0), (retries / rounds).toFixed(0), (failures / rounds).toFixed(0), sound ? 'yes' : 'NO']);
  }
  return {
    headers: ['engine', 'workers', 'transfers per round', 'transfers/s (median)', 'retries per round', 'failed per round', 'total unchanged, log agrees'],
    rows,
    notes: `${rounds} rounds on a fresh ledger of ${ACCOUNTS} accounts; each worker thread is one client (its own connection) making ${TRANSFERS} transfers between two random accounts: debit, credit and a log row in one transaction, retried on deadlocks, serialization failures and lock timeouts (${RETRY.attempts} attempts, backoff ${RETRY.baseDelayMs}–${RETRY.maxDelayMs} ms with full jitter). Server defaults otherwise (SQLite in WAL mode with its 5 s busy timeout, so its writers mostly wait their turn rather than retry). "failed" counts transfers that gave up after all attempts.

PostgreSQL's rate is set by its deadlock detector: a deadlocked pair waits \`deadlock_timeout\` (1 s by default) before one of them is aborted, so each deadlock there costs about a second; MariaDB detects deadlocks at once. Taking the two rows' locks in a fixed order (lower id first) would avoid the deadlocks altogether; the bench keeps the random order on purpose, to exercise the retry.`,
  };
}
