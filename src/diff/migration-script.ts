import type { MigrationGuide, MigrationStep } from './migration.js';

/**
 * The statements of all guides as one script, in order, ready for a migration file: each step's
 * comment above it, and steps that may not run in a transaction marked, since a migration tool
 * must run those on their own.
 */
export function migrationScript(guides: readonly MigrationGuide[]): string {
  const lines: string[] = [];
  for (const guide of guides) for (const step of guide.steps) lines.push(...stepLines(step));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** One step as SQL text with its comment and, when it must run outside a transaction, that note. */
export function stepLines(step: Pick<MigrationStep, 'sql' | 'transactional'> & { readonly comment?: string | undefined }): string[] {
  const lines: string[] = [];
  if (step.comment !== undefined) lines.push(...step.comment.split('\n').map((line) => `-- ${line}`));
  if (!step.transactional) lines.push('-- must run outside a transaction');
  if (step.sql !== '') lines.push(step.sql);
  return lines;
}
