// The incremental re-check: the same diagnostics as checkWorkspace, worked out again only where they may have
// changed. A model is replaced when its file is read again, so a changed file is one whose model is another object.
// File rules (`scope: 'file'`) run per file and are kept per file; cross-file rules (`scope: 'names'`) run on the
// changed files and on the files holding a name whose declaration changed (check-facts.ts); other rules run over
// the whole workspace every time, as they may read anything. While no declaration changes, the context the
// cross-file rules look things up in is kept (with what they derive from it): the declarations it holds are the
// same as the changed files' new ones, fact for fact.
import { diffFacts, factsOf, wordsOf, type FileFacts } from './check-facts';
import { createCheckContext, programOfModel, runRule, sortDiagnostics, type CheckOptions } from './check';
import type { Diagnostic } from './diagnostic';
import type { FileModel, PromptDef, ToolDef } from './model';
import { allRules } from './rules/index';
import { performance } from 'node:perf_hooks';
import { compareCodeUnits } from './text/compare';
import type { CheckContext, Rule } from './rules/rule';

/** What one run changed: every file whose diagnostics may differ from the last run's, and whether any declaration did. */
export interface EngineRun {
  changed: Set<string>;
  declarationsChanged: boolean;
  context: CheckContext;
}

interface FileEntry {
  model: FileModel;
  facts: FileFacts;
  /** The words of the model (see wordsOf); for a file changed after the first run, worked out when first asked. */
  words?: Set<string>;
  /** The callable items of the file its file-rule findings were made with (a registration may be merged away). */
  callable: { prompts: PromptDef[]; tools: ToolDef[] };
  /** File-rule findings made from this file, wherever they are reported. */
  local: Diagnostic[];
}

const sameItems = <T>(a: T[], b: T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const placeOf = (d: PromptDef | ToolDef) => `${d.name}\u0000${d.nameSpan.range.start.line}:${d.nameSpan.range.start.character}`;

/** The items of a new model standing where (same name, same place) the old callable ones stood. */
function standingWhere<T extends PromptDef | ToolDef>(items: T[], before: T[]): T[] {
  const places = new Set(before.map(placeOf));
  return items.filter((d) => places.has(placeOf(d)));
}

function groupByFile<T extends { file: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.file);
    if (list) list.push(item);
    else out.set(item.file, [item]);
  }
  return out;
}

export class CheckEngine {
  private readonly entries = new Map<string, FileEntry>();
  private order: string[] = [];
  /** Cross-file findings, by the file they are reported in. */
  private readonly crossByFile = new Map<string, Diagnostic[]>();
  /** The files of crossByFile that had no model when a finding was reported in them (made again every run). */
  private readonly crossElsewhere = new Set<string>();
  private wholeByFile = new Map<string, Diagnostic[]>();
  private readonly merged = new Map<string, Diagnostic[]>();
  /** For each file, the files whose models read texts from it (their dependencies). */
  private readonly readers = new Map<string, Set<string>>();
  /** For each file, the other files whose file-rule findings are reported in it (texts they import from it). */
  private readonly localsFrom = new Map<string, Set<string>>();
  private readonly fileRules: Rule[];
  private readonly crossRules: Rule[];
  private readonly wholeRules: Rule[];

  /** `onPhase`: told the milliseconds each phase of a run took (the language server's opt-in trace). */
  constructor(private readonly options: Pick<CheckOptions, 'projectOf' | 'revisionOf' | 'rules' | 'severities'> & { onPhase?: (phase: string, ms: number) => void } = {}) {
    const rules = options.rules ?? allRules;
    this.fileRules = rules.filter((r) => r.scope === 'file');
    this.crossRules = rules.filter((r) => r.scope === 'names');
    this.wholeRules = rules.filter((r) => r.scope !== 'file' && r.scope !== 'names');
  }

  /** The diagnostics of a file after the last run, sorted. */
  diagnosticsOf(file: string): Diagnostic[] {
    return this.merged.get(file) ?? [];
  }

  /** Every file with diagnostics after the last run. */
  files(): IterableIterator<string> {
    return this.merged.keys();
  }

