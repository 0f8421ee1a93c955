// `mcp-workflow check --cache`: as ESLint's and Ruff's caches, it only ever saves work; anything that does not
// match is read and checked again. The cache folder holds three things, each checked when read:
// - index.json: per file its content hash, language and the hashes of the modules it read texts from, under a key
//   (the tool's version and the settings); and the key of the last run;
// - run.json: the last run's diagnostics, with that run's key (a hash of every input: files, manifests, workflows);
// - models/: one file per source file, its model stamped with the hashes of the texts it was made from (model-store.ts);
// - report.txt: the last report printed, as printed, under a key of the run's and of everything else it shows (the
//   format, the settings, the skipped and left-out files; see check.ts), with its counts of errors and warnings.
// An unchanged tree is answered from the index and report.txt alone (or run.json, for another format or settings):
// the hits are stand-ins (the file, its language, the modules it read) until `loadModels` swaps in the stored
// models, which a run does only when it must check.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../core/diagnostic';
import type { FileModel, SourceLanguage } from '../core/model';
import { compareCodeUnits } from '../core/text/compare';
import type { ModelCache, WorkspaceIndex } from '../core/workspace';
import { ModelStore, writeAtomically } from './model-store';

interface Entry {
  hash: string;
  language: SourceLanguage;
  /** The modules the model read texts from, with their hashes then. */
  reads?: Record<string, string | null>;
}

/** What index.json holds; `format` changes when the layout does, or what a stored model holds (a model of an
 * earlier format would be read as having none of what was added since: 3 added resources and servers'
 * instructions). */
interface StoredIndex {
  format: typeof FORMAT;
  key: string;
  files: Record<string, Entry>;
  run?: string;
}

const FORMAT = 3;
const LANGUAGES = new Set(['rust', 'typescript', 'python', 'go']);

export const hashOf = (text: string | undefined) => (text === undefined ? null : createHash('sha256').update(text).digest('hex'));

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const { hash, language, reads } = value as Partial<Entry>;
  if (typeof hash !== 'string' || typeof language !== 'string' || !LANGUAGES.has(language)) return false;
  if (reads === undefined) return true;
  return typeof reads === 'object' && reads !== null && Object.values(reads).every((h) => h === null || typeof h === 'string');
}

function readIndex(file: string, key: string): StoredIndex {
  const stored = readJson(file) as Partial<StoredIndex> | undefined;
  const whole = typeof stored === 'object' && stored !== null && stored.format === FORMAT && stored.key === key && typeof stored.files === 'object' && stored.files !== null;
  return whole ? (stored as StoredIndex) : { format: FORMAT, key, files: {} };
}

export class CheckCache implements ModelCache {
  private readonly index: StoredIndex;
  private readonly store: ModelStore;
  /** The files of this run with their entries, and the models read afresh (to be stored). */
  private readonly used = new Map<string, Entry>();
  private readonly fresh = new Map<string, FileModel>();
  /** Hits handed out as stand-ins, until loadModels. */
  private readonly standIns = new Set<string>();
  private deferring = true;
  /** The files whose model (or stand-in) this run came from the cache. */
  private readonly served = new Set<string>();

  /** Opens the cache folder for a key (the tool's version and the settings): another key starts empty. */
  constructor(private readonly folder: string, private readonly key: string) {
    this.index = readIndex(join(folder, 'index.json'), key);
    this.store = new ModelStore(join(folder, 'models'));
  }

  async get(file: string, text: string, read: (path: string) => Promise<string | undefined>): Promise<FileModel | undefined> {
    const entry = Object.hasOwn(this.index.files, file) ? this.index.files[file] : undefined;
    if (!isEntry(entry) || entry.hash !== hashOf(text)) return undefined;
    for (const [path, hash] of Object.entries(entry.reads ?? {})) if (hashOf(await read(path)) !== hash) return undefined;
    const model = this.deferring ? standIn(file, entry) : this.store.read(file, stampOf(entry));
    if (!model) return undefined;
    if (this.deferring) this.standIns.add(file);
    this.used.set(file, entry);
    this.served.add(file);
    this.fresh.delete(file);
    return model;
  }

  async put(file: string, text: string, model: FileModel, read: (path: string) => Promise<string | undefined>): Promise<void> {
    const reads: Record<string, string | null> = {};
    for (const path of model.dependencies ?? []) reads[path] = hashOf(await read(path));
    this.served.delete(file);
    this.used.set(file, { hash: hashOf(text)!, language: model.language, ...(model.dependencies?.length ? { reads } : {}) });
    this.fresh.set(file, model);
  }

  /** Files served from the cache this run. */
  get hits(): number {
    return this.served.size;
  }

  /** Files read again this run. */
  get misses(): number {
    return this.fresh.size;
  }

  /** Puts the stored models in the index for the stand-ins (reading a file again where its stored one is lost). */
  async loadModels(index: WorkspaceIndex): Promise<void> {
    this.deferring = false;
    for (const file of this.standIns) {
      const text = index.text(file);
      this.served.delete(file);
      if (text !== undefined) await index.update(file, text);
    }
    this.standIns.clear();
  }

