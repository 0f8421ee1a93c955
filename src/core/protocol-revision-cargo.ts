// The MCP revision a Rust project's rmcp targets, from its Cargo.lock (in its folder or a workspace root above it),
// else its Cargo.toml (following `rmcp = { workspace = true }` to the workspace's dependencies). rmcp 3.0 is the
// release "for 2026-07-28" (its CHANGELOG), and from it an output schema derived from `Json<T>` may have any root
// (SEP-2106, `schema_for_output`), as in TypeScript SDK 2; rmcp 1.x and 2.x target 2025-11-25.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProtocolRevision } from './protocol-revision';

const FIRST_2026_RMCP: [number, number] = [3, 0];

function read(path: string): string | undefined {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The folder and the ones above it, nearest first (a Cargo workspace root is at most a few levels up). */
function upwards(dir: string, levels = 4): string[] {
  const out = [dir];
  for (let d = dir; out.length <= levels && dirname(d) !== d; d = dirname(d)) out.push(dirname(d));
  return out;
}

function lockedVersion(dir: string): string | undefined {
  for (const d of upwards(dir)) {
    const lock = read(join(d, 'Cargo.lock'));
    const version = lock ? /\[\[package\]\]\s*name = "rmcp"\s*version = "([^"]+)"/.exec(lock)?.[1] : undefined;
    if (version) return version;
  }
  return undefined;
}

/** `rmcp = "3.11"`, `rmcp = { version = "=3.11.0", … }`; `workspace` when it defers to the workspace's. */
function manifestVersion(manifest: string): string | 'workspace' | undefined {
  const line = /^\s*rmcp\s*=\s*(.+)$/m.exec(manifest)?.[1] ?? '';
  if (/workspace\s*=\s*true/.test(line)) return 'workspace';
  return /^"([^"]+)"/.exec(line)?.[1] ?? /version\s*=\s*"([^"]+)"/.exec(line)?.[1];
}

function declaredVersion(dir: string): string | undefined {
  const own = manifestVersion(read(join(dir, 'Cargo.toml')) ?? '');
  if (own !== 'workspace') return own;
  for (const d of upwards(dir).slice(1)) {
    const root = read(join(d, 'Cargo.toml'));
    if (root && /^\[workspace\]/m.test(root)) {
      const v = manifestVersion(root.slice(root.indexOf('[workspace.dependencies]')));
      return v === 'workspace' ? undefined : v;
    }
  }
  return undefined;
}

/** The files revisionOfCargo may read for a project folder (its Cargo.lock and Cargo.toml, and those above it). */
export function cargoRevisionSources(dir: string): string[] {
  return upwards(dir).flatMap((d) => [join(d, 'Cargo.lock'), join(d, 'Cargo.toml')]);
}

/** The revision of the rmcp a Rust project folder depends on, or undefined when it names none. */
export function revisionOfCargo(dir: string): ProtocolRevision | undefined {
  const version = lockedVersion(dir) ?? declaredVersion(dir);
  if (!version) return undefined;
  const [major = 0, minor = 0] = (/(\d+)(?:\.(\d+))?/.exec(version) ?? []).slice(1).map((n) => Number(n ?? 0));
  const modern = major > FIRST_2026_RMCP[0] || (major === FIRST_2026_RMCP[0] && minor >= FIRST_2026_RMCP[1]);
  return { revision: modern ? '2026-07-28' : '2025-11-25', reason: `from rmcp ${version}` };
}
