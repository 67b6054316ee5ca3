import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { QueryEvent } from '../managed-driver.js';
import type { QueryOrigin } from './origin.js';
import type { Mode } from '../mode.js';
import type { TableDescriptor } from '../table-descriptor.js';
import { jsonSafe } from '../json-safe.js';
import { FindingGate, type Finding } from './findings.js';
import { Histogram } from './histogram.js';
import { operationName, sqlShape, tableOf } from './shape.js';

export interface MonitorOptions {
  /** Observe every statement (default true; off costs nothing at all). */
  readonly enabled?: boolean | undefined;
  /** Statements slower than this are a finding (default 500 ms). */
  readonly slowQueryMs?: number | undefined;
  /** The same shape this many times in one `monitor.scope()`, or in a row outside one, is an N+1 (default 10). */
  readonly nPlusOneThreshold?: number | undefined;
  /**
   * Outside a scope, an N+1 is the threshold's count of one shape sent one after another (each
   * after the previous one finished) within this many milliseconds. Default 100 in development
   * and test, 0 (off) in production, where concurrent requests repeat shapes for good reason.
   */
  readonly nPlusOneWindowMs?: number | undefined;
  /** Whether the development query log shows parameter values (default true; never outside development). */
  readonly logParameters?: boolean | undefined;
  /** A SELECT without LIMIT returning more rows than this is a finding (default 1,000). */
  readonly missingLimitRows?: number | undefined;
  /** Tables where any SELECT without LIMIT is a finding, whatever it returned. */
  readonly largeTables?: readonly string[] | undefined;
  /** Shapes kept for `snapshot()`, least recently seen out (default 1,000). */
  readonly maxShapes?: number | undefined;
  /** A finding of one kind and shape is reported once per this interval (default 60 s). */
  readonly findingIntervalMs?: number | undefined;
  /** Every finding as it is made, in every mode. */
  readonly onFinding?: ((finding: Finding) => void) | undefined;
  /** Every statement, with OpenTelemetry's database attribute names; no values outside development. */
  readonly onQuery?: ((event: MonitoredQuery) => void) | undefined;
}

/** One statement as the monitor reports it to `onQuery`. */
export interface MonitoredQuery {
  readonly attributes: {
    readonly 'db.system': string;
    readonly 'db.operation.name': string;
    readonly 'db.collection.name'?: string;
    /** The SQL in development mode; elsewhere its shape, which holds no values. */
    readonly 'db.query.text': string;
  };
  readonly durationMs: number;
  readonly rows: number | undefined;
  readonly error: string | undefined;
  readonly method: string | undefined;
  /** Where the application called from: `file:line:column`, in development mode. */
  readonly caller: string | undefined;
}

