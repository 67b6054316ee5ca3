import { readFileSync } from 'node:fs';

/** The package version, read once from package.json next to the compiled code. */
export function packageVersion(): string {
  const file = new URL('../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
