// One Go file being read: its text, tree, the model the extractors fill, its imports, and its package-level
// declarations (functions, types, consts and vars) that declarations refer to by name.
import type { FileModel } from '../../model';
import type { SourceContext } from '../../source-context';
import type { SyntaxNode } from '../tree-sitter';
import type { GoPackage } from './package';
import type { GoTypeLookup } from './schema';
import { bindingsOf, descendantsOf, named, type GoScope } from './syntax';

export class GoFile {
  readonly model: FileModel;
  /** Functions and methods by name (the first of each name), for handlers passed by name. */
  readonly functions = new Map<string, SyntaxNode>();
  /** Types by name → their type expression (`type Args struct {…}` → the struct_type), wherever declared. */
  readonly types = new Map<string, SyntaxNode>();
  /** Package-level consts and vars by name → their value. */
  readonly globals: Map<string, SyntaxNode>;
  /** Import path → the local name it is used under (`mcp`, or its alias). */
  readonly imports = new Map<string, string>();
  /** The other files of its package, when the extraction was given them (see package.ts). */
  package: GoPackage | undefined;

  constructor(
    readonly ctx: SourceContext,
    readonly root: SyntaxNode,
  ) {
    this.model = { file: ctx.file, language: 'go', prompts: [], tools: [], problems: [], lineStarts: ctx.lines.lineStarts };
    const globals = new Map<string, SyntaxNode>();
    for (const top of named(root)) {
      if (top.type === 'function_declaration' || top.type === 'method_declaration') {
        const name = top.childForFieldName('name')?.text;
        if (name && !this.functions.has(name)) this.functions.set(name, top);
      } else if (top.type === 'const_declaration' || top.type === 'var_declaration') {
        for (const [k, v] of bindingsOf(top)) if (!globals.has(k)) globals.set(k, v);
      }
    }
    this.globals = globals;
    // Types declared inside a function (`type args struct{…}` beside the handler) count too, the first of a name.
    for (const spec of descendantsOf(root, ['type_spec', 'type_alias'])) {
      const name = spec.childForFieldName('name')?.text;
      const type = spec.childForFieldName('type');
      if (name && type && !this.types.has(name)) this.types.set(name, type);
    }
    for (const spec of descendantsOf(root, ['import_spec'])) {
      const path = spec.childForFieldName('path')?.text.replace(/^["`]|["`]$/g, '') ?? '';
      const alias = spec.childForFieldName('name')?.text;
      this.imports.set(path, alias ?? path.split('/').pop() ?? path);
    }
  }

  /** The types a schema of this file may name: the file's, then its package's. */
  typeLookup(): GoTypeLookup {
    if (this.package) return this.package.types();
    return (name) => {
      const type = this.types.get(name);
      return type && { type, ctx: this.ctx };
    };
  }

  /** Where typeLookup looks, for the message of a type not found. */
  get typeScope(): string {
    return this.package?.hasSiblings ? 'this package' : 'this file';
  }

  /** The local name of an import (`github.com/mark3labs/mcp-go/mcp` → `mcp`), or undefined when not imported. */
  importName(path: string): string | undefined {
    return this.imports.get(path);
  }

  /** The scope a node stands in: the locals of its enclosing function, then the package's names. */
  scopeAt(node: SyntaxNode): GoScope {
    for (let p: SyntaxNode | null = node.parent; p; p = p.parent) {
      if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') {
        const body = p.childForFieldName('body');
        return { locals: body ? bindingsOf(body) : new Map(), globals: this.globals };
      }
    }
    return { globals: this.globals };
  }
}
