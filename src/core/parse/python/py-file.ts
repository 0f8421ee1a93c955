// One Python file being read: its text, tree, the model the extractors fill, and its top-level definitions.
import type { FileModel, TextValue } from '../../model';
import type { SourceContext } from '../../source-context';
import type { SyntaxNode } from '../tree-sitter';
import type { ClassInfo } from './hints';
import { descendantsOf } from './syntax';

export class PyFile {
  readonly model: FileModel;
  /** Functions by name (the first of each name), for `mcp.add_tool(fn)`. */
  readonly functions = new Map<string, SyntaxNode>();
  /** Classes by name (the first of each name), for models and enums. */
  readonly classes = new Map<string, SyntaxNode>();
  /** Descriptions taken from docstrings, where backticks mark any code (RST ``x``, Markdown `x`), not a tool. */
  readonly docstrings = new Set<TextValue>();
  /** Classes as hints read them, shared by every schema of the file. */
  readonly classInfo = new Map<number, ClassInfo>();
  /** True for a server on the official SDK's FastMCP/MCPServer (not the fastmcp package), which sends docstrings as
   * written. */
  readonly officialSdk: boolean;

  constructor(
    readonly ctx: SourceContext,
    readonly root: SyntaxNode,
  ) {
    this.model = { file: ctx.file, language: 'python', prompts: [], tools: [], problems: [], lineStarts: ctx.lines.lineStarts };
    this.officialSdk = /\bmcp\.server\.(?:fastmcp|mcpserver)\b/.test(ctx.text) && !/^\s*(?:from|import)\s+fastmcp\b/m.test(ctx.text);
    for (const def of descendantsOf(root, ['function_definition', 'class_definition'])) {
      const name = def.childForFieldName('name')?.text;
      const map = def.type === 'class_definition' ? this.classes : this.functions;
      if (name && !map.has(name)) map.set(name, def);
    }
  }
}
