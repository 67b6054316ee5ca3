import type { ReferentialAction } from '../schema/model.js';

/** Foreign-key actions as SQL spells them (SQLite's pragmas, MySQL's information_schema). */
export const SQL_REFERENTIAL_ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  'NO ACTION': 'no_action',
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set_null',
  'SET DEFAULT': 'set_default',
};
