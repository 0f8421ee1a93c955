// Values imported from sibling modules: `import { PROMPT_TEXT } from './prompts/text.js'` followed to the
// `export const` of the other file (through `.js` → `.ts`, index files and `export { x } from` re-exports), so a
// prompt's text written in another module is read where it really stands. Module texts are fetched before the
// extraction (reading is asynchronous), and parsed only when a value is asked for.
import { dirname, join } from 'node:path';
import { SourceContext } from '../../source-context';
import { parseLoaded, type SyntaxNode, type SyntaxTree } from '../tree-sitter';
import { nodesWithin } from '../node-index';
import { keyName, named } from './nodes';

/** Reads a module's text, or undefined when there is none at that path (or it cannot be read). */
export type ModuleReader = (path: string) => Promise<string | undefined>;

/** A parsed sibling module: its tree and the context that turns its offsets into spans in its own file. */
export interface ModuleFile {
  root: SyntaxNode;
  ctx: SourceContext;
}

/** A value found in another module: the node and the module it stands in. */
export interface ImportedValue extends ModuleFile {
  node: SyntaxNode;
}

const MAX_DEPTH = 4;
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'], '.jsx': ['.tsx', '.jsx'] };

/** The files a relative specifier may name, in the order TypeScript's resolution tries them. */
export function moduleCandidates(fromFile: string, specifier: string): string[] {
  const base = join(dirname(fromFile), specifier);
  const ext = /\.[cm]?jsx?$/.exec(specifier)?.[0];
  if (ext) return (JS_TO_TS[ext] ?? [ext]).map((e) => base.slice(0, -ext.length) + e);
  if (/\.[cm]?tsx?$/.test(specifier)) return [base];
  return ['.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx', '/index.js'].map((e) => base + e);
}

