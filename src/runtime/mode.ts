/** How much the runtime tells: development shows SQL and values; production and test do not. */
export type Mode = 'development' | 'production' | 'test';

const MODES: readonly Mode[] = ['development', 'production', 'test'];

/**
 * The explicit option wins, then NODE_ENV. When nothing names a mode the runtime behaves as in
 * production, so parameter values are never shown unless someone asked for development.
 */
export function resolveMode(explicit: Mode | undefined, env: NodeJS.ProcessEnv = process.env): Mode {
  if (explicit !== undefined) return explicit;
  const fromEnv = env['NODE_ENV']?.trim().toLowerCase();
  return MODES.find((mode) => mode === fromEnv) ?? 'production';
}
