import type { MigrationGuide, MigrationStep } from '../dialects/dialect.js';

/**
 * The statements of all guides as one script, in order, ready for a migration file: each step's
 * comment above it, and steps that may not run in a transaction marked, since a migration tool
 * must run those on their own.
 */
export function migrationScript(guides: readonly MigrationGuide[]): string {
  const steps = guides.flatMap((guide) => guide.steps);
  if (steps.length === 0) return '';
  const mark = marksOutside(guides);
  // Where no statement can run in a transaction (MySQL's DDL commits), one note says so for all.
  const lines = mark ? [] : ['-- Each statement commits on its own: a failure leaves the statements before it applied.'];
  for (const step of steps) lines.push(...stepLines(step, mark));
  return `${lines.join('\n')}\n`;
}

/** Whether to note each step that must run outside a transaction: not where none may run inside one. */
export function marksOutside(guides: readonly { readonly steps: readonly Pick<MigrationStep, 'transactional'>[] }[]): boolean {
  return guides.some((guide) => guide.steps.some((step) => step.transactional));
}

/** One step as SQL text with its comment and, when it must run outside a transaction, that note. */
export function stepLines(step: Pick<MigrationStep, 'sql' | 'transactional'> & { readonly comment?: string | undefined }, markOutside = true): string[] {
  const lines: string[] = [];
  if (step.comment !== undefined) lines.push(...step.comment.split('\n').map((line) => `-- ${line}`));
  if (!step.transactional && markOutside) lines.push('-- must run outside a transaction');
  if (step.sql !== '') lines.push(step.sql);
  return lines;
}
