// The index of a workspace: every source file's model, updated file by file, read through an injected host so
// the CLI (node:fs), the language server (open documents) and tests each give it what they have.
import type { FileModel, PromptDef } from './model';
import { dirname, relative, sep } from 'node:path';
import { decodeSource, extractFile, languageOf } from './extract';
import type { EditedTrees } from './parse/edited-trees';
import { isTestPath } from './test-code';
import { globMatcher } from './glob';
import { compareCodeUnits } from './text/compare';

/** What the core needs from its surroundings to read a workspace. */
export interface WorkspaceHost {
  /** A file's bytes; a host that can stop reading past `maxBytes` should (the index checks the size again). */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** Source files under a path (a file yields itself), symbolic links included; a folder that cannot be listed goes to `skip`. */
  listFiles(path: string, skip?: (path: string, reason: string) => void): Promise<string[]>;
  /** True for a symbolic link, which is not followed (it may point outside the workspace, or loop). */
  isSymbolicLink?(path: string): Promise<boolean>;
  /**
   * A file's bytes as readFile gives them, or undefined for a symbolic link, in one step (a host that can refuse a
   * link as it opens the file saves a stat per file, and no link can take a file's place between the two).
   */
  readFileUnlessLink?(path: string, maxBytes?: number): Promise<Uint8Array | undefined>;
}

/** A file's bytes, or undefined for a symbolic link (not followed), in one step where the host can. */
export async function readUnlessLink(host: WorkspaceHost, path: string, maxBytes?: number): Promise<Uint8Array | undefined> {
  if (host.readFileUnlessLink) return host.readFileUnlessLink(path, maxBytes);
  if (await host.isSymbolicLink?.(path)) return undefined;
  return host.readFile(path, maxBytes);
}

/** A file that was not read, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Folders never read: dependencies, build output, VCS data. */
export const IGNORED_FOLDERS = new Set(['node_modules', 'target', 'dist', 'out', '.git', '.hg', '.svn', '.vscode-test', 'test-results']);
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface WorkspaceOptions {
  /** Read test code too: files under `test/`, `tests/`, `__tests__/`, `*.test.*`, `*.spec.*`, Rust `#[cfg(test)]`. */
  includeTests?: boolean;
  /** Models kept from an earlier run (the CLI's `--cache`), used when the file and the texts it read are unchanged. */
  models?: ModelCache;
  /** The open documents' trees, so their next reading is an incremental parse. */
  trees?: EditedTrees;
  /** Globs (relative to a path added) of files read even where the test-code default leaves them out. */
  include?: readonly string[];
  /** Globs (relative to a path added) of files never read; they win over `include`. */
  exclude?: readonly string[];
  /** Files larger than this are skipped (default MAX_FILE_BYTES). */
  maxFileBytes?: number;
  /** Globs of one path added, where they differ by path (the editor's per-folder settings); else include/exclude. */
  globsFor?: (root: string) => { include?: readonly string[]; exclude?: readonly string[] };
}

/** A store of models by file and text; `read` gives the current text of a module the model read texts from. */
export interface ModelCache {
  get(file: string, text: string, read: (path: string) => Promise<string | undefined>): Promise<FileModel | undefined>;
  put(file: string, text: string, model: FileModel, read: (path: string) => Promise<string | undefined>): Promise<void>;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileModel>();
  /** The files whose model was set or removed since the last takeChanged(). */
  private changed = new Set<string>();
  readonly skipped = new Map<string, string>();
  /** Test files under the paths read that were left out (see WorkspaceOptions). */
  readonly testFiles: string[] = [];

  /** The text of every file read (open buffers over disk), for the modules other files import from. */
  private readonly texts = new Map<string, string>();
  /** Where modules not read yet are read from: the host of the last paths added. */
  private host: WorkspaceHost | undefined;
  /** The paths added, below which test code is left out. */
  private readonly roots: string[] = [];

