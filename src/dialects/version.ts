/** Whether a server's `major.minor.patch` version is at least the one given (missing parts count as 0). */
export function atLeast(version: string, major: number, minor: number, patch = 0): boolean {
  const [a = 0, b = 0, c = 0] = version.split('.').map(Number);
  return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}
