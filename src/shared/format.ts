// How a duration reads, the same in the webviews and the extension's views.

/** "850 ms", "1.25 s", "12.3 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}
