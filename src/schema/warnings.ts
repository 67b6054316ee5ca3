/**
 * The registry of introspection warnings: what the model cannot represent is never dropped
 * silently but reported with one of these stable codes, the affected object and one line of
 * explanation. The CLI prints them and the snapshot stores them.
 */
export const WARNING_CODES = {
  TRIGGER_NOT_MODELLED: 'A trigger exists; triggers are not part of the model, so generated code does not know what it changes.',
  VIRTUAL_TABLE_SKIPPED: 'A virtual table (and its shadow tables) was skipped; its columns and behaviour depend on a module crudgen does not model.',
  UNKNOWN_TYPE: 'A column type is not in the type map; it is typed as unknown.',
  EXTENSION_TYPE: 'A column uses a type defined by an extension; it keeps its native name and is typed as unknown.',
  EXCLUSION_CONSTRAINT_NOT_MODELLED: 'An exclusion constraint exists; the model does not carry it, so generated code cannot check it before the database does.',
  ROW_LEVEL_SECURITY: 'Row-level security is enabled; queries see and change only the rows the connecting role is allowed to, which generated code does not know.',
  STORAGE_ENGINE_LIMITED: 'A table uses a storage engine without transactions or foreign keys; rollbacks do not undo its changes and its foreign keys are not enforced.',
  RULE_NOT_MODELLED: 'A rewrite rule exists; rules are not part of the model, so generated code does not know that statements are rewritten.',
  VIEW_UNREADABLE: 'A view could not be read (its definition no longer compiles); it is recorded without columns.',
  FOREIGN_KEY_TARGET_MISSING: 'A foreign key references a table or key that does not exist; it is left out of the model.',
  INDEX_EXPRESSION_UNREADABLE: 'An index expression could not be recovered from the catalog; the index is recorded without it.',
} as const;

export type WarningCode = keyof typeof WARNING_CODES;

export interface Warning {
  readonly code: WarningCode;
  /** The affected object, e.g. `trigger main.actor_trigger_ai` or `column main.film.rating`. */
  readonly object: string;
  readonly message: string;
}

/** Builds a warning, with the registry's explanation unless a more specific one is given. */
export function makeWarning(code: WarningCode, object: string, message: string = WARNING_CODES[code]): Warning {
  return { code, object, message };
}
