// Reads one Rust file: parses it and runs the frameworks the registry lists for Rust over one RustExtractor, then
// places the declarations on their servers and leaves out `#[cfg(test)]` modules.
import type { FileModel } from '../../model';
import { SourceContext } from '../../source-context';
import { readDescriptionMentions, readInstructionsMentions } from '../../template/mentions';
import { recordBranches } from '../branches';
import type { ExtractOptions, Framework } from '../registry';
import { readSyntaxProblems } from '../syntax-problems';
import { loadGrammars, parseLoaded } from '../tree-sitter';
import { RustExtractor } from './extractor';
import { declaresMain, leaveOutTestModules } from './servers';

/** Reads one Rust file. Never throws for bad source: syntax errors become problems, the rest still parses. */
export async function extractRust(file: string, text: string, options: ExtractOptions, frameworks: readonly Framework<RustExtractor>[]): Promise<FileModel> {
  await loadGrammars();
  const tree = parseLoaded('rust', text, undefined, options.incremental?.oldTree());
  const extractor = new RustExtractor(new SourceContext(file, text), tree.rootNode);
  try {
    for (const framework of frameworks) framework.read(extractor);
    extractor.registrations.assignServers(extractor.model);
    extractor.registrations.linkHandlerMetadata(extractor.model, tree.rootNode);
    if (!options.includeTests) leaveOutTestModules(extractor.model, tree.rootNode, text);
    readDescriptionMentions(extractor.model.tools, () => extractor.ctx);
    readInstructionsMentions(extractor.model.instructions, () => extractor.ctx);
    recordBranches(extractor.model, tree.rootNode);
    if (declaresMain(tree.rootNode)) extractor.model.hasMain = true;
    extractor.model.problems.push(...readSyntaxProblems(tree.rootNode, extractor.ctx));
    return extractor.model;
  } finally {
    extractor.dispose();
    if (options.incremental) options.incremental.keep(tree);
    else tree.delete();
  }
}
