// Child process for introspect-sqlite.mjs: one cold introspection through the programmatic API,
// printing how long each phase took (JSON on stdout).
import { performance } from 'node:perf_hooks';

const [database, out] = process.argv.slice(2);
// Progress phases are named after what just finished; these labels say what the time was spent on.
const LABELS = {
  objects: 'load driver, open, read objects',
  columns: 'column query',
  'foreign keys': 'foreign-key query',
  indexes: 'index query',
  done: 'parse DDL, build model',
};
const marks = [['process start', 0], ['node start', performance.now()]];
const { introspect } = await import('../dist/src/operations/introspect.js');
const { writeSnapshot } = await import('../dist/src/snapshot/write.js');
marks.push(['load crudgen modules', performance.now()]);
const snapshot = await introspect({ url: database, onProgress: ({ phase }) => marks.push([LABELS[phase] ?? phase, performance.now()]) });
marks.push(['normalize', performance.now()]);
await writeSnapshot(out, snapshot);
marks.push(['serialize + write', performance.now()]);
const phases = {};
for (let i = 1; i < marks.length; i++) phases[marks[i][0]] = marks[i][1] - marks[i - 1][1];
console.log(JSON.stringify(phases));
