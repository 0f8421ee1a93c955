// Which project (server) a file belongs to: the folder of its nearest Cargo.toml or package.json. Checks that are
// per server (duplicate names) compare only files of one project.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MANIFESTS = ['Cargo.toml', 'package.json'];

/** A cached lookup of the nearest manifest folder above a file. */
export function createProjectResolver(exists: (path: string) => boolean = existsSync): (file: string) => string {
  const cache = new Map<string, string>();
  const resolveDir = (dir: string): string => {
    const hit = cache.get(dir);
    if (hit !== undefined) return hit;
    const parent = dirname(dir);
    const result = MANIFESTS.some((m) => exists(join(dir, m))) || parent === dir ? dir : resolveDir(parent);
    cache.set(dir, result);
    return result;
  };
  return (file) => resolveDir(dirname(file));
}