export interface ShapeStats {
  readonly shape: string;
  readonly operation: string;
  readonly table: string | undefined;
  readonly method: string | undefined;
  readonly count: number;
  readonly errors: number;
  readonly rows: number;
  readonly totalMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface MonitorSnapshot {
  readonly queries: number;
  /** By total time, most first. */
  readonly shapes: readonly ShapeStats[];
  /** Shapes dropped to keep within `maxShapes`. */
  readonly dropped: number;
}

/** What `database.monitor` offers the application. */
export interface QueryMonitor {
  /** Aggregates per statement shape: counts, rows, p50/p95/max durations. */
  snapshot(): MonitorSnapshot;
  /** Runs `work` as one unit (a request, a job) for N+1 detection. */
  scope<T>(work: () => T): T;
  /** The findings made so far (the last 100), for tests and dashboards. */
  findings(): readonly Finding[];
  /** Forgets aggregates and findings, and which findings were already reported. */
  reset(): void;
}

interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

export interface MonitorContext {
  readonly mode: Mode;
  /** OpenTelemetry's `db.system` of the database. */
  readonly system: string;
  readonly kysely: Kysely<unknown>;
  readonly logger: Logger;
  /** Colours for the development query log. */
  readonly colours: boolean;
}

interface ShapeEntry {
  readonly shape: string;
  readonly operation: string;
  readonly table: string | undefined;
  method: string | undefined;
  readonly histogram: Histogram;
  errors: number;
  rows: number;
  /** A SELECT without LIMIT, read once from the shape. */
  readonly unlimited: boolean;
  /** Seen since it was last passed over for eviction ("second chance"). */
  recent: boolean;
  /** Let go to keep within `maxShapes`: the SQL texts that led here must find a new entry. */
  evicted: boolean;
  /** The origin whose columns were checked last: a statement repeats with its own, so this spares building the keys. */
  checkedOrigin: QueryOrigin | undefined;
  /** Outside scopes: when the current run of back-to-back statements began, its length, and when the last one ended. */
  runStart: number;
  runCount: number;
  lastEnd: number;
}

/**
 * The thresholds a MonitorOptions left out takes (the configuration schema states the same);
 * nPlusOneWindowMs is this outside production and 0 (off) in it.
 */
export const MONITOR_DEFAULTS = { slowQueryMs: 500, nPlusOneThreshold: 10, nPlusOneWindowMs: 100, missingLimitRows: 1_000, maxShapes: 1_000, findingIntervalMs: 60_000 } as const;

const KEPT_FINDINGS = 100;
const LONGEST_LOGGED_SQL = 500;
const LOGGED_PARAMETERS = 20;

/**
 * Watches every statement through a Database: aggregates per shape in bounded memory, and
 * findings — N+1 loops, SELECTs without LIMIT, filters and orders on unindexed columns, slow
 * statements — deduplicated and rate-limited.
 */
export class Monitor implements QueryMonitor {
  private readonly shapes = new Map<string, ShapeEntry>();
  // Entries by SQL text: repositories reuse one string per statement, so the common case is one lookup.
  private readonly entryOfSql = new Map<string, ShapeEntry>();
  private readonly gate: FindingGate;
  private readonly units = new AsyncLocalStorage<Map<string, number>>();
  private readonly large: ReadonlySet<string>;
  private readonly recent: Finding[] = [];
  private readonly checkedIndexes = new Set<string>();
  private readonly threshold: number;
  private readonly windowMs: number;
  private readonly slowMs: number;
  private readonly missingLimitRows: number;
  private queries = 0;
  private dropped = 0;
  private scoped = false;

  constructor(
    private readonly options: MonitorOptions,
    private readonly context: MonitorContext,
  ) {
    this.gate = new FindingGate(options.findingIntervalMs ?? MONITOR_DEFAULTS.findingIntervalMs, this.maxShapes);
    this.large = new Set(options.largeTables ?? []);
    this.threshold = options.nPlusOneThreshold ?? MONITOR_DEFAULTS.nPlusOneThreshold;
    this.windowMs = options.nPlusOneWindowMs ?? (context.mode === 'production' ? 0 : MONITOR_DEFAULTS.nPlusOneWindowMs);
    this.slowMs = options.slowQueryMs ?? MONITOR_DEFAULTS.slowQueryMs;
    this.missingLimitRows = options.missingLimitRows ?? MONITOR_DEFAULTS.missingLimitRows;
  }

  private get maxShapes(): number {
    return this.options.maxShapes ?? MONITOR_DEFAULTS.maxShapes;
  }

  /** Takes one executed statement. */
  readonly observe = (event: QueryEvent): void => {
    this.queries += 1;
    const origin = event.origin;
    let entry = this.entryOfSql.get(event.sql);
    if (entry === undefined || entry.evicted) entry = this.entryFor(event.sql, origin);
    else entry.recent = true;
    if (entry.method === undefined && origin !== undefined) entry.method = origin.method;
    entry.histogram.record(event.durationMs);
    entry.rows += event.rowCount ?? 0;
    if (event.error !== undefined) entry.errors += 1;

    const caller = event.stack === undefined ? undefined : callerOf(event.stack);
    if (this.options.onQuery !== undefined) this.options.onQuery(this.exported(event, entry, caller));
    if (this.context.mode === 'development') this.log(event, entry, caller);
    this.inspect(event, entry);
  };

