// Reads one TypeScript/JavaScript file: parses it (the tsx grammar for .tsx/.jsx), links the sibling modules it
// imports from, and runs the frameworks the registry lists for TypeScript over one TsExtractor.
import type { FileModel } from '../../model';
import { SourceContext } from '../../source-context';
import { readDescriptionMentions, readInstructionsMentions } from '../../template/mentions';
import { readSyntaxProblems } from '../syntax-problems';
import { recordBranches } from '../branches';
import type { ExtractOptions, Framework } from '../registry';
import { loadGrammars, parseLoaded } from '../tree-sitter';
import { TsExtractor } from './extractor';
import { ModuleLinks } from './imports';

/** Reads one TypeScript/JavaScript file, following relative imports through `readModule` when given. Never throws
 * for bad source. */
export async function extractTypeScript(file: string, text: string, options: ExtractOptions, frameworks: readonly Framework<TsExtractor>[]): Promise<FileModel> {
  const { readModule, incremental } = options;
  await loadGrammars();
  const links = readModule ? await ModuleLinks.fetch(file, text, readModule) : undefined;
  const grammar = /\.[jt]sx$/.test(file) ? 'tsx' : 'typescript';
  const tree = parseLoaded(grammar, text, undefined, incremental?.oldTree());
  try {
    // The root is read once: the tree hands out a new node object on every read, and the links are keyed by it.
    const root = tree.rootNode;
    links?.attach(root);
    const extractor = new TsExtractor(new SourceContext(file, text), root, 'typescript');
    for (const framework of frameworks) framework.read(extractor);
    if (extractor.factories.size) extractor.model.serverFactories = Object.fromEntries(extractor.factories);
    readDescriptionMentions(extractor.model.tools, (t) => extractor.contextOf(t));
    readInstructionsMentions(extractor.model.instructions, (t) => extractor.contextOf(t));
    recordBranches(extractor.model, root);
    extractor.model.problems.push(...readSyntaxProblems(root, extractor.ctx));
    if (links?.read.size) extractor.model.dependencies = [...links.read].sort();
    return extractor.model;
  } finally {
    if (incremental) incremental.keep(tree);
    else tree.delete();
    links?.dispose();
  }
}
