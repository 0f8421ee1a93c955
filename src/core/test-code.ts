// Test code is not a server's declarations: tool lists in tests are test data, and a test that registers a tool
// twice on purpose is no duplicate. Left out by default (`--include-tests` brings it back).

/** True for a path (relative to the folder being checked) of test code: a `test/`, `tests/` or `__tests__/`
 * folder, a `*.test.*` / `*.spec.*` file, or a Go `*_test.go` file. */
export function isTestPath(relativePath: string): boolean {
  const segments = relativePath.split(/[\\/]/);
  const name = segments.at(-1) ?? '';
  return segments.slice(0, -1).some((s) => s === 'test' || s === 'tests' || s === '__tests__') || /\.(test|spec)\.[^.]+$/.test(name) || name.endsWith('_test.go');
}
