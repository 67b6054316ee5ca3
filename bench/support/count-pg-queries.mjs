// Preloaded with --import into a benchmarked process: counts the queries node-postgres sends
// and writes the count to the file named by $COUNT_QUERIES_TO when the process exits.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Resolve pg the way the benchmarked tools do (from the project), so that the patched class is theirs.
const pg = createRequire(join(process.cwd(), 'package.json'))('pg');
const original = pg.Client.prototype.query;
let count = 0;
pg.Client.prototype.query = function (...args) {
  count++;
  return original.apply(this, args);
};
process.on('exit', () => writeFileSync(process.env.COUNT_QUERIES_TO, String(count)));
