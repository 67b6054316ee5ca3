/**
 * Minimal glob matching for object names: `*` matches any run of characters (including none),
 * `?` exactly one; everything else is literal. Names are not paths, so `/` and `.` are ordinary.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'su');
}

/** A predicate that is true when a name matches any of the globs. */
export function anyGlob(globs: readonly string[]): (name: string) => boolean {
  const patterns = globs.map(globToRegExp);
  return (name) => patterns.some((pattern) => pattern.test(name));
}
