// Reads one Python file: FastMCP servers (fastmcp.ts) and the official SDK's low-level server (lowlevel.ts).
import type { FileModel } from '../../model';
import { SourceContext } from '../../source-context';
import { readDescriptionMentions } from '../../template/mentions';
import { readSyntaxProblems } from '../syntax-problems';
import { loadGrammars, parseLoaded } from '../tree-sitter';
import { readFastMcp } from './fastmcp';
import { readLowLevel } from './lowlevel';
import { PyFile } from './py-file';

/** Reads one Python file. Never throws for bad source. */
export async function extractPython(file: string, text: string): Promise<FileModel> {
  await loadGrammars();
  const tree = parseLoaded('python', text);
  try {
    const py = new PyFile(new SourceContext(file, text), tree.rootNode);
    readFastMcp(py);
    readLowLevel(py);
    readDescriptionMentions(py.model.tools, py.ctx);
    py.model.problems.push(...readSyntaxProblems(tree.rootNode, py.ctx));
    return py.model;
  } finally {
    tree.delete();
  }
}
