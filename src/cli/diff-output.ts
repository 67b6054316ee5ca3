import type { ChalkInstance } from 'chalk';
import type { DiffReport } from '../diff/report.js';
import { marksOutside, stepLines } from '../diff/migration-script.js';
import { LEVELS, type Level } from '../diff/rules.js';

type ReportedChange = DiffReport['changes'][number];

const HEADINGS: Readonly<Record<Level, string>> = {
  destructive: 'Destructive — loses data',
  breaking: 'Breaking — the application or generated code must change',
  'data-dependent': 'Data-dependent — may fail on existing rows',
  safe: 'Safe',
};

/** Most serious first. */
const SHOWN_ORDER = [...LEVELS].reverse();

function grouped(report: DiffReport): Array<[Level, ReportedChange[]]> {
  return SHOWN_ORDER.map((level): [Level, ReportedChange[]] => [level, report.changes.filter((change) => change.level === level)]).filter(([, changes]) => changes.length > 0);
}

function summaryLine(report: DiffReport): string {
  const { summary } = report;
  if (summary.total === 0) return 'No changes: the schemas are the same.';
  const parts = SHOWN_ORDER.filter((level) => summary[level] > 0).map((level) => `${summary[level]} ${level}`);
  return `${summary.total} ${summary.total === 1 ? 'change' : 'changes'}: ${parts.join(', ')}.`;
}

/** The report for a terminal or a CI log: grouped by level, most serious first, with reasons and counts. */
export function humanDiff(report: DiffReport, colors: ChalkInstance): string {
  const paint: Readonly<Record<Level, (text: string) => string>> = { destructive: colors.red.bold, breaking: colors.red, 'data-dependent': colors.yellow, safe: colors.green };
  const lines = [colors.dim(`${report.from.source} → ${report.to.source} (${report.to.dialect})`)];
  for (const [level, changes] of grouped(report)) {
    lines.push('', paint[level](`${HEADINGS[level]} (${changes.length})`));
    for (const change of changes) {
      lines.push(`  ${paint[level]('•')} ${change.message} ${colors.dim(`[${change.code}]`)}`);
      lines.push(`    ${colors.dim(change.reason)}`);
      if (change.evidence !== null) lines.push(`    ${colors.cyan(`data: ${change.evidence.text}`)}`);
    }
  }
  if (report.renameCandidates.length > 0) {
    lines.push('', colors.bold('Possible renames (reported as drop + add until confirmed)'));
    for (const candidate of report.renameCandidates) {
      lines.push(`  ${candidate.kind} ${candidate.from} → ${candidate.to} (score ${candidate.score.toFixed(2)}): confirm with ${colors.bold(candidate.confirm)}`);
    }
  }
  if (report.api !== null && report.api.changes.length > 0) {
    lines.push('', colors.bold('Generated API'));
    for (const change of report.api.changes) lines.push(`  ${change.breaking ? colors.red('✗') : colors.green('+')} ${change.message}`);
    lines.push(colors.dim(`  files: ${filesLine(report.api.files)}`));
  }
  lines.push(...humanMigration(report, colors));
  lines.push('', summaryLine(report));
  return lines.join('\n');
}

/** The migration: its script, then for the changes that need more care, warnings and the safe rollout. */
function humanMigration(report: DiffReport, colors: ChalkInstance): string[] {
  const migration = report.migration;
  if (migration === null || migration.script === '') return [];
  const lines = ['', colors.bold(`Migration SQL for ${migration.server.flavour} ${migration.server.version} (crudgen diff --sql prints only this)`)];
  lines.push(...migration.script.trimEnd().split('\n').map((line) => `  ${line.startsWith('--') ? colors.dim(line) : line}`));
  const mark = marksOutside(migration.guides);
  for (const guide of migration.guides) {
    if (guide.warnings.length === 0 && guide.rollout.length === 0) continue;
    const about = guide.changes.map((index) => report.changes[index]?.message).filter((message) => message !== undefined);
    lines.push('', `  ${colors.bold(about.length > 0 ? about.join('; ') : 'also')}`);
    for (const warning of guide.warnings) lines.push(`    ${colors.yellow('!')} ${warning}`);
    if (guide.rollout.length > 0) {
      lines.push(`    ${colors.cyan('safe rollout:')}`);
      for (const step of guide.rollout) lines.push(...stepLines(step, mark).flatMap((text) => text.split('\n')).map((line) => `      ${line.startsWith('--') ? colors.dim(line) : line}`));
    }
  }
  return lines;
}

function filesLine(files: NonNullable<DiffReport['api']>['files']): string {
  const parts = [
    ...files.added.map((path) => `+${path}`),
    ...files.removed.map((path) => `-${path}`),
    ...files.changed.map((path) => `~${path}`),
  ];
  return parts.length === 0 ? 'none change' : parts.join(' ');
}

/** The report for a pull-request comment: a summary and one table per level. */
export function markdownDiff(report: DiffReport): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['## Schema changes', '', `\`${cell(report.from.source)}\` → \`${cell(report.to.source)}\` (${report.to.dialect}). ${summaryLine(report)}`];
  for (const [level, changes] of grouped(report)) {
    lines.push('', `### ${HEADINGS[level]} (${changes.length})`, '', '| Change | Code | Why | Data |', '| --- | --- | --- | --- |');
    for (const change of changes) lines.push(`| ${cell(change.message)} | \`${change.code}\` | ${cell(change.reason)} | ${change.evidence === null ? '' : cell(change.evidence.text)} |`);
  }
  if (report.renameCandidates.length > 0) {
    lines.push('', '### Possible renames', '', '| Kind | From | To | Score | Confirm with |', '| --- | --- | --- | --- | --- |');
    for (const candidate of report.renameCandidates) lines.push(`| ${candidate.kind} | \`${cell(candidate.from)}\` | \`${cell(candidate.to)}\` | ${candidate.score.toFixed(2)} | \`${cell(candidate.confirm)}\` |`);
  }
  if (report.migration !== null && report.migration.script !== '') {
    lines.push('', `### Migration SQL for ${report.migration.server.flavour} ${report.migration.server.version}`, '', '```sql', report.migration.script.trimEnd(), '```');
    const mark = marksOutside(report.migration.guides);
    for (const guide of report.migration.guides) {
      if (guide.warnings.length === 0 && guide.rollout.length === 0) continue;
      const about = guide.changes.map((index) => report.changes[index]?.message).filter((message) => message !== undefined);
      lines.push('', `**${cell(about.length > 0 ? about.join('; ') : 'also')}**`, '');
      for (const warning of guide.warnings) lines.push(`- ⚠ ${warning}`);
      if (guide.rollout.length > 0) lines.push('', 'Safe rollout:', '', '```sql', ...guide.rollout.flatMap((step) => stepLines(step, mark)), '```');
    }
  }
  if (report.api !== null && report.api.changes.length > 0) {
    lines.push('', '### Generated API', '');
    for (const change of report.api.changes) lines.push(`- ${change.breaking ? '**breaking**: ' : ''}${change.message}`);
    lines.push('', `Files: ${filesLine(report.api.files)}`);
  }
  return lines.join('\n');
}
