// Loads the heavy half of the extension (lazy/heavy.ts, bundled to dist/extension-heavy.js) the first time a
// view or command needs it: starting a server, opening a call panel, reading a workflow file, running one. The
// require is synchronous, so callers use its exports as if they were imported; the load time is logged once.
import type * as Heavy from './heavy';

let loaded: typeof Heavy | undefined;
let onLoad: ((ms: number) => void) | undefined;

/** Where the time the first load took is reported (the extension's log). */
export function reportHeavyLoad(report: (ms: number) => void): void {
  onLoad = report;
}

/** The heavy half's exports, loaded on first call. */
export function heavy(): typeof Heavy {
  if (loaded) return loaded;
  const started = Date.now();
  // A path relative to dist/extension.js, which esbuild leaves alone (it is external to the main bundle).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded = require('./extension-heavy.js') as typeof Heavy;
  onLoad?.(Date.now() - started);
  return loaded;
}