  /** Files under the paths read that an exclude glob left out. */
  readonly excludedFiles: string[] = [];
  /** The include and exclude tests of each path added. */
  private readonly globs = new Map<string, { included: (relativePath: string) => boolean; excluded: (relativePath: string) => boolean }>();
  private readonly maxBytes: number;

  constructor(private readonly options: WorkspaceOptions = {}) {
    this.maxBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  }

  private globsOf(root: string): { included: (relativePath: string) => boolean; excluded: (relativePath: string) => boolean } {
    let globs = this.globs.get(root);
    if (!globs) {
      const set = this.options.globsFor?.(root) ?? this.options;
      globs = { included: globMatcher(set.include ?? []), excluded: globMatcher(set.exclude ?? []) };
      this.globs.set(root, globs);
    }
    return globs;
  }

  /** Re-reads one file from text (an open editor buffer, or a file just read), and the files whose texts it holds. */
  async update(file: string, text: string): Promise<FileModel> {
    const before = this.texts.get(file);
    this.texts.set(file, text);
    const joined = this.list(file);
    const model = await this.extract(file, text);
    if (before !== text) await this.updateDependents(file);
    if (joined) await this.updatePackage(file);
    return model;
  }

  /** The source files listed in each folder (a Go package is its folder's files), as listed and as files come. */
  private readonly folders = new Map<string, Set<string>>();

  /** Adds a file to its folder's list; true when it was not in it. */
  private list(file: string): boolean {
    const folder = dirname(file);
    const files = this.folders.get(folder) ?? new Set<string>();
    this.folders.set(folder, files);
    return files.size !== files.add(file).size;
  }

  /** The other source files of a file's folder. */
  private siblingsOf(file: string): string[] {
    return [...(this.folders.get(dirname(file)) ?? [])].filter((f) => f !== file).sort();
  }

  /** A Go file new to its folder may declare what the package's tools name: its tool files are read again (files
   * already listed recorded the siblings they looked in; see parse/go/package.ts). */
  private async updatePackage(file: string): Promise<void> {
    if (languageOf(file) !== 'go') return;
    for (const other of this.siblingsOf(file)) {
      const text = this.texts.get(other);
      if (text !== undefined && this.files.get(other)?.tools.length) await this.extract(other, text);
    }
  }

  private async extract(file: string, text: string): Promise<FileModel> {
    const read = (path: string) => this.readModule(path);
    const cached = await this.options.models?.get(file, text, read);
    const siblings = (f: string) => this.siblingsOf(f);
    const model = cached ?? (await extractFile(file, text, { includeTests: this.options.includeTests === true, readModule: read, siblings, incremental: this.options.trees?.forFile(file, text) }));
    if (!cached) await this.options.models?.put(file, text, model, read);
    for (const read of this.files.get(file)?.dependencies ?? []) this.dependents.get(read)?.delete(file);
    for (const read of model.dependencies ?? []) this.dependents.set(read, (this.dependents.get(read) ?? new Set()).add(file));
    this.files.set(file, model);
    this.changed.add(file);
    this.skipped.delete(file);
    return model;
  }

  /** The files that read a text from each file (its dependents), kept as models are made. */
  private readonly dependents = new Map<string, Set<string>>();

  /** Files that read a text from this one (an imported const) are read again: their model holds it. */
  private async updateDependents(file: string): Promise<void> {
    for (const dependent of [...(this.dependents.get(file) ?? [])]) {
      const text = this.texts.get(dependent);
      if (dependent !== file && text !== undefined && this.files.has(dependent)) await this.extract(dependent, text);
    }
  }

