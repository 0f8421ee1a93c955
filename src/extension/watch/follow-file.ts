// Follows a file that another process appends to (the proxy's trace): fs.watch on its folder for promptness, and a
// poll of its size and time as a floor (fs.watch misses events on some file systems), both debounced into one
// callback per burst of writes.
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

const DEBOUNCE_MS = 120;
const POLL_MS = 1000;

/** Calls `onChange` (debounced) whenever `file` changes, appears or goes; returns how to stop. */
export function followFile(file: string, onChange: () => void): { dispose(): void } {
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const fire = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, DEBOUNCE_MS);
  };
  const poll = setInterval(() => {
    void stat(file).then(
      (s) => `${s.size}:${s.mtimeMs}`,
      () => 'absent',
    ).then((now) => {
      if (now !== last) fire();
      last = now;
    });
  }, POLL_MS);
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), (_event, name) => {
      if (!name || name.toString() === basename(file)) fire();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // The folder does not exist yet (no session so far): the poll notices the file when the proxy makes it.
  }
  return {
    dispose: () => {
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
