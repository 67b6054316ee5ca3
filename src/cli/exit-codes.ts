/** Exit codes, the same for every command. */
export const EXIT = {
  /** The command ran and found nothing to report. */
  OK: 0,
  /** The command ran and found what it was asked to find (stale output, changes over a threshold). */
  FOUND: 1,
  /** Usage, configuration, connection or input error. */
  ERROR: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  the command ran and found what it was asked to find (stale output, changes at or above a threshold)
  2  usage, configuration, connection or input error`;