  /** The context of the last run where a declaration changed: what cross-file rules look names up in. */
  private lookup: CheckContext | undefined;

  /**
   * Checks the workspace given by its current models (by file: kept as given, read only during the run); only what
   * may have changed since the last run is worked out. `maybeChanged`, when given, holds every file whose model may
   * be another object than at the last run (added and removed ones too): only those are compared (the first run
   * compares every file).
   */
  run(models: Iterable<FileModel> | ReadonlyMap<string, FileModel>, maybeChanged?: Iterable<string>): EngineRun {
    const phase = this.phaseTimer();
    const next = models instanceof Map ? (models as ReadonlyMap<string, FileModel>) : new Map([...(models as Iterable<FileModel>)].map((m) => [m.file, m]));
    const changed = maybeChanged && this.lookup ? this.changedAmong(next, maybeChanged) : this.changedFiles(next);
    phase('changed');
    if (changed.size === 0 && this.lookup) return { changed, declarationsChanged: false, context: this.lookup };
    // The order of the files (as checkWorkspace sees them) changes only when one comes or goes.
    const comeOrGone = [...changed].some((f) => !this.entries.has(f) || !next.has(f));
    if (comeOrGone) this.order = [...next.keys()].sort(compareCodeUnits);
    const touched = new Set<string>();
    const { names, wholeFile, read } = this.updateEntries(next, changed, touched);
    phase('facts');
    const declarationsChanged = wholeFile || names.size > 0 || comeOrGone || !this.lookup;
    if (declarationsChanged) this.lookup = createCheckContext(this.order.map((f) => next.get(f)!), this.options.projectOf, this.options.revisionOf);
    phase('lookup');
    this.updateCallable(this.lookup!, changed, declarationsChanged, touched);
    phase('file-rules');
    const subjects = wholeFile ? undefined : this.subjectsFor(new Set([...changed, ...read]), names, declarationsChanged, next);
    phase('subjects');
    this.runCross(this.lookup!, next, subjects, changed, touched);
    phase('cross-rules');
    this.runWhole(next, touched);
    phase('whole-rules');
    for (const file of touched) this.merge(file);
    phase('merge');
    return { changed: touched, declarationsChanged, context: this.lookup! };
  }

  /** A function that reports the time since its last call as a phase (nothing without `onPhase`). */
  private phaseTimer(): (name: string) => void {
    const onPhase = this.options.onPhase;
    if (!onPhase) return () => undefined;
    let last = performance.now();
    return (name) => {
      const now = performance.now();
      onPhase(name, now - last);
      last = now;
    };
  }

  /** Of the files that may have changed, those added, removed, or whose model is another object than last run's. */
  private changedAmong(next: ReadonlyMap<string, FileModel>, maybeChanged: Iterable<string>): Set<string> {
    const changed = new Set<string>();
    for (const file of maybeChanged) if (this.entries.get(file)?.model !== next.get(file)) changed.add(file);
    return changed;
  }

  /** Files added, removed, or whose model is another object than last run's. */
  private changedFiles(next: ReadonlyMap<string, FileModel>): Set<string> {
    const changed = new Set<string>();
    for (const [file, m] of next) if (this.entries.get(file)?.model !== m) changed.add(file);
    for (const file of this.entries.keys()) if (!next.has(file)) changed.add(file);
    return changed;
  }