  /** The entry of a SQL text not seen (or let go) before: by its shape, made if the shape is new. */
  private entryFor(sql: string, origin: QueryOrigin | undefined): ShapeEntry {
    const shape = sqlShape(sql);
    let entry = this.shapes.get(shape);
    if (entry === undefined) {
      const operation = operationName(sql);
      entry = { shape, operation, table: origin?.table ?? tableOf(sql), method: origin?.method, histogram: new Histogram(), errors: 0, rows: 0, unlimited: operation === 'SELECT' && !/\blimit\b/i.test(shape), recent: false, evicted: false, checkedOrigin: undefined, runStart: 0, runCount: 0, lastEnd: 0 };
      this.shapes.set(shape, entry);
      if (this.shapes.size > this.maxShapes) this.evict();
    } else entry.recent = true;
    this.entryOfSql.set(sql, entry);
    if (this.entryOfSql.size > this.maxShapes * 2) this.entryOfSql.delete(this.entryOfSql.keys().next().value as string);
    return entry;
  }

  /**
   * Drops the oldest shape not seen since it was last passed over: a hit only sets a flag, so the
   * common path does not reorder the map, and a shape in use survives as in an LRU.
   */
  private evict(): void {
    for (const [shape, entry] of this.shapes) {
      this.shapes.delete(shape);
      if (!entry.recent) {
        entry.evicted = true;
        this.dropped += 1;
        return;
      }
      entry.recent = false;
      this.shapes.set(shape, entry);
    }
  }

  snapshot(): MonitorSnapshot {
    const shapes = [...this.shapes.values()].map(
      (entry): ShapeStats => ({
        shape: entry.shape,
        operation: entry.operation,
        table: entry.table,
        method: entry.method,
        count: entry.histogram.count,
        errors: entry.errors,
        rows: entry.rows,
        totalMs: entry.histogram.totalMs,
        p50Ms: entry.histogram.quantile(0.5),
        p95Ms: entry.histogram.quantile(0.95),
        maxMs: entry.histogram.maxMs,
      }),
    );
    shapes.sort((a, b) => b.totalMs - a.totalMs);
    return { queries: this.queries, shapes, dropped: this.dropped };
  }

  scope<T>(work: () => T): T {
    this.scoped = true;
    return this.units.run(new Map(), work);
  }

  findings(): readonly Finding[] {
    return [...this.recent];
  }

  reset(): void {
    this.shapes.clear();
    this.entryOfSql.clear();
    this.recent.length = 0;
    this.checkedIndexes.clear();
    this.gate.clear();
    this.queries = 0;
    this.dropped = 0;
  }

