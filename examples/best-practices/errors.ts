// Request bodies checked at the edge with the generated validators; every CrudgenError mapped to
// an HTTP status by its category and code; response bodies that never carry SQL, values or
// constraint names outside development.
//
//   node errors.js <database-url>
import { isCrudgenError, type CrudgenError } from 'crudgen/runtime';
import { bookValidators, connect, createRepositories, customerValidators } from './generated.js';

const database = connect({ url: process.argv[2] ?? 'sqlite:example.sqlite' });
const { author, book, customer } = createRepositories(database);

interface Response {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Which field and what is wrong with it; the value given is left out, since it may be personal data. */
const fields = (issues: readonly Issue[]) => issues.map((issue) => ({ field: issue.path.map(String).join('.'), problem: issue.message }));

/**
 * The field a unique key guards, for a 409 the client can show next to the right input. SQLite
 * names the column in `details.column`; PostgreSQL and MySQL name the constraint.
 */
const UNIQUE_FIELDS: Readonly<Record<string, string>> = { book_isbn_key: 'isbn' };

function takenField(error: CrudgenError): string | undefined {
  const { column, constraint } = error.details;
  if (typeof column === 'string') return column;
  return typeof constraint === 'string' ? UNIQUE_FIELDS[constraint] : undefined;
}

/** The status a failure deserves: the category decides, a few codes refine it. */
function statusOf(error: CrudgenError): number {
  switch (error.category) {
    case 'validation':
      // A write inside a read-only transaction is a bug on our side, not in the request.
      return error.code === 'READ_ONLY' ? 500 : 400;
    case 'not_found':
      return 404;
    case 'constraint':
      return error.code === 'UNIQUE_VIOLATION' ? 409 : 422;
    case 'concurrency':
      // A stale version is the client's to resolve; a deadlock that outlived its retries is ours.
      return error.code === 'OPTIMISTIC_LOCK_CONFLICT' ? 409 : 503;
    case 'connection':
    case 'timeout':
      return 503;
    case 'configuration':
    case 'internal':
      return 500;
  }
}

/**
 * The response for a failure. The body holds the stable code and what the client can act on; the
 * message (SQL and values in development mode) goes to the log only, except in development.
 */
function failure(error: unknown): Response {
  if (!isCrudgenError(error)) {
    console.error(error);
    return { status: 500, body: { error: 'INTERNAL' } };
  }
  const status = statusOf(error);
  if (status >= 500) console.error(JSON.stringify(error));
  const body: Record<string, unknown> = { error: error.code };
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details['issues'])) body['fields'] = fields(error.details['issues'] as Issue[]);
  if (error.code === 'UNIQUE_VIOLATION') body['field'] = takenField(error);
  if (error.retryable) body['retry'] = true;
  if (database.mode === 'development') body['message'] = error.message;
  return { status, body };
}

/** Runs a handler and turns whatever it throws into a response, as an error middleware would. */
async function handle(name: string, handler: () => Promise<Response>): Promise<void> {
  let response: Response;
  try {
    response = await handler();
  } catch (error) {
    response = failure(error);
  }
  console.log(`${name} → ${response.status} ${JSON.stringify(response.body)}`);
}

/**
 * POST /books. The body is checked before anything else with the validator generated from the
 * table's constraints, so a bad request costs no round trip and gets every problem at once.
 */
async function postBook(body: unknown): Promise<Response> {
  const parsed = bookValidators.insert.safeParse(body);
  if (!parsed.success) return { status: 400, body: { error: 'VALIDATION_FAILED', fields: fields(parsed.error.issues) } };
  const created = await book.create(parsed.data);
  // 64-bit ids arrive as strings on some engines; a JSON API sends every id as a string.
  return { status: 201, body: { id: String(created.id), title: created.title } };
}

/** POST /customers: a CHECK the validators leave to the database comes back as CHECK_VIOLATION. */
async function postCustomer(body: unknown): Promise<Response> {
  const parsed = customerValidators.insert.safeParse(body);
  if (!parsed.success) return { status: 400, body: { error: 'VALIDATION_FAILED', fields: fields(parsed.error.issues) } };
  const created = await customer.create(parsed.data);
  return { status: 201, body: { email: created.email } };
}

/** GET /customers/:id: getById throws NotFoundError where findById would return undefined. */
async function getCustomer(id: string): Promise<Response> {
  const found = await customer.getById(id);
  return { status: 200, body: { email: found.email } };
}

try {
  const writer = await author.create({ name: 'Grace Paley' });
  const story = { author_id: writer.id, isbn: '9780374530846', title: 'Enormous Changes at the Last Minute', price: 15 };
  await handle('POST /books', () => postBook(story));
  await handle('POST /books (bad body)', () => postBook({ title: 'Later the Same Day', status: 'pending', subtitle: 'Stories' }));
  await handle('POST /books (ISBN taken)', () => postBook({ ...story, title: 'Another' }));
  await handle('POST /books (no such author)', () => postBook({ ...story, isbn: '9780374530847', author_id: writer.id + 1000 }));
  await handle('POST /customers (malformed e-mail)', () => postCustomer({ email: 'nobody' }));
  await handle('GET /customers/:id (unknown)', () => getCustomer('018f3a2c-0000-7000-8000-000000000000'));
} finally {
  await database.close();
}
