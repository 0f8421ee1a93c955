// Reads one Go file: parses it and runs the frameworks the registry lists for Go (mark3labs/mcp-go, the official
// go-sdk) over one GoFile.
import type { FileModel } from '../../model';
import { SourceContext } from '../../source-context';
import { readDescriptionMentions } from '../../template/mentions';
import { readSyntaxProblems } from '../syntax-problems';
import type { ExtractOptions, Framework } from '../registry';
import { loadGrammars, parseLoaded } from '../tree-sitter';
import { GoFile } from './go-file';

/** Reads one Go file. Never throws for bad source. */
export async function extractGo(file: string, text: string, _options: ExtractOptions, frameworks: readonly Framework<GoFile>[]): Promise<FileModel> {
  await loadGrammars();
  const tree = parseLoaded('go', text);
  try {
    const go = new GoFile(new SourceContext(file, text), tree.rootNode);
    for (const framework of frameworks) framework.read(go);
    readDescriptionMentions(go.model.tools, () => go.ctx);
    go.model.problems.push(...readSyntaxProblems(tree.rootNode, go.ctx));
    return go.model;
  } finally {
    tree.delete();
  }
}
