import type { Change } from '../../diff/changes.js';
import type { MigrationGuide, MigrationWriter } from '../dialect.js';
import { alterColumn, commentOn, constraintName, createDomain, createEnum, qualify, viewKind } from './ddl.js';
import { doubleQuoted as ident } from '../quoting.js';
import { addColumn, dropColumn, renameColumn, setNotNull, writeCollation, writeColumnDefault, writeColumnType, writeGenerated, writeIdentity } from './migration-columns.js';
import { addCheck, addForeignKey, addIndex, addUnique, dropIndex, writeConstraintDrop, writePrimaryKey, writePrimaryKeyDrop } from './migration-constraints.js';
import { inPhaseOrder, PHASE } from './migration-order.js';
import { piece } from './migration-steps.js';
import { changeTraits, renameTable, writeTableAdded, writeTableDrops } from './migration-tables.js';
import { addEnumValues, alterDomain, writeRemadeType } from './migration-types.js';
import { writeViews } from './migration-views.js';
import { key, need, Writer } from './migration-writer.js';

/**
 * The PostgreSQL migration writer: which statements each change needs and when they run. Every
 * change becomes one or more parts, each in the phase where it can run (migration-order.ts); the
 * statements, rollouts and warnings of each kind of object are in its own migration-*.ts, their
 * text in ddl.ts. A guide's rollout, where there is one, replaces that guide's steps.
 */

/** PostgreSQL's `MigrationWriter`: see `src/dialects/dialect.ts`. */
export const postgresMigrations: MigrationWriter = {
  guide: (changes, context) => guides(new Writer(changes, context)),
};

function guides(w: Writer): MigrationGuide[] {
  writeViews(w);
  writeTableDrops(w);
  // Changes that remake a whole column or type come first: they take that column's other changes along.
  for (const change of w.changes) {
    if (change.kind === 'column_generated_changed') writeGenerated(w, change);
    else if (change.kind === 'enum_values_removed' || (change.kind === 'domain_changed' && change.from.baseType !== change.to.baseType)) writeRemadeType(w, change);
  }
  for (const change of w.changes) if (!w.covered.has(change)) write(w, change);
  return inPhaseOrder(w.parts);
}

function write(w: Writer, change: Change): void {
  switch (change.kind) {
    case 'table_added': return writeTableAdded(w, change);
    case 'table_renamed': return w.add(PHASE.rename, change, renameTable(change.from, change.table));
    case 'table_traits_changed': return w.add(PHASE.columnFirst, change, changeTraits(change.table, change.from, change.to));
    case 'column_added': return w.add(PHASE.addColumn, change, addColumn(change.table, change.column, w.major));
    case 'column_dropped': return w.add(PHASE.dropColumn, change, dropColumn(change.table, change.column.name));
    case 'column_renamed': return w.add(PHASE.rename, change, renameColumn(change.table, change.from, change.column));
    case 'column_type_changed': return writeColumnType(w, change);
    case 'column_nullability_changed':
      return w.add(PHASE.columnNull, change, change.nullable ? [`${alterColumn(change)} DROP NOT NULL;`] : setNotNull(change.table, change.column, w.major));
    case 'column_default_changed': return writeColumnDefault(w, change);
    case 'column_identity_changed': return writeIdentity(w, change);
    case 'column_collation_changed': return writeCollation(w, change);
    case 'column_values_added':
    case 'column_values_removed':
      return w.add(PHASE.columnType, change, piece([], [], ['PostgreSQL keeps a column’s allowed values in a CHECK or a domain: the check or domain changes of this diff carry them.']));
    case 'primary_key_added': return writePrimaryKey(w, change, null);
    case 'primary_key_dropped': return void writePrimaryKeyDrop(w, change);
    case 'primary_key_changed': return writePrimaryKey(w, change, writePrimaryKeyDrop(w, change));
    case 'foreign_key_added': return w.add(PHASE.addForeignKey, change, addForeignKey(change.table, change.foreignKey));
    case 'foreign_key_dropped': return writeConstraintDrop(w, PHASE.dropForeignKey, change, constraintName(change.table.name, change.foreignKey.name, change.foreignKey.columns, 'fkey'));
    case 'foreign_key_changed':
      writeConstraintDrop(w, PHASE.dropForeignKey, change, constraintName(change.table.name, change.from.name, change.from.columns, 'fkey'));
      return w.add(PHASE.addForeignKey, change, addForeignKey(change.table, change.foreignKey));
    case 'unique_added': return w.add(PHASE.addUnique, change, addUnique(change.table, change.unique));
    case 'unique_dropped': return writeConstraintDrop(w, PHASE.dropConstraint, change, constraintName(change.table.name, change.unique.name, change.unique.columns, 'key'));
    case 'index_added': return w.add(PHASE.addIndex, change, addIndex(change.table, change.index));
    case 'index_dropped': return w.add(PHASE.dropConstraint, change, dropIndex(change.table, change.index));
    case 'check_added': return w.add(PHASE.addCheck, change, addCheck(change.table, change.check));
    case 'check_dropped': return writeConstraintDrop(w, PHASE.dropConstraint, change, constraintName(change.table.name, change.check.name, [], 'check'));
    case 'enum_added': return w.add(PHASE.types, change, createEnum(change.enum));
    case 'enum_dropped': return w.add(PHASE.dropType, change, [`DROP TYPE ${qualify(change.enum)};`]);
    case 'enum_values_added': {
      const values = need(w.context.to.enums.find((item) => key(item) === key(change.enum)), 'enum').values;
      return w.add(PHASE.types, change, addEnumValues(change.enum, values, change.values, w.major));
    }
    case 'domain_added': return w.add(PHASE.types, change, createDomain(change.domain));
    case 'domain_dropped': return w.add(PHASE.dropDomain, change, [`DROP DOMAIN ${qualify(change.domain)};`]);
    case 'domain_changed': {
      const { loosen, tighten } = alterDomain(change.from, change.to);
      if (loosen.steps.length > 0 || tighten.steps.length === 0) w.add(PHASE.dropConstraint, change, loosen);
      return tighten.steps.length > 0 ? w.add(PHASE.tightenDomain, change, tighten) : undefined;
    }
    case 'comment_changed': {
      const view = [...w.context.to.views, ...w.context.from.views].find((item) => key(item) === key(change.object));
      const kinds = { table: 'TABLE', column: 'COLUMN', view: view === undefined ? 'VIEW' : viewKind(view), enum: 'TYPE', domain: 'DOMAIN' };
      const target = change.target === 'column' ? `${qualify(change.object)}.${ident(change.column ?? '')}` : qualify(change.object);
      return w.add(PHASE.comment, change, [commentOn(`${kinds[change.target]} ${target}`, change.to)]);
    }
    default:
      // Views, dropped tables, generated columns and recreated types are written before this loop.
      return;
  }
}
