import type { Dialect, DialectName } from './dialect.js';

/**
 * The single place that switches on dialect names: each name maps to a lazy import of its
 * module, so a user of one database never loads the code (or the driver) of another.
 */
const loaders: Readonly<Record<DialectName, () => Promise<{ default: Dialect }>>> = {
  sqlite: () => import('./sqlite/index.js'),
  postgres: () => import('./postgres/index.js'),
  mysql: () => import('./mysql/index.js'),
};

/** Loads the dialect module for a name. */
export async function loadDialect(name: DialectName): Promise<Dialect> {
  const module = await loaders[name]();
  return module.default;
}

