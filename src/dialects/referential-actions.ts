import type { ForeignKey, ReferentialAction } from '../schema/model.js';

/** How a foreign key's action is written in DDL. */
export const REFERENTIAL_ACTION_SQL: Readonly<Record<ReferentialAction, string>> = {
  no_action: 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  set_null: 'SET NULL',
  set_default: 'SET DEFAULT',
};

/** The other way: foreign-key actions as SQL spells them (SQLite's pragmas, MySQL's information_schema). */
export const SQL_REFERENTIAL_ACTIONS: Readonly<Record<string, ReferentialAction>> = Object.fromEntries(
  Object.entries(REFERENTIAL_ACTION_SQL).map(([action, sql]) => [sql, action as ReferentialAction]),
);

/**
 * What follows REFERENCES in standard SQL (PostgreSQL, SQLite): the actions and deferral, the
 * defaults (NO ACTION, not deferrable) left out.
 */
export function referentialClauses(key: ForeignKey): string {
  let sql = '';
  if (key.onDelete !== 'no_action') sql += ` ON DELETE ${REFERENTIAL_ACTION_SQL[key.onDelete]}`;
  if (key.onUpdate !== 'no_action') sql += ` ON UPDATE ${REFERENTIAL_ACTION_SQL[key.onUpdate]}`;
  if (key.deferrable) sql += key.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
  return sql;
}
