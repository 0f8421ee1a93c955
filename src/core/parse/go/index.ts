// Reads one Go file: mark3labs/mcp-go servers (mcp-go.ts) and the official go-sdk's (go-sdk.ts).
import type { FileModel } from '../../model';
import { SourceContext } from '../../source-context';
import { readDescriptionMentions } from '../../template/mentions';
import { readSyntaxProblems } from '../syntax-problems';
import { loadGrammars, parseLoaded } from '../tree-sitter';
import { GoFile } from './go-file';
import { readGoSdk } from './go-sdk';
import { readMcpGo } from './mcp-go';

/** Reads one Go file. Never throws for bad source. */
export async function extractGo(file: string, text: string): Promise<FileModel> {
  await loadGrammars();
  const tree = parseLoaded('go', text);
  try {
    const go = new GoFile(new SourceContext(file, text), tree.rootNode);
    readMcpGo(go);
    readGoSdk(go);
    readDescriptionMentions(go.model.tools, () => go.ctx);
    go.model.problems.push(...readSyntaxProblems(tree.rootNode, go.ctx));
    return go.model;
  } finally {
    tree.delete();
  }
}
