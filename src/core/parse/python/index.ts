// Reads one Python file: parses it and runs the frameworks the registry lists for Python (FastMCP, the official
// SDK's low-level server) over one PyFile.
import type { FileModel } from '../../model';
import { SourceContext } from '../../source-context';
import { readDescriptionMentions, readInstructionsMentions } from '../../template/mentions';
import { readSyntaxProblems } from '../syntax-problems';
import type { ExtractOptions, Framework } from '../registry';
import { loadGrammars, parseLoaded } from '../tree-sitter';
import { PyFile } from './py-file';

/** A docstring's backticks mark code of any kind (``CallToolResult.isError``, an `x-mcp-header` key): a name in them
 * names a tool when one has that name, and is never reported as unknown. */
function weakenDocstringBackticks(py: PyFile): void {
  for (const tool of py.model.tools) {
    if (!tool.description || !py.docstrings.has(tool.description)) continue;
    for (const m of tool.mentions ?? []) if (m.form === 'backtick') m.weak = true;
  }
}

/** Reads one Python file. Never throws for bad source. */
export async function extractPython(file: string, text: string, _options: ExtractOptions, frameworks: readonly Framework<PyFile>[]): Promise<FileModel> {
  await loadGrammars();
  const tree = parseLoaded('python', text);
  try {
    const py = new PyFile(new SourceContext(file, text), tree.rootNode);
    for (const framework of frameworks) framework.read(py);
    readDescriptionMentions(py.model.tools, () => py.ctx);
    readInstructionsMentions(py.model.instructions, () => py.ctx);
    weakenDocstringBackticks(py);
    py.model.problems.push(...readSyntaxProblems(tree.rootNode, py.ctx));
    return py.model;
  } finally {
    tree.delete();
  }
}
