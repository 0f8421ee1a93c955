// The node index answers "the nodes of these types inside this node" for the extractors instead of a walk of the
// subtree: for every fixture file of every language, its answer is the walk's, for each type its grammar indexes
// and each pair of them, asked of the root and of every function, block and call of the file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { INDEXED, nodesWithin } from '../../src/core/parse/node-index';
import { grammarOf, parseSource, type GrammarName, type SyntaxNode } from '../../src/core/parse/tree-sitter';
import { fixture } from './helpers';

const GRAMMARS: [RegExp, GrammarName][] = [[/\.rs$/, 'rust'], [/\.tsx$/, 'tsx'], [/\.ts$/, 'typescript'], [/\.py$/, 'python'], [/\.go$/, 'go']];
// The nodes asked about: the root, and the scopes and calls extractors ask within.
const ASKED = ['function_item', 'function_declaration', 'function_definition', 'func_literal', 'block', 'statement_block', 'call_expression', 'call', 'impl_item', 'class_definition'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return GRAMMARS.some(([re]) => re.test(name)) ? [path] : [];
  });
}

const brief = (nodes: (SyntaxNode | null)[]) => nodes.map((n) => `${n!.type}@${n!.startIndex}-${n!.endIndex}`);

describe('node index', () => {
  const files = ['rust', 'ts', 'python', 'go'].flatMap((language) => sourceFiles(fixture(language)));

  it('covers fixture files of every grammar', () => {
    const covered = new Set(files.map((f) => GRAMMARS.find(([re]) => re.test(f))![1]));
    assert.deepEqual([...covered].sort(), ['go', 'python', 'rust', 'typescript']);
  });

  it('gives what a walk of the subtree gives, for every indexed type, alone and in pairs', async () => {
    let compared = 0;
    for (const file of files) {
      const grammar = GRAMMARS.find(([re]) => re.test(file))![1];
      const tree = await parseSource(grammar, readFileSync(file, 'utf8'));
      try {
        assert.equal(grammarOf(tree), grammar);
        const types = INDEXED[grammar].filter((t) => tree.language.types.includes(t));
        const asked = [tree.rootNode, ...tree.rootNode.descendantsOfType(ASKED).map((n) => n!)];
        const queries = [...types.map((t) => [t]), ...types.flatMap((t, i) => types.slice(i + 1).map((u) => [t, u]))];
        for (const node of asked) {
          for (const query of queries) {
            assert.deepEqual(brief(nodesWithin(node, query)), brief(node.descendantsOfType(query)), `${file}: ${query.join(', ')} within ${node.type}@${node.startIndex}`);
            compared++;
          }
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(compared > 1000, `only ${compared} comparisons`);
  });
});
