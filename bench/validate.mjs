// What validation costs per create payload: the generated insert validator of the example's
// `book` table (PostgreSQL), beside a hand-written zod 4 schema with the same rules and beside
// no validation at all (the loop alone), in µs per payload.
import { z } from 'zod';
import { buildExampleDatabases } from '../examples/example-databases.mjs';
import { generate } from '../dist/src/operations/generate.js';
import { introspect } from '../dist/src/operations/introspect.js';
import { tableValidators } from '../dist/src/runtime/index.js';
import { interleave, median } from './lib.mjs';

export const title = 'Validation cost per create payload (µs), PostgreSQL example `book` insert';

const PAYLOAD = {
  author_id: 7,
  isbn: '9780131103627',
  title: 'The C Programming Language',
  status: 'published',
  price: '45.99',
  pages: 272,
  tags: ['classic', 'c'],
  metadata: '{"edition":2}',
};

// The same rules written by hand, as a careful user would without crudgen.
const handWritten = z.strictObject({
  id: z.union([z.bigint(), z.number().int(), z.string().regex(/^[+-]?\d+$/)]).optional(),
  author_id: z.number().int().min(-2147483648).max(2147483647),
  isbn: z.string().max(13),
  title: z.string(),
  status: z.enum(['draft', 'published', 'out_of_print']).optional(),
  price: z.union([z.number(), z.string().regex(/^[+-]?(\d+\.?\d*|\.\d+)$/)]).refine((v) => Number(v) >= 0 && Math.abs(Number(v)) < 1e6),
  pages: z.number().int().gt(0).max(2147483647).nullable().optional(),
  tags: z.array(z.string().nullable()).optional(),
  metadata: z.string().refine((text) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }).nullable().optional(),
  title_length: z.undefined().optional(),
  version: z.number().int().optional(),
  updated_at: z.union([z.date(), z.iso.datetime({ offset: true })]).optional(),
});

function perPayloadMicros(parse, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) parse(PAYLOAD);
  return Number(process.hrtime.bigint() - start) / 1e3 / iterations;
}

export async function run({ runs }) {
  const { postgres } = await buildExampleDatabases();
  const book = generate(await introspect({ url: postgres })).plan.tables.find((table) => table.dbKey === 'book');
  const generated = tableValidators(book.descriptor).insert;
  if (!generated.safeParse(PAYLOAD).success || !handWritten.safeParse(PAYLOAD).success) throw new Error('the payload must be valid for both');
  const iterations = 20000;
  const contenders = [
    { name: 'crudgen insert validator', run: () => perPayloadMicros((p) => generated.parse(p), iterations) },
    { name: 'hand-written zod 4 schema', run: () => perPayloadMicros((p) => handWritten.parse(p), iterations) },
    { name: 'no validation (loop only)', run: () => perPayloadMicros((p) => p, iterations) },
  ];
  interleave(contenders, 2);
  const samples = interleave(contenders, runs);
  const base = median(samples['hand-written zod 4 schema']);
  const ratio = (name) => (median(samples[name]) / base).toFixed(2);
  return {
    headers: ['validator', 'µs per payload (median)', 'vs hand-written zod'],
    rows: contenders.map(({ name }) => [name, median(samples[name]).toFixed(2), ratio(name)]),
    notes: `${runs} interleaved runs of ${iterations} parses each after two warm-ups; an 8-field payload (strings, an int8 key left out, a decimal as text, a text array, JSON text).`,
    summary: [{ comparison: 'Generated insert validator ÷ a hand-written zod 4 schema with the same rules, time per payload (lower is better)', engine: 'PostgreSQL', value: ratio('crudgen insert validator'), goal: '—' }],
  };
}
