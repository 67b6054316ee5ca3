// The code `crudgen generate` wrote for this application's database. An application has one such
// folder, for its own engine. These examples run on all three: test/e2e/examples.test.ts
// compiles them once with this line as it is and once each with it pointing at
// generated-example/postgres and generated-example/mysql, and runs each build on its engine.
export * from '../../generated-example/sqlite/index.js';
