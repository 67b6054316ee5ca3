// Keyset pagination: pages that neither repeat nor skip rows while the table changes, at the
// same cost for page 1,000 as for page 1.
//
//   node pagination.js <database-url>
import { isCrudgenError } from 'crudgen/runtime';
import { connect, createRepositories, type BookRow, type NewBook } from './generated.js';

const database = connect({ url: process.argv[2] ?? 'sqlite:example.sqlite' });
const { author, book } = createRepositories(database);

const MAX_PAGE_SIZE = 100;

/**
 * GET /books?first=…&after=…: published books, most expensive first. Equal prices are common, so
 * the order alone does not fix a position; paginate appends the primary key to every order, which
 * makes it total. The cursor is opaque: clients pass back the `next` they were given.
 */
async function listBooks(first: number, after: string | null): Promise<{ items: string[]; next: string | null }> {
  const page = await book.paginate({
    first: Math.min(Math.max(first, 1), MAX_PAGE_SIZE),
    after,
    where: { status: 'published' },
    orderBy: { price: 'desc' },
  });
  return { items: page.items.map(line), next: page.nextCursor };
}

const line = (row: Pick<BookRow, 'title' | 'price'>): string => `${row.title} ${Number(row.price).toFixed(2)}`;

try {
  const writer = await author.create({ name: 'Jorge Luis Borges' });
  const catalogue: Array<[string, number]> = [
    ['Ficciones', 30],
    ['The Aleph', 25],
    ['Labyrinths', 25],
    ['Dreamtigers', 20],
    ['In Praise of Darkness', 20],
    ['The Book of Sand', 15],
    ['Brodie’s Report', 10],
    ['Seven Nights', 5],
  ];
  const rows = catalogue.map(([title, price], i): NewBook => ({ author_id: writer.id, isbn: `97800000001${i}0`, title, price, status: 'published' }));
  await book.createMany([...rows, { author_id: writer.id, isbn: '9780000000999', title: 'Unfinished draft', price: 99 }]);

  const page1 = await listBooks(3, null);
  console.log(`page 1: ${page1.items.join(', ')}`);

  // A new book lands on page 1 while the reader looks at it.
  await book.create({ author_id: writer.id, isbn: '9780000000200', title: 'Atlas', price: 40, status: 'published' });

  const page2 = await listBooks(3, page1.next);
  console.log(`page 2: ${page2.items.join(', ')}`);
  const page3 = await listBooks(3, page2.next);
  console.log(`page 3: ${page3.items.join(', ')}${page3.next === null ? ' (last page)' : ''}`);

  // The same page 2 by OFFSET counts rows instead of continuing after one, so the insert shifts it.
  const byOffset = await book.findMany({ where: { status: 'published' }, orderBy: [{ price: 'desc' }, { id: 'asc' }], limit: 3, offset: 3, select: ['title', 'price'] });
  console.log(`page 2 by offset instead: ${byOffset.map(line).join(', ')}`);

  // A cursor only fits the query that made it: another order is refused, not misread.
  try {
    await book.paginate({ first: 3, after: page1.next, orderBy: { title: 'asc' } });
  } catch (error) {
    if (!isCrudgenError(error)) throw error;
    console.log(`cursor reused for another order: ${error.code}: ${error.message}`);
  }
} finally {
  await database.close();
}
