// The program `npm run demo` compiles (strict) and runs against the generated code: what an
// application does with crudgen's repositories, printed step by step.
import { isCrudgenError } from 'crudgen/runtime';
import { connect, createRepositories } from '../.crudgen/generated/index.js';

// connect(): createDatabase with the configuration's runtime defaults, typed for these tables.
const database = connect({ url: process.argv[2] ?? 'sqlite:.crudgen/demo.sqlite' });
const repositories = createRepositories(database);
const { author, book, customer, publishedBook } = repositories;

try {
  const ada = await author.create({ name: 'Ada Lovelace', email: 'ada@example.com' });
  console.log(`create      author #${ada.id} ${ada.name}, created at ${ada.created_at}`);

  const { count, ids } = await book.createMany(
    Array.from({ length: 250 }, (_, i) => ({
      author_id: ada.id,
      isbn: `978${String(i).padStart(10, '0')}`,
      title: `Notes on the Analytical Engine, vol. ${i + 1}`,
      status: i % 4 === 0 ? ('published' as const) : ('draft' as const),
      price: 5 + (i % 40) + 0.99,
    })),
  );
  console.log(`createMany  ${count} books (#${ids?.[0]}–#${ids?.at(-1)}), validated first, written in one transaction`);

  const grace = await customer.create({ email: 'grace@example.com', display_name: 'Grace Hopper' });
  console.log(`create      customer ${grace.id}: a UUID v7 the repository made for the TEXT key`);

  let after: string | null = null;
  let pages = 0;
  let seen = 0;
  do {
    const page: { items: unknown[]; nextCursor: string | null } = await book.paginate({ first: 100, orderBy: { price: 'desc' }, after });
    pages += 1;
    seen += page.items.length;
    after = page.nextCursor;
  } while (after !== null);
  console.log(`paginate    ${seen} books in ${pages} keyset pages of up to 100, most expensive first`);

  const cheapest = await book.findMany({ where: { price: { lt: 7 }, status: 'published' }, orderBy: { price: 'asc' }, limit: 3, select: ['id', 'title', 'price'] });
  console.log(`findMany    cheapest published: ${cheapest.map((b) => `#${b.id} at ${b.price}`).join(', ')}`);

  const first = cheapest[0];
  if (first !== undefined) {
    const read = await book.getById(first.id);
    const changed = await book.update(first.id, { status: 'out_of_print' }, { expectedVersion: read.version });
    console.log(`update      #${changed.id} is now ${changed.status} (version ${read.version} → ${changed.version})`);
    try {
      // A second writer that read the same version would overwrite the first: it is refused instead.
      await book.update(first.id, { price: 1 }, { expectedVersion: read.version });
    } catch (error) {
      if (!isCrudgenError(error)) throw error;
      console.log(`conflict    ${error.code}: ${error.message}`);
    }

    const order = await repositories.transaction(async (tx) => {
      const placed = await tx.purchaseOrder.create({ customer_id: grace.id });
      await tx.orderLine.createMany([
        { order_id: placed.id, line_no: 1, book_id: first.id, unit_price: 5.99 },
        { order_id: placed.id, line_no: 2, book_id: first.id, quantity: 2, unit_price: 5.99 },
      ]);
      return placed;
    });
    const lines = await repositories.orderLine.count({ where: { order_id: order.id } });
    console.log(`transaction order #${order.id} and its ${lines} lines, committed together (or not at all)`);
  }
  console.log(`count       ${await book.count({ where: { status: 'published' } })} published; the published_book view agrees: ${await publishedBook.count()}`);

  try {
    await book.create({ author_id: ada.id, isbn: '9780000000000', title: 'Free', price: -1 });
  } catch (error) {
    if (!isCrudgenError(error)) throw error;
    console.log(`validation  ${error.code}: ${error.message}`);
  }
  const missing = await book.findById(1_000_000);
  console.log(`findById    #1000000 → ${missing === undefined ? 'undefined (getById would throw NotFoundError)' : 'found'}`);
} finally {
  await database.close();
}
