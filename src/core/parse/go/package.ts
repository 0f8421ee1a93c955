// The other files of a Go file's package: the .go files of its folder with the same package clause (a `_test.go`
// file only for another test file, as `go build` leaves them out). A go-sdk tool's handler and the struct of its
// typed arguments are often declared in one of them (main.go registers `kb.CreateEntities` of kb.go). Their texts
// are read ahead; a file is parsed only when it holds a name asked for, and every file a name is looked for in is a
// dependency of the model, so an edit there reads the tool again.
import { SourceContext } from '../../source-context';
import { parseLoaded, type SyntaxNode, type SyntaxTree } from '../tree-sitter';
import { GoFile } from './go-file';

/** A sibling file's text, read ahead. */
export interface SiblingText {
  file: string;
  text: string;
}

/** The package clause of a Go file's text (after its leading comments), or undefined. */
export function packageClause(text: string): string | undefined {
  return /^\s*package\s+(\w+)/m.exec(text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ''))?.[1];
}

/** Of the files of a folder, those that may be in the same package build as `file`. */
export function packageCandidates(file: string, siblings: readonly string[]): string[] {
  const test = file.endsWith('_test.go');
  return siblings.filter((f) => f !== file && f.endsWith('.go') && (test || !f.endsWith('_test.go')) && dirOf(f) === dirOf(file));
}

const dirOf = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));

export class GoPackage {
  private readonly parsed = new Map<string, GoFile>();
  private readonly trees: SyntaxTree[] = [];
  /** The sibling files looked in for a name: when one changes, the file is read again. */
  readonly read = new Set<string>();

  constructor(
    private readonly home: GoFile,
    private readonly siblings: readonly SiblingText[],
    /** The folder's other Go files that are not in the package now (another or no package clause, as while one is
     * being typed): a name not found depends on them too, since an edit may bring them back into the package. */
    private readonly elsewhere: readonly string[] = [],
  ) {}

  /** Reads the texts of the package's other files (see packageCandidates): those of the same package, and the
   * names of the others. */
  static async fetch(text: string, candidates: readonly string[], readText: (path: string) => Promise<string | undefined>): Promise<{ siblings: SiblingText[]; elsewhere: string[] }> {
    const name = packageClause(text);
    const siblings: SiblingText[] = [];
    const elsewhere: string[] = [];
    for (const candidate of candidates) {
      const read = await readText(candidate);
      if (read === undefined) continue;
      if (name && packageClause(read) === name) siblings.push({ file: candidate, text: read });
      else elsewhere.push(candidate);
    }
    return { siblings, elsewhere };
  }

  /** True when the package has files besides this one. */
  get hasSiblings(): boolean {
    return this.siblings.length > 0;
  }

  /** A package-level declaration of another file: the first sibling whose text holds the name and declares it. The
   * model depends on the file declaring it, or while none does on every other Go file of the folder (one may come
   * to, or come back into the package). */
  private find<T>(name: string, pick: (file: GoFile) => T | undefined): { value: T; file: GoFile } | undefined {
    const word = new RegExp(`\\b${name}\\b`);
    for (const sibling of this.siblings) {
      if (!word.test(sibling.text)) continue;
      const file = this.parse(sibling);
      const value = pick(file);
      if (value === undefined) continue;
      this.read.add(sibling.file);
      return { value, file };
    }
    for (const sibling of this.siblings) this.read.add(sibling.file);
    for (const file of this.elsewhere) this.read.add(file);
    return undefined;
  }

  private parse(sibling: SiblingText): GoFile {
    let file = this.parsed.get(sibling.file);
    if (!file) {
      const tree = parseLoaded('go', sibling.text);
      this.trees.push(tree);
      file = new GoFile(new SourceContext(sibling.file, sibling.text), tree.rootNode);
      this.parsed.set(sibling.file, file);
    }
    return file;
  }

  /** A function or method of the package by name, and the file it is declared in (this one first). */
  functionNamed(name: string): { node: SyntaxNode; file: GoFile } | undefined {
    const own = this.home.functions.get(name);
    if (own) return { node: own, file: this.home };
    const found = this.find(name, (f) => f.functions.get(name));
    return found && { node: found.value, file: found.file };
  }

  /** The file a node of this package's trees stands in. */
  fileOf(node: SyntaxNode): GoFile {
    for (const file of this.parsed.values()) if (file.root.tree === node.tree) return file;
    return this.home;
  }

  /** The types a schema read in `from` may name: its own file's first, then this file's, then the others'. */
  types(from: GoFile = this.home): (name: string) => { type: SyntaxNode; ctx: GoFile['ctx']; file: GoFile } | undefined {
    return (name) => {
      for (const file of from === this.home ? [this.home] : [from, this.home]) {
        const type = file.types.get(name);
        if (type) return { type, ctx: file.ctx, file };
      }
      const found = this.find(name, (f) => f.types.get(name));
      return found && { type: found.value, ctx: found.file.ctx, file: found.file };
    };
  }

  dispose(): void {
    for (const tree of this.trees.splice(0)) tree.delete();
    this.parsed.clear();
  }
}
