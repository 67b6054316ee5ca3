/**
 * Normalised type families: the dialect-neutral meaning of a column type. Each dialect maps its
 * native types onto these with a data table (`type-map.ts`); generators map families onto
 * TypeScript and zod. Arrays keep the family of their element and set `arrayDimensions`.
 */
export const TYPE_FAMILIES = [
  'bigint',
  'binary',
  'bit',
  'boolean',
  'date',
  'decimal',
  'double',
  'enum',
  'fulltext',
  'geometric',
  'integer',
  'interval',
  'json',
  'money',
  'network',
  'range',
  'real',
  'set',
  'smallint',
  'text',
  'time',
  'timestamp',
  'timestamptz',
  'unknown',
  'uuid',
  'xml',
  'year',
] as const;

export type TypeFamily = (typeof TYPE_FAMILIES)[number];