  private inspect(event: QueryEvent, entry: ShapeEntry): void {
    const origin = event.origin;
    const method = origin?.method ?? entry.method;
    const table = entry.table;
    // Asking AsyncLocalStorage costs on every statement; until a scope is opened none can exist.
    const unit = this.scoped ? this.units.getStore() : undefined;
    if (unit !== undefined) {
      const count = (unit.get(entry.shape) ?? 0) + 1;
      unit.set(entry.shape, count);
      if (count === this.threshold) this.reportLoop(entry, origin, method, count, 'in one scope');
    } else if (this.windowMs > 0) {
      const now = performance.now();
      const started = now - event.durationMs;
      // A loop awaits each statement before sending the next; overlapping ones are concurrent work.
      if (started >= entry.lastEnd && now - entry.runStart <= this.windowMs) entry.runCount += 1;
      else {
        entry.runStart = started;
        entry.runCount = 1;
      }
      entry.lastEnd = now;
      if (entry.runCount === this.threshold) this.reportLoop(entry, origin, method, entry.runCount, `in a row within ${this.windowMs} ms`);
    }
    if (entry.unlimited && origin?.limited !== true) {
      const rows = event.rowCount ?? 0;
      if (rows > this.missingLimitRows || (table !== undefined && this.large.has(table))) {
        this.report(`missing_limit:${entry.shape}`, () => ({
          kind: 'missing_limit',
          severity: 'warning',
          message: `${method ?? 'A SELECT'} without a limit returned ${rows} rows${table === undefined ? '' : ` from "${table}"`}; page through them (paginate, or limit and offset).`,
          ...named(table, undefined, method),
          evidence: { shape: entry.shape, rows },
          suggestion: { text: 'Pass limit, or use paginate({ first, after }) to read in keyset pages.' },
        }));
      }
    }
    // An origin belongs to one compiled statement: its columns need checking once. Another entry
    // meeting the same origin checks again, and finds every key of it in checkedIndexes.
    if (origin?.descriptor !== undefined && entry.checkedOrigin !== origin) {
      entry.checkedOrigin = origin;
      this.checkIndexes(origin.descriptor, origin.filtered, origin.ordered, entry, method);
    }
    if (event.durationMs > this.slowMs) {
      this.report(`slow_query:${entry.shape}`, () => ({
        kind: 'slow_query',
        severity: 'warning',
        message: `Slow statement: ${method ?? entry.operation} took ${Math.round(event.durationMs)} ms (over ${this.slowMs} ms)${table === undefined ? '' : ` on "${table}"`}.`,
        ...named(table, undefined, method),
        evidence: { shape: entry.shape, durationMs: event.durationMs, ...(event.rowCount === undefined ? {} : { rows: event.rowCount }) },
      }));
    }
  }

  private reportLoop(entry: ShapeEntry, origin: QueryOrigin | undefined, method: string | undefined, count: number, where: string): void {
    const table = entry.table;
    this.report(`n_plus_one:${entry.shape}`, () => {
      const batch = batchForm(origin);
      return {
        kind: 'n_plus_one',
        severity: 'warning',
        message: `N+1: ${method ?? 'the same statement'} ran ${count} times ${where}${table === undefined ? '' : ` on "${table}"`}; fetch them at once with ${batch}.`,
        ...named(table, origin?.filtered, method),
        evidence: { shape: entry.shape, count },
        suggestion: { text: `Collect the keys first and use ${batch}.` },
      };
    });
  }

  /** Filters and orders on columns no index starts with, once per table and column list. */
  private checkIndexes(table: TableDescriptor, filtered: readonly string[] | undefined, ordered: readonly string[] | undefined, entry: ShapeEntry, method: string | undefined): void {
    for (const [use, columns] of [['filter', filtered], ['order', ordered]] as const) {
      if (columns === undefined || columns.length === 0) continue;
      const key = `${table.key}:${use}:${columns.join(',')}`;
      if (this.checkedIndexes.has(key)) continue;
      this.checkedIndexes.add(key);
      if (columns.some((column) => leadsAnIndex(table, column))) continue;
      this.report(`unindexed:${key}`, () => {
        const name = `${table.name}_${columns.join('_')}_idx`.slice(0, 63);
        const target = table.schema === null ? table.name : `${table.schema}.${table.name}`;
        const statement = this.context.kysely.schema.createIndex(name).on(target).columns([...columns]).compile().sql;
        return {
          kind: 'unindexed',
          severity: 'info',
          message: `${method ?? 'A statement'} ${use === 'filter' ? 'filters' : 'orders'} "${table.key}" by ${columns.map((column) => `"${column}"`).join(', ')}, which no index starts with; on a large table that reads every row.`,
          table: table.key,
          columns,
          ...(method === undefined ? {} : { method }),
          evidence: { shape: entry.shape },
          suggestion: { text: 'Add an index if the table is or will be large.', sql: `${statement};` },
        };
      });
    }
  }

