// Glob patterns for the include/exclude settings, matched against a path relative to the folder checked, with `/`
// separators (as VS Code's `files.exclude` and `.gitignore`-style tools write them). Node 20 has no
// `path.matchesGlob`, and the patterns needed are few: `**`, `*`, `?`, `[…]` and `{a,b}`.

/** A pattern turned into a test; a pattern without a `/` matches a name at any depth (as `files.exclude` does). */
export function globMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const tests = patterns.filter((p) => p.trim() !== '').map(globToRegExp);
  if (tests.length === 0) return () => false;
  return (relativePath) => {
    const path = relativePath.split('\\').join('/');
    return tests.some((t) => t.test(path));
  };
}

/** The regular expression of one glob: it matches the path itself or any folder above it (so `dist` covers `dist/a.ts`). */
export function globToRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/^\.\//, '').replace(/\/+$/, '');
  if (!p.includes('/')) p = `**/${p}`;
  else p = p.replace(/^\//, '');
  let out = '';
  let braces = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      const slash = p[i + 2] === '/';
      // `**/` is any number of folders (none too); a trailing `**` is anything below.
      out += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = p.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${p.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}(?:/.*)?$`);
}
