// Reads one Go file: parses it and runs the frameworks the registry lists for Go (mark3labs/mcp-go, the official
// go-sdk) over one GoFile.
import type { FileModel } from '../../model';
import { SourceContext } from '../../source-context';
import { readDescriptionMentions, readInstructionsMentions } from '../../template/mentions';
import { readSyntaxProblems } from '../syntax-problems';
import type { ExtractOptions, Framework } from '../registry';
import { loadGrammars, parseLoaded } from '../tree-sitter';
import { GoFile } from './go-file';
import { GoPackage, packageCandidates } from './package';

/** Reads one Go file. Never throws for bad source. */
export async function extractGo(file: string, text: string, options: ExtractOptions, frameworks: readonly Framework<GoFile>[]): Promise<FileModel> {
  await loadGrammars();
  const { siblings, readModule } = options;
  // Only a typed tool (go-sdk's mcp.AddTool, mcp-go's WithInputSchema[T]) names types another file may declare.
  const typed = /\bAddTool\b|With(?:Input|Output)Schema\b/.test(text);
  const others = typed && siblings && readModule ? await GoPackage.fetch(text, packageCandidates(file, siblings(file)), readModule) : { siblings: [], elsewhere: [] };
  const tree = parseLoaded('go', text);
  const go = new GoFile(new SourceContext(file, text), tree.rootNode);
  go.package = new GoPackage(go, others.siblings, others.elsewhere);
  try {
    for (const framework of frameworks) framework.read(go);
    readDescriptionMentions(go.model.tools, () => go.ctx);
    readInstructionsMentions(go.model.instructions, () => go.ctx);
    go.model.problems.push(...readSyntaxProblems(tree.rootNode, go.ctx));
    if (go.package.read.size) go.model.dependencies = [...go.package.read].sort();
    return go.model;
  } finally {
    go.package.dispose();
    tree.delete();
  }
}
