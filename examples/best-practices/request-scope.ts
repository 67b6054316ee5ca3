// One monitor scope per request, so the query monitor can tell an N+1 loop from busy traffic, and
// the batched read that replaces the loop.
//
//   node request-scope.js <database-url>
import type { Finding } from 'crudgen/runtime';
import { connect, createRepositories, type BookRow, type NewBook } from './generated.js';

const findings: Finding[] = [];
const database = connect({
  url: process.argv[2] ?? 'sqlite:example.sqlite',
  // Findings also go to the log; a real service would forward them to its metrics as well.
  monitoring: { onFinding: (finding) => findings.push(finding) },
});
const { author, book } = createRepositories(database);

/**
 * What a web framework's middleware does for every request: in Express,
 * `app.use((req, res, next) => database.monitor.scope(next))`. The scope follows the request
 * through every `await`, so statements of concurrent requests are never counted together.
 */
async function request(name: string, handler: () => Promise<string[]>): Promise<void> {
  const before = findings.length;
  const statements = database.monitor.snapshot().queries;
  const lines = await database.monitor.scope(handler);
  const sent = database.monitor.snapshot().queries - statements;
  console.log(`${name}: ${lines.length} books in ${sent} statements`);
  for (const line of lines.slice(0, 3)) console.log(`  ${line}`);
  // Only N+1 findings: a slow-statement finding depends on the machine, not on the code.
  const loops = findings.slice(before).filter((finding) => finding.kind === 'n_plus_one');
  for (const finding of loops) console.log(`  finding: ${finding.message}`);
  if (loops.length === 0) console.log('  no finding');
}

/** One statement per book: fine for a single book, a loop of round trips for a list. */
async function listingWithLoop(books: readonly BookRow[]): Promise<string[]> {
  const lines: string[] = [];
  for (const each of books) {
    const writer = await author.getById(each.author_id);
    lines.push(`${each.title} by ${writer.name}`);
  }
  return lines;
}

/** The same listing with every author read in one statement, however long the list. */
async function listingBatched(books: readonly BookRow[]): Promise<string[]> {
  const ids = [...new Set(books.map((each) => each.author_id))];
  const writers = await author.findMany({ where: { id: { in: ids } }, select: ['id', 'name'] });
  const names = new Map(writers.map((writer) => [writer.id, writer.name]));
  return books.map((each) => `${each.title} by ${names.get(each.author_id) ?? 'unknown'}`);
}

try {
  const shelf: NewBook[] = [];
  for (const name of ['Ursula K. Le Guin', 'Octavia E. Butler', 'Stanisław Lem']) {
    const writer = await author.create({ name });
    for (let copy = 0; copy < 4; copy++) {
      const number = String(shelf.length + 1).padStart(2, '0');
      shelf.push({ author_id: writer.id, isbn: `97800000000${number}`, title: `Volume ${number}`, price: 10, status: 'published' });
    }
  }
  await book.createMany(shelf);

  const published = () => book.findMany({ where: { status: 'published' }, orderBy: { title: 'asc' }, limit: 12 });
  await request('GET /books (author per book)', async () => listingWithLoop(await published()));
  await request('GET /books (authors in one read)', async () => listingBatched(await published()));
} finally {
  await database.close();
}