  /** Re-reads the facts of changed files: the names whose declarations changed, and whether a whole-file fact did. */
  private updateEntries(next: ReadonlyMap<string, FileModel>, changed: Set<string>, touched: Set<string>): { names: Set<string>; wholeFile: boolean; read: Set<string> } {
    const names = new Set<string>();
    // The files a changed file read texts from hold findings it made: they are judged again too.
    const read = new Set<string>();
    let wholeFile = false;
    for (const file of changed) {
      const before = this.entries.get(file);
      const model = next.get(file);
      const facts = model ? factsOf(model, programOfModel(model, this.options.projectOf ?? (() => '')), this.crossRules) : undefined;
      const diff = diffFacts(before?.facts, facts);
      for (const n of diff.names) names.add(n);
      wholeFile ||= diff.wholeFile;
      this.indexLocals(file, before?.local ?? [], []);
      for (const d of before?.local ?? []) touched.add(d.file);
      for (const r of before?.model.dependencies ?? []) read.add(r);
      touched.add(file);
      for (const r of before?.model.dependencies ?? []) this.readers.get(r)?.delete(file);
      for (const r of model?.dependencies ?? []) this.readers.set(r, (this.readers.get(r) ?? new Set()).add(file));
      if (!model || !facts) this.entries.delete(file);
      // A first run reads every file's words (a later change of a declaration looks in all of them); after that, a
      // changed file's are read when a declaration changes, not on every keystroke.
      else this.entries.set(file, { model, facts, ...(this.lookup ? {} : { words: wordsOf(model, this.crossRules) }), callable: before?.callable ?? { prompts: [], tools: [] }, local: [] });
    }
    return { names, wholeFile, read };
  }

  /**
   * Re-runs file rules where a file or its callable items changed. With the declarations unchanged, a changed file's
   * callable items are those standing where its callable items stood (a registration is merged away or not by
   * names and places alone); otherwise they are read from the new context, for every file.
   */
  private updateCallable(ctx: CheckContext, changed: Set<string>, declarationsChanged: boolean, touched: Set<string>): void {
    const prompts = declarationsChanged ? groupByFile(ctx.prompts) : undefined;
    const tools = declarationsChanged ? groupByFile(ctx.tools) : undefined;
    for (const file of declarationsChanged ? this.entries.keys() : changed) {
      const entry = this.entries.get(file);
      if (!entry) continue;
      const callable = prompts && tools ? { prompts: prompts.get(file) ?? [], tools: tools.get(file) ?? [] } : { prompts: standingWhere(entry.model.prompts, entry.callable.prompts), tools: standingWhere(entry.model.tools, entry.callable.tools) };
      if (!changed.has(file) && sameItems(callable.prompts, entry.callable.prompts) && sameItems(callable.tools, entry.callable.tools)) continue;
      for (const d of entry.local) touched.add(d.file);
      entry.callable = callable;
      const local = this.runFileRules(ctx, entry);
      this.indexLocals(file, entry.local, local);
      entry.local = local;
      for (const d of local) touched.add(d.file);
    }
  }

  private runFileRules(ctx: CheckContext, entry: FileEntry): Diagnostic[] {
    const { prompts, tools } = entry.callable;
    const toolsByName = new Map<string, ToolDef[]>();
    for (const t of tools) toolsByName.set(t.name, [...(toolsByName.get(t.name) ?? []), t]);
    const one: CheckContext = { ...ctx, files: [entry.model], prompts, tools, toolsByName, modelOf: (file) => this.entries.get(file)?.model };
    delete one.subjects;
    return this.fileRules.flatMap((rule) => runRule(rule, one, this.options.severities, entry.model.file));
  }

  /**
   * The files cross-file rules must judge again: the changed ones, those holding a name whose declaration changed,
   * those with cross-file findings when any declaration changed (a "did you mean" may now name another), and the
   * files whose texts they read or that read theirs. Undefined when that is every file.
   */
  private subjectsFor(changed: Set<string>, names: Set<string>, declarationsChanged: boolean, next: ReadonlyMap<string, FileModel>): Set<string> | undefined {
    const subjects = new Set([...changed].filter((f) => next.has(f)));
    if (names.size > 0) {
      for (const [file, entry] of this.entries) {
        if (subjects.has(file)) continue;
        const words = (entry.words ??= wordsOf(entry.model, this.crossRules));
        for (const n of names) {
          if (!words.has(n)) continue;
          subjects.add(file);
          break;
        }
      }
    }
    if (declarationsChanged) for (const file of this.crossByFile.keys()) if (next.has(file)) subjects.add(file);
    this.closeOverTexts(subjects, next);
    return subjects.size === next.size ? undefined : subjects;
  }

