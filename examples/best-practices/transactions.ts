// Writes that belong together in one transaction, retried after a deadlock; a savepoint for the
// part that may fail alone; optimistic locking for edits that span a user's think time.
//
//   node transactions.js <database-url>
import { isCrudgenError, OptimisticLockError } from 'crudgen/runtime';
import { connect, createRepositories, type BookRow, type BookUpdate, type PurchaseOrderRow, type Repositories } from './generated.js';

const database = connect({ url: process.argv[2] ?? 'sqlite:example.sqlite' });
const repositories = createRepositories(database);

// Every retry is worth a log line: a steady stream of them means two code paths lock rows in
// different orders.
database.onTransactionRetry(({ attempt, delayMs, error }) => console.error(`transaction retry ${attempt} in ${delayMs} ms after ${error.code}`));

interface OrderLine {
  readonly bookId: BookRow['id'];
  readonly quantity: number;
}

/**
 * An order and its lines, all or nothing. `retry` reruns the whole callback after a deadlock or
 * serialization failure, which is safe here because the callback only touches the database: no
 * e-mail is sent and nothing is kept from a failed attempt. Prices are read inside the
 * transaction, so a retry sees the prices of its own attempt.
 */
async function placeOrder(customerId: string, lines: readonly OrderLine[], freeCopyBookId?: BookRow['id']): Promise<PurchaseOrderRow> {
  return repositories.transaction(
    async (tx) => {
      const order = await tx.purchaseOrder.create({ customer_id: customerId });
      for (const [index, line] of lines.entries()) {
        const item = await tx.book.getById(line.bookId);
        await tx.orderLine.create({ order_id: order.id, line_no: index + 1, book_id: item.id, quantity: line.quantity, unit_price: item.price });
      }
      if (freeCopyBookId !== undefined) await addFreeCopy(tx, order.id, lines.length + 1, freeCopyBookId);
      return order;
    },
    { retry: true, timeoutMs: 5_000 },
  );
}

/**
 * A free promotional copy, optional, in a nested transaction: a savepoint, so its failure undoes
 * only itself and the order goes through without it. (On PostgreSQL a failed statement would
 * otherwise spoil the whole transaction.)
 */
async function addFreeCopy(tx: Repositories, orderId: PurchaseOrderRow['id'], lineNo: number, bookId: BookRow['id']): Promise<void> {
  try {
    await tx.transaction(async (inner) => {
      await inner.orderLine.create({ order_id: orderId, line_no: lineNo, book_id: bookId, quantity: 1, unit_price: 0 });
    });
  } catch (error) {
    if (!isCrudgenError(error) || error.category !== 'constraint') throw error;
    console.log(`  free copy skipped: ${error.code}`);
  }
}

/**
 * Saves an editor's change to a book. The update applies only while the row is still at the
 * version the editor loaded. When someone saved in between, read the row again and apply the
 * change to what is there now: safe here because the change sets fields outright; a change
 * computed from the old values must be computed again (or shown to the user to decide).
 */
async function saveEdit(id: BookRow['id'], loadedVersion: number, changes: BookUpdate): Promise<BookRow> {
  try {
    return await repositories.book.update(id, changes, { expectedVersion: loadedVersion });
  } catch (error) {
    if (!(error instanceof OptimisticLockError)) throw error;
    console.log(`  conflict: expected version ${String(error.details['expectedVersion'])}, the row is at ${String(error.details['currentVersion'])}; applying the change to it`);
    const current = await repositories.book.getById(id);
    return repositories.book.update(id, changes, { expectedVersion: current.version });
  }
}

try {
  const writer = await repositories.author.create({ name: 'Italo Calvino' });
  const cities = await repositories.book.create({ author_id: writer.id, isbn: '9780156453806', title: 'Invisible Cities', price: 14.5, status: 'published' });
  const winter = await repositories.book.create({ author_id: writer.id, isbn: '9780156439619', title: 'If on a winter’s night a traveler', price: 16, status: 'published' });
  // A book taken out of the catalogue while it still sat in someone's basket.
  const withdrawn = await repositories.book.create({ author_id: writer.id, isbn: '9780156002196', title: 'Mr. Palomar', price: 12, status: 'published' });
  await repositories.book.delete(withdrawn.id);
  const reader = await repositories.customer.create({ email: 'reader@example.com' });

  console.log('order two books');
  const order = await placeOrder(reader.id, [
    { bookId: cities.id, quantity: 1 },
    { bookId: winter.id, quantity: 2 },
  ]);
  console.log(`  committed: ${await repositories.orderLine.count({ where: { order_id: order.id } })} lines`);

  console.log('order a book that is no longer in the catalogue, after one that is');
  try {
    await placeOrder(reader.id, [
      { bookId: cities.id, quantity: 1 },
      { bookId: withdrawn.id, quantity: 1 },
    ]);
  } catch (error) {
    if (!isCrudgenError(error)) throw error;
    console.log(`  rolled back on ${error.code}: orders stored ${await repositories.purchaseOrder.count()}, lines stored ${await repositories.orderLine.count()}`);
  }

  console.log('order with a free copy of a book that has been withdrawn');
  const wrapped = await placeOrder(reader.id, [{ bookId: winter.id, quantity: 1 }], withdrawn.id);
  console.log(`  committed without it: ${await repositories.orderLine.count({ where: { order_id: wrapped.id } })} line; orders stored ${await repositories.purchaseOrder.count()}`);

  console.log('two editors open the same book and save one after the other');
  const opened = await repositories.book.getById(cities.id);
  const first = await saveEdit(cities.id, opened.version, { title: 'Invisible Cities (new translation)' });
  console.log(`  first editor saved the title at version ${opened.version}; the row is at version ${first.version}`);
  const second = await saveEdit(cities.id, opened.version, { price: 15.5 });
  console.log(`  second editor's price saved too: "${second.title}" at ${Number(second.price).toFixed(2)}, version ${second.version}`);
} finally {
  await database.close();
}
