// Which MCP protocol revision a server targets, which decides what some rules allow: from revision 2026-07-28
// (SEP-2106) an `outputSchema` may have any JSON Schema root. Given by the user (`--protocol-revision`), else read
// from the MCP SDK the project depends on (its lock file first, then its manifest).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cargoRevisionSources, revisionOfCargo } from './protocol-revision-cargo';

/** The first revision whose `outputSchema` may be any JSON Schema (SEP-2106). */
export const FIRST_ANY_OUTPUT_SCHEMA_REVISION = '2026-07-28';
/** The latest revision of the era before it, which SDKs of that era target. */
export const LATEST_OBJECT_OUTPUT_SCHEMA_REVISION = '2025-11-25';

export interface ProtocolRevision {
  revision: string;
  /** Why this revision, for messages: "set by --protocol-revision", "from @modelcontextprotocol/sdk 1.17.0". */
  reason: string;
}

/** TypeScript SDK packages: the split packages of SDK 2 (`@modelcontextprotocol/server`) or the single 1.x one. */
const TS_PACKAGES = ['@modelcontextprotocol/server', '@modelcontextprotocol/sdk'];

function revisionOfTsSdk(name: string, version: string): ProtocolRevision {
  const major = /^\D*(\d+)/.exec(version)?.[1];
  // `workspace:*` and `catalog:` versions are the SDK's own workspace: the split packages exist only from 2.0.
  const modern = name === '@modelcontextprotocol/server' || (major !== undefined && Number(major) >= 2);
  return { revision: modern ? FIRST_ANY_OUTPUT_SCHEMA_REVISION : LATEST_OBJECT_OUTPUT_SCHEMA_REVISION, reason: `from ${name} ${version}` };
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The revision a project folder's TypeScript SDK targets, from package-lock.json or package.json. */
function revisionOfPackage(dir: string): ProtocolRevision | undefined {
  const lock = existsSync(join(dir, 'package-lock.json')) ? readJson(join(dir, 'package-lock.json')) : undefined;
  const locked = lock?.['packages'] as Record<string, { version?: string }> | undefined;
  for (const name of TS_PACKAGES) {
    const version = locked?.[`node_modules/${name}`]?.version;
    if (version) return revisionOfTsSdk(name, version);
  }
  const manifest = existsSync(join(dir, 'package.json')) ? readJson(join(dir, 'package.json')) : undefined;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = manifest?.[field] as Record<string, string> | undefined;
    for (const name of TS_PACKAGES) if (typeof deps?.[name] === 'string') return revisionOfTsSdk(name, deps[name]);
  }
  return undefined;
}

/** Every file the revision of a project folder is read from (what a cache of the results must key on). */
export function revisionSources(dir: string): string[] {
  return [join(dir, 'package-lock.json'), join(dir, 'package.json'), ...cargoRevisionSources(dir)];
}

/**
 * A cached lookup of the revision a file's server targets: the one given, else the one its project's SDK targets,
 * else the latest of the object-only era (what every released Rust SDK and TypeScript SDK 1.x speak), said so.
 */
export function createRevisionResolver(projectOf: (file: string) => string, given?: string): (file: string) => ProtocolRevision {
  if (given) return () => ({ revision: given, reason: 'set by --protocol-revision' });
  const cache = new Map<string, ProtocolRevision>();
  return (file) => {
    const dir = projectOf(file);
    let hit = cache.get(dir);
    if (!hit) {
      hit = revisionOfPackage(dir) ?? revisionOfCargo(dir) ?? { revision: LATEST_OBJECT_OUTPUT_SCHEMA_REVISION, reason: 'assumed: the project names no MCP SDK that targets a later one' };
      cache.set(dir, hit);
    }
    return hit;
  };
}
