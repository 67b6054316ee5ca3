// Preloaded with --import into a benchmarked process: counts the queries the process sends through
// node-postgres or mysql2 and writes the count to the file named by $COUNT_QUERIES_TO at exit.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Resolve the drivers the way the benchmarked tools do (from the project), so that the patched
// classes are theirs.
const require = createRequire(join(process.cwd(), 'package.json'));
let count = 0;
const patch = (prototype, method) => {
  const original = prototype[method];
  prototype[method] = function (...args) {
    count++;
    return original.apply(this, args);
  };
};
patch(require('pg').Client.prototype, 'query');
const mysql = require('mysql2');
patch(mysql.Connection.prototype, 'query');
patch(mysql.Connection.prototype, 'execute');
process.on('exit', () => writeFileSync(process.env.COUNT_QUERIES_TO, String(count)));
