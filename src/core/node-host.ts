// The WorkspaceHost over node:fs, for the CLI and the language server.
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IGNORED_FOLDERS, type WorkspaceHost } from './workspace';

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!IGNORED_FOLDERS.has(entry.name)) await walk(path, out);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      // A link is listed so that it is reported as skipped, never silently passed over.
      out.push(path);
    }
  }
}

export const nodeHost: WorkspaceHost = {
  readFile: (path) => readFile(path),
  isSymbolicLink: async (path) => (await lstat(path)).isSymbolicLink(),
  async listFiles(path) {
    const info = await stat(path);
    if (!info.isDirectory()) return [path];
    const out: string[] = [];
    await walk(path, out);
    return out;
  },
};
