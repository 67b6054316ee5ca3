import type { ReferentialAction } from '../schema/model.js';

/** Foreign-key actions as SQL spells them (SQLite's pragmas, MySQL's information_schema). */
export const SQL_REFERENTIAL_ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  'NO ACTION': 'no_action',
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set_null',
  'SET DEFAULT': 'set_default',
};

/** The other way: how a foreign key's action is written in DDL. */
export const REFERENTIAL_ACTION_SQL: Readonly<Record<ReferentialAction, string>> = {
  no_action: 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  set_null: 'SET NULL',
  set_default: 'SET DEFAULT',
};
