// `mcp-workflow check --cache`: per-file models kept in a cache folder, keyed by the file's content hash (and the
// hashes of the modules it read texts from), the tool's version and the settings; and the diagnostics of the last
// run, reused when every file, every project manifest and the settings are as they were. As ESLint's and Ruff's
// caches, it only ever saves work: anything that does not match is read and checked again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic';
import type { FileModel } from '../core/model';
import type { ModelCache } from '../core/workspace';

interface Entry {
  hash: string;
  /** The modules the model read texts from, with their hashes then. */
  reads: Record<string, string | null>;
  model: FileModel;
}

interface Stored {
  key: string;
  files: Record<string, Entry>;
  run?: { key: string; diagnostics: Diagnostic[] };
}

const hashOf = (text: string | undefined) => (text === undefined ? null : createHash('sha256').update(text).digest('hex'));

export class CheckCache implements ModelCache {
  private readonly stored: Stored;
  private readonly used = new Map<string, Entry>();
  /** Files served from the cache, and files read again, this run. */
  hits = 0;
  misses = 0;

  /** Opens the cache of a folder for a key (the tool's version and the settings): another key starts empty. */
  constructor(private readonly file: string, private readonly key: string) {
    let stored: Stored | undefined;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
    } catch {
      stored = undefined;
    }
    this.stored = stored?.key === key ? stored : { key, files: {} };
  }

  static in(folder: string, key: string): CheckCache {
    return new CheckCache(join(folder, 'check-cache.json'), key);
  }

  async get(file: string, text: string, read: (path: string) => Promise<string | undefined>): Promise<FileModel | undefined> {
    const entry = this.stored.files[file];
    if (!entry || entry.hash !== hashOf(text)) return undefined;
    for (const [path, hash] of Object.entries(entry.reads)) if (hashOf(await read(path)) !== hash) return undefined;
    this.hits++;
    this.used.set(file, entry);
    return entry.model;
  }

  async put(file: string, text: string, model: FileModel, read: (path: string) => Promise<string | undefined>): Promise<void> {
    const reads: Record<string, string | null> = {};
    for (const path of model.dependencies ?? []) reads[path] = hashOf(await read(path));
    const entry: Entry = { hash: hashOf(text)!, reads, model };
    this.misses++;
    this.used.set(file, entry);
    this.stored.files[file] = entry;
  }

  /** The key of this run's inputs: every file read with its hash, and the given extra texts (manifests, workflow files). */
  runKey(extra: Record<string, string | undefined>): string {
    const files = [...this.used].map(([f, e]) => [f, e.hash, e.reads]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    return hashOf(JSON.stringify([files, Object.entries(extra).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, hashOf(v)])]))!;
  }

  /** The last run's diagnostics, when its key is this one. */
  diagnosticsFor(runKey: string): Diagnostic[] | undefined {
    return this.stored.run?.key === runKey ? this.stored.run.diagnostics : undefined;
  }

  /** Writes the cache: the files of this run, and its diagnostics (atomically: a crash leaves the old cache). */
  save(runKey: string, diagnostics: Diagnostic[]): void {
    // Nothing read again and the same run: the cache on disk is this one already (writing it is most of a warm run).
    if (this.misses === 0 && this.stored.run?.key === runKey && this.used.size === Object.keys(this.stored.files).length) return;
    const out: Stored = { key: this.key, files: Object.fromEntries(this.used), run: { key: runKey, diagnostics } };
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(out));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