  /** The key of this run's inputs: the settings, every file read with its hash and reads, and the given texts by path. */
  runKey(extra: Record<string, string | undefined>): string {
    const files = [...this.used].map(([f, e]) => [f, e.hash, e.reads ?? {}]).sort((a, b) => compareCodeUnits(String(a[0]), String(b[0])));
    const texts = Object.entries(extra).sort(([a], [b]) => compareCodeUnits(a, b)).map(([k, v]) => [k, hashOf(v)]);
    return hashOf(JSON.stringify([this.key, files, texts]))!;
  }

  /** The last run's diagnostics, when its key is this one (run.json is read only then). */
  diagnosticsFor(runKey: string): Diagnostic[] | undefined {
    if (this.index.run !== runKey) return undefined;
    const run = readJson(join(this.folder, 'run.json')) as { key?: unknown; diagnostics?: unknown } | undefined;
    if (run?.key !== runKey || !Array.isArray(run.diagnostics)) return undefined;
    return run.diagnostics.every(isDiagnostic) ? run.diagnostics : undefined;
  }

  /** The report last printed under this key, as printed (report.txt), if it is whole. */
  report(key: string): StoredReport | undefined {
    return readReport(this.folder, key);
  }

  /** Keeps the report printed under this key, for the next run of the same key. */
  saveReport(key: string, report: StoredReport): void {
    writeReport(this.folder, key, report);
  }

  /** Writes what changed: new models, the run's diagnostics, then the index (each file atomically). */
  save(runKey: string, diagnostics: Diagnostic[], reused: boolean): void {
    const files = Object.keys(this.index.files);
    const same = this.fresh.size === 0 && this.index.run === runKey && this.used.size === files.length && files.every((f) => this.used.has(f));
    if (same && reused) return;
    mkdirSync(this.folder, { recursive: true });
    for (const [file, model] of this.fresh) this.store.write(file, stampOf(this.used.get(file)!), model);
    for (const file of files) if (!this.used.has(file)) this.store.remove(file);
    if (!reused) writeAtomically(join(this.folder, 'run.json'), JSON.stringify({ key: runKey, diagnostics }));
    const index: StoredIndex = { format: FORMAT, key: this.key, files: Object.fromEntries(this.used), run: runKey };
    writeAtomically(join(this.folder, 'index.json'), JSON.stringify(index));
    // The one-file cache of earlier versions is of no use to this one.
    try {
      unlinkSync(join(this.folder, 'check-cache.json'));
    } catch {
      // It was not there.
    }
  }
}

/** A printed report: its text (stdout, whole) and the counts its exit code is worked out from. */
export interface StoredReport {
  text: string | Uint8Array;
  errors: number;
  warnings: number;
}

const REPORT_FORMAT = 1;

/** report.txt when it is whole and of this key: its first line says so (and the counts), the rest is the text. */
function readReport(folder: string, key: string): StoredReport | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(folder, 'report.txt'));
  } catch {
    return undefined;
  }
  const end = bytes.indexOf(0x0a);
  if (end < 0) return undefined;
  let head: { format?: unknown; key?: unknown; bytes?: unknown; errors?: unknown; warnings?: unknown };
  try {
    head = JSON.parse(bytes.subarray(0, end).toString('utf8')) as typeof head;
  } catch {
    return undefined;
  }
  const text = bytes.subarray(end + 1);
  if (head?.format !== REPORT_FORMAT || head.key !== key || head.bytes !== text.length || !isCount(head.errors) || !isCount(head.warnings)) return undefined;
  return { text, errors: head.errors, warnings: head.warnings };
}

/** Writes report.txt (atomically): the key, the text's length in bytes and the counts, then the text. */
function writeReport(folder: string, key: string, report: StoredReport): void {
  const text = typeof report.text === 'string' ? Buffer.from(report.text, 'utf8') : report.text;
  mkdirSync(folder, { recursive: true });
  const head = JSON.stringify({ format: REPORT_FORMAT, key, bytes: text.length, errors: report.errors, warnings: report.warnings });
  writeAtomically(join(folder, 'report.txt'), Buffer.concat([Buffer.from(`${head}\n`, 'utf8'), text]));
}

const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/** What a stored model must have been made from: the file's text and the imported modules' texts of the entry. */
function stampOf(entry: Entry): string {
  return hashOf(JSON.stringify([entry.hash, entry.reads ?? {}]))!;
}

/** What the index knows of a file without its model: enough to list it, read its suppressions and key a run. */
function standIn(file: string, entry: Entry): FileModel {
  return { file, language: entry.language, prompts: [], tools: [], problems: [], ...(entry.reads ? { dependencies: Object.keys(entry.reads) } : {}) };
}

function isDiagnostic(value: unknown): value is Diagnostic {
  const d = value as Partial<Diagnostic> | null;
  return typeof d === 'object' && d !== null && typeof d.file === 'string' && typeof d.message === 'string' && typeof d.range?.start?.line === 'number';
}
