import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';
import { Lru } from '../lru.js';
import { withOrigin, type QueryOrigin } from '../monitor/origin.js';

/** Stands for the value at `index` while a statement is compiled once for every value of its shape. */
class Slot {
  constructor(readonly index: number) {}
}

const slots: Slot[] = [];
const slot = (index: number): Slot => (slots[index] ??= new Slot(index));

/** Builds a statement with each value taken from `value(index)`. */
export type StatementBuilder = (value: (index: number) => unknown) => Compilable;

/**
 * Statements compiled once per shape, least recently used out. A shape is everything about a
 * statement but its values (which columns, which operators, how many rows); building and
 * compiling a query through Kysely costs more than a primary-key lookup takes to run, so a
 * repeated call only fills its values into the kept statement.
 */
export class CompiledStatements {
  private readonly statements: Lru<string, CompiledQuery>;

  constructor(capacity: number) {
    this.statements = new Lru(capacity);
  }

  /**
   * The statement for these values; a null key (a shape not worth keeping) compiles it afresh.
   * `origin` marks it for the monitor, once per shape: the mark is copied with the statement.
   */
  get(key: string | null, values: readonly unknown[], build: StatementBuilder, origin: () => QueryOrigin): CompiledQuery {
    if (key === null) return withOrigin(build((index) => values[index]).compile(), origin());
    let template = this.statements.get(key);
    if (template === undefined) {
      template = withOrigin(build(slot).compile(), origin());
      this.statements.set(key, template);
    }
    const parameters = template.parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.index] : parameter));
    return { ...template, queryId: createQueryId(), parameters };
  }
}