  /** A subject's findings may be reported in the files it reads texts from, whose other findings are then made
   * again: those files, and the files reading a subject's texts, are subjects too. */
  private closeOverTexts(subjects: Set<string>, next: ReadonlyMap<string, FileModel>): void {
    const queue = [...subjects];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      const reads = (this.entries.get(file)?.model.dependencies ?? []).filter((r) => next.has(r));
      for (const f of [...reads, ...(this.readers.get(file) ?? [])]) {
        if (subjects.has(f) || !this.entries.has(f)) continue;
        subjects.add(f);
        queue.push(f);
      }
    }
  }

  /** Runs the cross-file rules on the subjects (every file when undefined) and keeps their findings by file. */
  private runCross(lookup: CheckContext, next: ReadonlyMap<string, FileModel>, subjects: Set<string> | undefined, changed: Set<string>, touched: Set<string>): void {
    if (this.crossRules.length === 0) return;
    // The findings made again are dropped first: those of the subjects, of files gone, and of files with no model.
    const stale = subjects ? new Set([...subjects, ...changed, ...this.crossElsewhere]) : [...this.crossByFile.keys()];
    for (const file of stale) {
      if ((subjects && !subjects.has(file) && this.entries.has(file)) || !this.crossByFile.has(file)) continue;
      touched.add(file);
      this.crossByFile.delete(file);
      this.crossElsewhere.delete(file);
    }
    if (subjects?.size === 0) return;
    // The subjects are the changed files' new models; the names they are judged against are the kept context's.
    const judged = [...(subjects ?? next.keys())].sort(compareCodeUnits).flatMap((f) => {
      const entry = this.entries.get(f);
      return entry ? [entry] : [];
    });
    const run: CheckContext = lookup;
    run.subjects = { files: judged.map((e) => e.model), prompts: judged.flatMap((e) => e.callable.prompts), tools: judged.flatMap((e) => e.callable.tools) };
    run.modelOf = (file) => this.entries.get(file)?.model;
    try {
      for (const rule of this.crossRules) {
        for (const d of runRule(rule, run, this.options.severities, lookup.files[0]?.file ?? '')) {
          const list = this.crossByFile.get(d.file);
          if (list) list.push(d);
          else this.crossByFile.set(d.file, [d]);
          if (!this.entries.has(d.file)) this.crossElsewhere.add(d.file);
          touched.add(d.file);
        }
      }
    } finally {
      delete run.subjects;
      delete run.modelOf;
    }
  }

  /** Rules that say nothing of what they read run over the whole workspace, in a context of its current models. */
  private runWhole(next: ReadonlyMap<string, FileModel>, touched: Set<string>): void {
    if (this.wholeRules.length === 0) return;
    const ctx = createCheckContext(this.order.map((f) => next.get(f)!), this.options.projectOf, this.options.revisionOf);
    for (const file of this.wholeByFile.keys()) touched.add(file);
    this.wholeByFile = groupByFile(this.wholeRules.flatMap((rule) => runRule(rule, ctx, this.options.severities, ctx.files[0]?.file ?? '')));
    for (const file of this.wholeByFile.keys()) touched.add(file);
  }

  private merge(file: string): void {
    const list: Diagnostic[] = [];
    for (const entry of this.localsInto(file)) list.push(...entry);
    list.push(...(this.crossByFile.get(file) ?? []), ...(this.wholeByFile.get(file) ?? []));
    if (list.length) this.merged.set(file, sortDiagnostics(list));
    else this.merged.delete(file);
  }

  /** The file-rule findings reported in a file: its own, and those of files whose texts it holds. */
  private *localsInto(file: string): Generator<Diagnostic[]> {
    const own = this.entries.get(file);
    if (own) yield own.local.filter((d) => d.file === file);
    for (const other of this.localsFrom.get(file) ?? []) yield this.entries.get(other)?.local.filter((d) => d.file === file) ?? [];
  }

  private indexLocals(source: string, before: Diagnostic[], after: Diagnostic[]): void {
    for (const d of before) if (d.file !== source) this.localsFrom.get(d.file)?.delete(source);
    for (const d of after) if (d.file !== source) this.localsFrom.set(d.file, (this.localsFrom.get(d.file) ?? new Set()).add(source));
  }
}
