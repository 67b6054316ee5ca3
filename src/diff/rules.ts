/** How much a change matters, least first: the order `--fail-on` compares with. */
export const LEVELS = ['safe', 'data-dependent', 'breaking', 'destructive'] as const;
export type Level = (typeof LEVELS)[number];

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

interface Rule {
  readonly level: Level;
  /** Why a change of this kind has this level: the reason every report shows. */
  readonly reason: string;
}

/**
 * Every diagnostic code `crudgen diff` can give, with its level and reason. Codes are stable
 * (documented in docs/diff.md, switchable per project with `diff.rules`); a new case gets a new
 * code rather than a new meaning for an old one.
 */
export const RULES = {
  'table-added': { level: 'safe', reason: 'A new table changes nothing that exists.' },
  'table-dropped': { level: 'destructive', reason: 'Its rows are lost, and the application\'s repository for it fails.' },
  'table-renamed': { level: 'breaking', reason: 'Code and queries that use the old name fail until they are regenerated and deployed together.' },
  'table-traits-changed': { level: 'data-dependent', reason: 'Storage traits (STRICT, WITHOUT ROWID, partitioning) change how rows are stored; rebuilding the table may refuse existing rows.' },
  'column-added-nullable': { level: 'safe', reason: 'A new nullable column: existing rows read null, inserts may leave it out.' },
  'column-added-with-default': { level: 'safe', reason: 'A new column with a default (or made by the database): existing rows get the default, inserts may leave it out.' },
  'column-added-required': { level: 'breaking', reason: 'A new NOT NULL column without a default: every insert must now give it, and adding it fails on a table with rows.' },
  'column-dropped': { level: 'destructive', reason: 'Its values are lost, and code that reads or writes it fails.' },
  'column-renamed': { level: 'breaking', reason: 'Code and queries that use the old name fail until they are regenerated and deployed together.' },
  'column-type-widened': { level: 'safe', reason: 'The new type holds every value of the old one.' },
  'column-type-narrowed': { level: 'destructive', reason: 'The new type does not hold every value of the old one: converting fails or cuts values, and writes the application allowed are refused.' },
  'column-type-changed': { level: 'breaking', reason: 'A different kind of type: the generated TypeScript type changes, and converting existing values may fail.' },
  'column-made-not-null': { level: 'breaking', reason: 'Inserts and updates must now give a value, and the change fails while rows hold null.' },
  'column-made-nullable': { level: 'breaking', reason: 'Reads may now return null where the application expects a value.' },
  'column-default-changed': { level: 'safe', reason: 'Only rows inserted without a value see the new default.' },
  'column-default-dropped': { level: 'breaking', reason: 'The column is NOT NULL and has no default any more: inserts that left it out now fail.' },
  'column-identity-changed': { level: 'safe', reason: 'The database still fills the column when an insert leaves it out.' },
  'column-identity-dropped': { level: 'breaking', reason: 'The database no longer fills the column: inserts that left it out now fail.' },
  'column-generated-changed': { level: 'breaking', reason: 'The column became or stopped being generated: writes to it are now refused, or now required.' },
  'column-generated-expression-changed': { level: 'safe', reason: 'The database recomputes the values; the application only reads them.' },
  'column-collation-changed': { level: 'data-dependent', reason: 'Comparisons and sorting change, and a unique index over it may refuse rows that were distinct before.' },
  'column-values-appended': { level: 'safe', reason: 'New allowed values after the existing ones: every stored value stays valid.' },
  'column-values-inserted': { level: 'data-dependent', reason: 'New allowed values among the existing ones change their order (sorting by the column changes), and MySQL rebuilds the table.' },
  'column-values-removed': { level: 'destructive', reason: 'Rows holding a removed value cannot be kept as they are, and the generated type loses the value.' },
  'primary-key-added': { level: 'data-dependent', reason: 'Fails while rows repeat a key or hold null in its columns.' },
  'primary-key-dropped': { level: 'breaking', reason: 'Repositories lose findById, update and delete by id.' },
  'primary-key-changed': { level: 'breaking', reason: 'The id type of findById, update and delete changes, and the new key fails while rows repeat it.' },
  'foreign-key-added': { level: 'data-dependent', reason: 'Fails while rows reference no existing row.' },
  'foreign-key-dropped': { level: 'safe', reason: 'Nothing that was allowed is refused.' },
  'foreign-key-changed': { level: 'breaking', reason: 'Deleting or updating a referenced row now behaves differently (cascade, set null, restrict).' },
  'unique-added': { level: 'data-dependent', reason: 'Fails while rows repeat the value, and inserts of a repeated value are refused.' },
  'unique-dropped': { level: 'safe', reason: 'Nothing that was allowed is refused; upserts on it stop working.' },
  'index-added': { level: 'safe', reason: 'Only speed changes (building it takes time and locks on a large table).' },
  'unique-index-added': { level: 'data-dependent', reason: 'Fails while rows repeat the indexed value, and inserts of a repeated value are refused.' },
  'index-dropped': { level: 'safe', reason: 'Nothing is refused, but queries that used the index may slow down.' },
  'check-added': { level: 'data-dependent', reason: 'Fails while rows break the condition, and writes that break it are refused.' },
  'check-dropped': { level: 'safe', reason: 'Nothing that was allowed is refused.' },
  'view-added': { level: 'safe', reason: 'A new view changes nothing that exists.' },
  'view-dropped': { level: 'breaking', reason: 'The application\'s repository for it fails.' },
  'view-definition-changed': { level: 'safe', reason: 'The columns stay the same; the rows it returns may differ.' },
  'view-column-added': { level: 'safe', reason: 'Reads return one more column.' },
  'view-column-dropped': { level: 'breaking', reason: 'Code that reads the column fails.' },
  'view-column-type-changed': { level: 'breaking', reason: 'The generated TypeScript type of the column changes.' },
  'enum-added': { level: 'safe', reason: 'A new type changes nothing that exists.' },
  'enum-dropped': { level: 'breaking', reason: 'The generated type goes away.' },
  'enum-values-appended': { level: 'safe', reason: 'New values after the existing ones: every stored value stays valid.' },
  'enum-values-inserted': { level: 'data-dependent', reason: 'New values among the existing ones change the sort order of the enum.' },
  'enum-values-removed': { level: 'destructive', reason: 'Rows holding a removed value cannot be kept as they are, and the generated type loses the value.' },
  'domain-added': { level: 'safe', reason: 'A new type changes nothing that exists.' },
  'domain-dropped': { level: 'breaking', reason: 'Columns declared with it change type.' },
  'domain-changed': { level: 'data-dependent', reason: 'Its base type, NOT NULL, default or checks changed: fails while values break the new definition.' },
  'comment-changed': { level: 'safe', reason: 'Only documentation (and the generated JSDoc) changes.' },
} as const satisfies Record<string, Rule>;

export type RuleCode = keyof typeof RULES;

export const RULE_CODES = Object.keys(RULES) as RuleCode[];
