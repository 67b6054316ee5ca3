import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = join(ROOT, 'bin', 'crudgen.js');

/** The test process's environment without DATABASE_URL and colour settings. */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['DATABASE_URL', 'NO_COLOR', 'FORCE_COLOR'].includes(key)) env[key] = value;
  }
  return env;
}

/**
 * Runs the real CLI in a child process, with an environment free of the caller's DATABASE_URL
 * and colour settings unless the test sets them.
 */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...baseEnvironment(), ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI with stderr on a pseudo-terminal (via util-linux `script`), which is the only
 * way to see what a user at a terminal sees: colours and progress lines are off otherwise.
 */
export function runCliOnTerminal(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const result = spawnSync('script', ['-qec', quoted, '/dev/null'], {
    cwd: ROOT,
    // A known terminal type, whatever the caller's environment says (CI may have none or "dumb").
    env: { ...baseEnvironment(), TERM: 'xterm-256color', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Matches any ANSI escape sequence. */
export const ANSI = /\u001b\[/;
