// Hand-written Kysely where the repository methods stop: a report with joins and aggregates, a
// filter on another table, and a bulk change in a transaction beside repository calls. All of it
// typed by the generated `DB`, so a renamed column breaks the build, not the report.
//
//   node custom-queries.js <database-url>
import { sql } from 'kysely';
import { connect, createRepositories } from './generated.js';

const database = connect({ url: process.argv[2] ?? 'sqlite:example.sqlite' });
const repositories = createRepositories(database);
const { author, book, customer } = repositories;

/** Revenue per author: `database.kysely` is a Kysely<DB> on the same pool, monitored like the rest. */
async function revenueByAuthor() {
  return database.kysely
    .selectFrom('order_line')
    .innerJoin('book', 'book.id', 'order_line.book_id')
    .innerJoin('author', 'author.id', 'book.author_id')
    .select((eb) => [
      'author.name',
      // A decimal times an integer: typed by hand, since the column types differ per engine.
      eb.fn.sum<number | string>(sql`${eb.ref('order_line.quantity')} * ${eb.ref('order_line.unit_price')}`).as('revenue'),
      eb.fn.count('order_line.order_id').distinct().as('orders'),
    ])
    .groupBy(['author.id', 'author.name'])
    .orderBy('revenue', 'desc')
    .orderBy('author.name')
    .execute();
}

/** Books nobody has ordered: `query()` starts a typed SELECT on the repository's table. */
async function neverOrdered() {
  return book
    .query()
    .select(['book.title'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('order_line').select('order_line.line_no').whereRef('order_line.book_id', '=', 'book.id'))))
    .orderBy('book.title')
    .execute();
}

/**
 * Marks every open order paid in one statement, and counts through a repository in the same
 * transaction: `tx.kysely` for the hand-written part, `createRepositories(tx)` for the rest.
 */
async function settleOpenOrders(): Promise<{ settled: number; open: number }> {
  return database.transaction(async (tx) => {
    const result = await tx.kysely.updateTable('purchase_order').set({ state: 'paid' }).where('state', '=', 'open').executeTakeFirst();
    const open = await createRepositories(tx).purchaseOrder.count({ where: { state: 'open' } });
    return { settled: Number(result.numUpdatedRows), open };
  });
}

try {
  const calvino = await author.create({ name: 'Italo Calvino' });
  const ginzburg = await author.create({ name: 'Natalia Ginzburg' });
  const cities = await book.create({ author_id: calvino.id, isbn: '9780156453806', title: 'Invisible Cities', price: 14.5 });
  const palomar = await book.create({ author_id: calvino.id, isbn: '9780156002196', title: 'Mr. Palomar', price: 12 });
  const lexicon = await book.create({ author_id: ginzburg.id, isbn: '9781681371344', title: 'Family Lexicon', price: 16 });
  await book.create({ author_id: ginzburg.id, isbn: '9781681373799', title: 'The Dry Heart', price: 13 });
  const reader = await customer.create({ email: 'reader@example.com' });
  for (const lines of [
    [{ item: cities, quantity: 1 }, { item: lexicon, quantity: 2 }],
    [{ item: lexicon, quantity: 1 }],
    [{ item: palomar, quantity: 3 }],
  ]) {
    await repositories.transaction(async (tx) => {
      const order = await tx.purchaseOrder.create({ customer_id: reader.id });
      await tx.orderLine.createMany(lines.map(({ item, quantity }, i) => ({ order_id: order.id, line_no: i + 1, book_id: item.id, quantity, unit_price: item.price })));
    });
  }

  console.log('revenue by author');
  for (const row of await revenueByAuthor()) console.log(`  ${row.name}: ${Number(row.revenue).toFixed(2)} from ${Number(row.orders)} orders`);
  console.log(`never ordered: ${(await neverOrdered()).map((row) => row.title).join(', ')}`);
  const { settled, open } = await settleOpenOrders();
  console.log(`settled ${settled} open orders in one statement; open afterwards: ${open}`);
} finally {
  await database.close();
}