  /** A sibling module's text: as last read (an open buffer wins), else from the host, under the same limits. */
  private async readModule(path: string): Promise<string | undefined> {
    const known = this.texts.get(path);
    if (known !== undefined || this.skipped.has(path) || !this.host) return known;
    try {
      const bytes = await readUnlessLink(this.host, path, this.maxBytes);
      if (!bytes || bytes.byteLength > this.maxBytes) return undefined;
      const decoded = decodeSource(bytes);
      if (!('text' in decoded)) return undefined;
      this.texts.set(path, decoded.text);
      return decoded.text;
    } catch {
      return undefined;
    }
  }

  /** Reads one file from bytes, skipping binary and non-UTF-8 files with a reason. */
  async updateBytes(file: string, bytes: Uint8Array): Promise<FileModel | undefined> {
    if (bytes.byteLength > this.maxBytes) return this.skip(file, `larger than ${formatBytes(this.maxBytes)} (the limit for files mcp-workflow reads)`);
    const decoded = decodeSource(bytes);
    if ('skipped' in decoded) return this.skip(file, decoded.skipped);
    return this.update(file, decoded.text);
  }

  /** Records a file (or folder) that was not read, and why. */
  skip(file: string, reason: string): undefined {
    if (this.files.delete(file)) this.changed.add(file);
    this.texts.delete(file);
    this.skipped.set(file, reason);
    return undefined;
  }

  async remove(file: string): Promise<void> {
    this.folders.get(dirname(file))?.delete(file);
    if (this.files.delete(file)) this.changed.add(file);
    this.skipped.delete(file);
    this.texts.delete(file);
    await this.updateDependents(file);
  }

  /** The text a file was last read from (an open buffer wins over the disk), for its suppression comments. */
  text(file: string): string | undefined {
    return this.files.has(file) ? this.texts.get(file) : undefined;
  }

  /** How many files have a model. */
  get size(): number {
    return this.files.size;
  }

  get(file: string): FileModel | undefined {
    return this.files.get(file);
  }

  /** The files whose model was made again or removed since the last call (what an incremental check looks at). */
  takeChanged(): Set<string> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  /** Every model by its file (the index's own map, not a copy: read it, never change it). */
  modelsByFile(): ReadonlyMap<string, FileModel> {
    return this.files;
  }

  /** Every model, in no particular order (cheaper than models() for a caller that does not need one). */
  allModels(): IterableIterator<FileModel> {
    return this.files.values();
  }

  models(): FileModel[] {
    return [...this.files.values()].sort((a, b) => compareCodeUnits(a.file, b.file));
  }

  prompts(): PromptDef[] {
    return this.models().flatMap((m) => m.prompts);
  }

  /** True for test code below a path read (or the paths given), left out unless asked for, and for a file an
   * exclude glob names (see WorkspaceOptions). A path given is read, whatever its name. */
  leavesOut(file: string): boolean {
    return this.roots.some((root) => file.startsWith(`${root}${sep}`) && (inIgnoredFolder(root, file) || this.leavesOutBelow(root, file)));
  }

  /** The rule itself, for a file listed below a path (which may be relative, as the CLI's are). */
  private leavesOutBelow(root: string, file: string): boolean {
    if (file === root) return false;
    const path = relative(root, file);
    const { included, excluded } = this.globsOf(root);
    if (excluded(path)) return true;
    return !this.options.includeTests && !included(path) && isTestPath(path);
  }

  /** True for a file below a path read that an exclude glob names. */
  private excludedBelow(root: string, file: string): boolean {
    return file !== root && this.globsOf(root).excluded(relative(root, file));
  }

  /**
   * Reads every source file under the given paths through the host; `progress` hears how many of how many are read.
   * Resolves with every file listed, source or not (the CLI looks for workflow files among them, without a second walk).
   */
  async addPaths(host: WorkspaceHost, paths: string[], progress?: (read: number, total: number) => void): Promise<string[]> {
    this.host = host;
    this.roots.push(...paths.filter((p) => !this.roots.includes(p)));
    const listed: [string, string[]][] = [];
    const all: string[] = [];
    for (const path of paths) {
      const files = await host.listFiles(path, (p, reason) => this.skip(p, reason));
      all.push(...files);
      listed.push([path, files.filter((f) => languageOf(f))]);
    }
    await this.readListed(host, listed, progress);
    return all;
  }