const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/** The relative specifiers a module imports or re-exports from: what the modules it reads may need. */
function relativeSpecifiers(text: string): string[] {
  const out = new Set<string>();
  // A prefetch only: which files to read ahead. What a name stands for is decided on the syntax tree.
  for (const m of text.matchAll(/\bfrom\s*(['"])(\.\.?\/[^'"\n]+)\1/g)) out.add(m[2]!);
  return [...out];
}

/** The sibling modules of one extraction: fetched ahead, parsed on demand, deleted with `dispose`. */
export class ModuleLinks {
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, ModuleFile>();
  private readonly trees: SyntaxTree[] = [];
  /** Every module file read, and every one looked for that was not there, for re-reading the importer when one of
   * them changes or comes. */
  readonly read = new Set<string>();

  private constructor(private readonly file: string) {}

  /** Lets the values of a file's tree follow its imports (see importedValueOf). */
  attach(root: SyntaxNode): void {
    linksByRoot.set(root, { links: this, file: this.file });
  }

  /** Reads ahead the modules a file imports from (relative specifiers), and theirs, a few levels deep. */
  static async fetch(file: string, text: string, reader: ModuleReader): Promise<ModuleLinks> {
    const links = new ModuleLinks(file);
    let frontier: [string, string][] = [[file, text]];
    for (let depth = 0; depth < MAX_DEPTH && frontier.length; depth++) {
      const next: [string, string][] = [];
      for (const [from, source] of frontier) {
        for (const specifier of relativeSpecifiers(source)) {
          for (const candidate of moduleCandidates(from, specifier)) {
            if (links.texts.has(candidate) || candidate === file) break;
            const read = await reader(candidate);
            if (read === undefined) continue;
            links.texts.set(candidate, read);
            next.push([candidate, read]);
            break;
          }
        }
      }
      frontier = next;
    }
    return links;
  }

  /** The value an identifier imported from a relative module stands for, or undefined when it is not read. */
  importedValue(identifier: string, root: SyntaxNode, from: string = this.file, depth = 0): ImportedValue | undefined {
    const source = importOf(identifier, root);
    return source ? this.exportedValue(from, source.specifier, source.imported, depth) : undefined;
  }

  private exportedValue(from: string, specifier: string, name: string, depth: number): ImportedValue | undefined {
    if (depth >= MAX_DEPTH) return undefined;
    const candidates = moduleCandidates(from, specifier);
    const path = candidates.find((c) => this.texts.has(c));
    // A module not there (yet), or a `.ts` not there before the `.js` that is: when it is created, the value is read
    // again, so the files looked for are dependencies too.
    for (const c of candidates) {
      if (c === path) break;
      if (c !== this.file) this.read.add(c);
    }
    const module = path ? this.module(path) : undefined;
    if (!path || !module) return undefined;
    for (const statement of named(module.root)) {
      if (statement.type !== 'export_statement') continue;
      const declaration = statement.childForFieldName('declaration');
      if (declaration) {
        for (const d of named(declaration)) {
          if (d.type === 'variable_declarator' && d.childForFieldName('name')?.text === name) {
            const value = d.childForFieldName('value');
            return value ? { ...module, node: value } : undefined;
          }
        }
        continue;
      }
      const reexport = statement.childForFieldName('source');
      const clause = named(statement).find((c) => c.type === 'export_clause');
      const exported = clause ? named(clause).find((s) => (s.childForFieldName('alias') ?? s.childForFieldName('name'))?.text === name) : undefined;
      const local = exported?.childForFieldName('name')?.text;
      if (reexport && isRelative(keyName(reexport))) {
        // `export { x } from './y'`, `export { y as x } from './y'`, `export * from './y'`.
        if (local) return this.exportedValue(path, keyName(reexport), local, depth + 1);
        if (!clause) {
          const found = this.exportedValue(path, keyName(reexport), name, depth + 1);
          if (found) return found;
        }
      } else if (local) {
        // `const x = …; export { x }`, or an imported name exported again.
        const declarator = nodesWithin(module.root, ['variable_declarator']).find((d) => d.parent?.parent?.type === 'program' && d.childForFieldName('name')?.text === local);
        const value = declarator?.childForFieldName('value');
        if (value) return { ...module, node: value };
        const imported = importOf(local, module.root);
        if (imported) return this.exportedValue(path, imported.specifier, imported.imported, depth + 1);
      }
    }
    return undefined;
  }

  private module(path: string): ModuleFile | undefined {
    const hit = this.parsed.get(path);
    if (hit) return hit;
    const text = this.texts.get(path);
    if (text === undefined) return undefined;
    const tree = parseLoaded(/\.[jt]sx$/.test(path) ? 'tsx' : 'typescript', text);
    this.trees.push(tree);
    const module = { root: tree.rootNode, ctx: new SourceContext(path, text) };
    this.parsed.set(path, module);
    linksByRoot.set(module.root, { links: this, file: path });
    this.read.add(path);
    return module;
  }

  /** A module already parsed (one a value was read from). */
  parsedModule(path: string): ModuleFile | undefined {
    return this.parsed.get(path);
  }

  /** Frees the trees of the modules parsed. */
  dispose(): void {
    for (const tree of this.trees) tree.delete();
    this.trees.length = 0;
  }
}

const linksByRoot = new WeakMap<SyntaxNode, { links: ModuleLinks; file: string }>();

/** The value an identifier of a tree stands for when it is imported from a sibling module that was read. */
export function importedValueOf(identifier: string, root: SyntaxNode): ImportedValue | undefined {
  const entry = linksByRoot.get(root);
  return entry?.links.importedValue(identifier, root, entry.file);
}

/** A sibling module a tree's values were read from, by its file (to read more of it). */
export function moduleRead(file: string, root: SyntaxNode): ModuleFile | undefined {
  return linksByRoot.get(root)?.links.parsedModule(file);
}

/** The relative module and exported name a top-level named import binds to a local name. */
function importOf(local: string, root: SyntaxNode): { specifier: string; imported: string } | undefined {
  for (const statement of named(root)) {
    if (statement.type !== 'import_statement') continue;
    const source = statement.childForFieldName('source');
    const specifier = source ? keyName(source) : '';
    if (!isRelative(specifier)) continue;
    for (const clause of named(statement).filter((c) => c.type === 'import_clause')) {
      for (const imports of named(clause).filter((c) => c.type === 'named_imports')) {
        for (const s of named(imports)) {
          if (s.type !== 'import_specifier') continue;
          const name = s.childForFieldName('name')?.text;
          if ((s.childForFieldName('alias')?.text ?? name) === local && name) return { specifier, imported: name };
        }
      }
    }
  }
  return undefined;
}
