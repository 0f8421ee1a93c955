// Which project a file belongs to (the folder of its nearest Cargo.toml, package.json, pyproject.toml or go.mod), and which program within
// it. Checks that are per server (duplicate names) compare only declarations of one program.
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { FileModel } from './model';

const MANIFESTS = ['Cargo.toml', 'package.json', 'pyproject.toml', 'setup.py', 'go.mod'];
/** The files whose coming, going or change may move a project's bounds or its protocol revision (revisionSources). */
const PROJECT_FILES = new Set([...MANIFESTS, 'package-lock.json', 'Cargo.lock']);

/** True for a manifest or lock file: when one changes, which project each file is in and what it targets are read again. */
export const isProjectFile = (file: string): boolean => PROJECT_FILES.has(basename(file));

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

/** Cargo's conventional target folders: each file or folder directly under one is a program of its own. */
const CARGO_TARGET_FOLDERS = [['examples'], ['tests'], ['benches'], ['src', 'bin']];

/**
 * The program a file belongs to within its project: a repository of examples holds many, each with its own server.
 * Rust: a Cargo target (`examples/x.rs` and `examples/x/…`, `src/bin/x…`, `tests/x…`, `benches/x…`, or any other
 * file with its own `fn main`, like a `[[bin]]` at `stdio-minimal.rs`); the crate's library and `src/main.rs`
 * are one. The language is part of it: a JavaScript worker beside a Rust crate is another server.
 */
export function programOf(model: Pick<FileModel, 'file' | 'language' | 'hasMain'>, project: string): string {
  // Without a project (''), the path is taken as given: relative to '' would be relative to the current folder.
  const segments = (project ? relative(project, model.file) : model.file).split(sep);
  let target = '';
  if (model.language === 'rust') {
    const folder = CARGO_TARGET_FOLDERS.find((f) => f.every((s, i) => segments[i] === s) && segments.length > f.length);
    if (folder) target = [...folder, segments[folder.length]!.replace(/\.rs$/, '')].join('/');
    else if (model.hasMain && segments.join('/') !== 'src/main.rs') target = segments.join('/');
  }
  // A Go package is its folder: each `examples/x/main.go` of a module is a program of its own.
  if (model.language === 'go') target = segments.slice(0, -1).join('/');
  return `${project}\u0000${model.language}\u0000${target}`;
}

/** The program of a crate's library (and `src/main.rs`), which the crate's other targets use (see programOf). */
export const libraryOf = (program: string): string => program.replace(/[^\u0000]*$/, '');
