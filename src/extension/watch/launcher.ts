// Keeps the watched entries' launcher (core/mcp/watch-launcher.ts) in the extension's global storage pointing at this
// install: written on activation and before an entry is added, only when its text changed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LAUNCHER_FILE, launcherSource } from '../../core/mcp/watch-launcher';

/** Writes the launcher into `storageDir` for `cliPath` (unless it already says that) and returns its path. */
export async function ensureLauncher(storageDir: string, cliPath: string, extensionId: string): Promise<string> {
  const file = join(storageDir, LAUNCHER_FILE);
  const text = launcherSource(cliPath, extensionId);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current !== text) {
    await mkdir(storageDir, { recursive: true });
    await writeFile(file, text, { mode: 0o755 });
  }
  return file;
}