  /**
   * A folder below a path read came (created, or moved in): its source files are read, under the globs and test-code
   * rule of the path it is in. An editor's watcher says so once for the folder, not once per file in it.
   */
  async addFolder(host: WorkspaceHost, folder: string): Promise<void> {
    const root = this.roots.filter((r) => folder === r || folder.startsWith(`${r}${sep}`)).sort((a, b) => b.length - a.length)[0];
    if (!root) return;
    this.host = host;
    const files = (await host.listFiles(folder, (p, reason) => this.skip(p, reason))).filter((f) => languageOf(f));
    await this.readListed(host, [[root, files]]);
  }

  /** A folder went (deleted, or moved away): every file read below it goes too. */
  async removeFolder(folder: string): Promise<void> {
    const below = (f: string) => f.startsWith(`${folder}${sep}`);
    const gone = new Set([...this.files.keys(), ...this.skipped.keys(), ...this.texts.keys()].filter(below));
    for (const file of [...gone].sort()) await this.remove(file);
  }

  /** Reads listed files, each under the path read it is below. */
  private async readListed(host: WorkspaceHost, listed: [string, string[]][], progress?: (read: number, total: number) => void): Promise<void> {
    // Every file is listed before any is read, so a file's package is whole when it is read.
    for (const [, files] of listed) for (const file of files) this.list(file);
    const jobs = listed.flatMap(([path, files]) => files.map((file) => ({ path, file })));
    // Files are read a few ahead of the one being read into the index (in order, as before), so the wait for the
    // disk overlaps the work: most of a cached check of an unchanged tree was waiting for one read after another.
    const reads = jobs.map(({ path, file }) => () => (this.leavesOutBelow(path, file) ? undefined : readSource(host, path, file, this.maxBytes)));
    const started: (Promise<SourceRead> | undefined)[] = [];
    const start = (i: number) => {
      if (i < jobs.length && started.length === i) started.push(reads[i]!());
    };
    for (let i = 0; i < READ_AHEAD; i++) start(i);
    for (const [i, { path, file }] of jobs.entries()) {
      start(i + READ_AHEAD);
      progress?.(i, jobs.length);
      const source = await started[i];
      started[i] = undefined;
      if (!source) {
        (this.excludedBelow(path, file) ? this.excludedFiles : this.testFiles).push(file);
        continue;
      }
      try {
        if ('bytes' in source) await this.updateBytes(file, source.bytes);
        else this.skip(file, source.skipped);
      } catch (error) {
        this.skip(file, error instanceof Error ? error.message : String(error));
      }
    }
    progress?.(jobs.length, jobs.length);
  }
}

/** True for a file in a folder a listing never enters (node_modules, target, …) below a path read: a watcher still
 * reports its changes (`npm install` writes thousands), which must not be read either. */
function inIgnoredFolder(root: string, file: string): boolean {
  return relative(root, file).split(sep).slice(0, -1).some((part) => IGNORED_FOLDERS.has(part));
}

/** How many files are read ahead of the one being read into the index. */
const READ_AHEAD = 16;

type SourceRead = { bytes: Uint8Array } | { skipped: string };

/** A listed file's bytes, or why it is not read (a symbolic link other than a path given, an error). */
async function readSource(host: WorkspaceHost, path: string, file: string, maxBytes: number): Promise<SourceRead> {
  try {
    // A path given is read even if it is a link; a file found by listing a folder is not followed.
    if (file === path) return { bytes: await host.readFile(file, maxBytes) };
    const bytes = await readUnlessLink(host, file, maxBytes);
    return bytes ? { bytes } : { skipped: 'symbolic link (not followed)' };
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
}

/** A byte count as people read it: `2 MiB`, `512 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
