// Waits for something on disk that VS Code or the runner extension writes: a watcher on the folder calls `check`
// on every change (and once at the start, for what was written before the watch began), never a timed poll.
import { watch } from 'node:fs';

/** Resolves with the first value `check` returns (not undefined) after a change under `dir`, or rejects after `timeoutMs`. */
export function waitForChange<T>(dir: string, check: () => T | undefined, timeoutMs: number, timeoutMessage: string, options: { recursive?: boolean } = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dir, { recursive: options.recursive ?? false });
    const timer = setTimeout(() => finish(new Error(timeoutMessage)), timeoutMs);
    function finish(outcome: { value: T } | Error): void {
      clearTimeout(timer);
      watcher.close();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome.value);
    }
    function run(): void {
      try {
        const value = check();
        if (value !== undefined) finish({ value });
      } catch (error) {
        finish(error as Error);
      }
    }
    watcher.on('change', run);
    watcher.on('error', (err) => finish(err));
    run();
  });
}