  /** Reports the finding `build` makes, built only once the gate lets it through: most are held back. */
  private report(key: string, build: () => Omit<Finding, 'suppressed'>): void {
    const passed = this.gate.pass(key, Date.now());
    if (passed === null) return;
    const full: Finding = { ...build(), suppressed: passed.suppressed };
    this.recent.push(full);
    if (this.recent.length > KEPT_FINDINGS) this.recent.shift();
    this.options.onFinding?.(full);
    if (this.context.mode === 'test') return;
    const line = `crudgen: ${full.message}${full.suggestion?.sql === undefined ? '' : ` ${full.suggestion.sql}`}`;
    if (full.severity === 'warning') this.context.logger.warn(line);
    else this.context.logger.debug(line);
  }

  private exported(event: QueryEvent, entry: ShapeEntry, caller: string | undefined): MonitoredQuery {
    const development = this.context.mode === 'development';
    return {
      attributes: {
        'db.system': this.context.system,
        'db.operation.name': entry.operation,
        ...(entry.table === undefined ? {} : { 'db.collection.name': entry.table }),
        'db.query.text': development ? event.sql : entry.shape,
      },
      durationMs: event.durationMs,
      rows: event.rowCount,
      error: event.error?.code,
      method: event.origin?.method ?? entry.method,
      caller,
    };
  }

  /** The development query log: duration, SQL, parameters and where the application called from. */
  private log(event: QueryEvent, entry: ShapeEntry, caller: string | undefined): void {
    const ms = event.durationMs.toFixed(1).padStart(7);
    const paint = (code: number, text: string): string => (this.context.colours ? `\u001b[${code}m${text}\u001b[0m` : text);
    const duration = paint(event.durationMs > this.slowMs ? 31 : event.durationMs > 50 ? 33 : 32, `${ms} ms`);
    // A batch's statement and its thousands of values would bury the log: shown by shape, values cut short.
    const sql = event.sql.length > LONGEST_LOGGED_SQL ? entry.shape : event.sql;
    const shown = event.parameters === undefined || this.options.logParameters === false ? [] : event.parameters.slice(0, LOGGED_PARAMETERS);
    const more = shown.length > 0 && event.parameters !== undefined && event.parameters.length > LOGGED_PARAMETERS ? ` … (${event.parameters.length} values)` : '';
    const parameters = shown.length === 0 ? '' : ` ${paint(90, `${JSON.stringify(shown, jsonSafe)}${more}`)}`;
    const from = caller === undefined ? '' : ` ${paint(36, `← ${caller}`)}`;
    const failed = event.error === undefined ? '' : ` ${paint(31, event.error.code)}`;
    this.context.logger.debug(`${duration} ${sql}${parameters}${failed}${from}`);
  }
}

/** The one call that replaces a loop of this statement. */
function batchForm(origin: QueryOrigin | undefined): string {
  if (origin?.method.endsWith('.create') === true) return 'createMany(rows)';
  const [only, ...more] = origin?.filtered ?? [];
  if (only === undefined || more.length > 0) return 'one statement for all of them (an IN list or a join)';
  const property = origin?.descriptor?.columns.find((column) => column.name === only)?.property ?? only;
  return `findMany({ where: { ${property}: { in: [...] } } })`;
}

function named(table: string | undefined, columns: readonly string[] | undefined, method: string | undefined) {
  return { ...(table === undefined ? {} : { table }), ...(columns === undefined ? {} : { columns }), ...(method === undefined ? {} : { method }) };
}

/** Whether an index (or the primary key) has the column first, so a filter on it can use it. */
function leadsAnIndex(table: TableDescriptor, column: string): boolean {
  if (table.primaryKey[0] === column) return true;
  return table.indexes.some((index) => index.columns[0] === column && !index.partial) || table.uniqueKeys.some((key) => key[0] === column);
}

// Frames of the runtime, Kysely, the drivers and Node itself are not where the application called from.
const INTERNAL = /node_modules|node:internal|\/runtime\/|<anonymous>/;

/** The first frame of the application in a captured stack: `file:line:column`. */
function callerOf(stack: string): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const location = /\(?((?:file:\/\/)?\/[^()]+:\d+:\d+)\)?\s*$/.exec(line)?.[1];
    if (location !== undefined && !INTERNAL.test(location)) return location.replace(/^file:\/\//, '');
  }
  return undefined;
}
