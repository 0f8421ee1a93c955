// Every contributed snippet, expanded with its defaults, parses with tree-sitter without an ERROR or MISSING node,
// and the core finds in it exactly the prompts and tools the snippet promises. The prefixes follow one scheme and
// every seed pattern has a snippet in both languages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkspace } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import type { FileModel } from '../../src/core/model';
import { parseSource } from '../../src/core/parse/tree-sitter';
import type { SyntaxNode } from '../../src/core/parse/tree-sitter';
import { expandSnippet } from './expand';
import { loadSnippets, snippetHeader, type SnippetLanguage } from './snippet-files';

interface SnippetPromise {
  prompts: Record<string, string[]>;
  tools: Record<string, 'in' | 'in+out'>;
}

// What each snippet makes with its defaults: prompt names with their argument names, tool names with their schemas.
const EXPECTED: Record<string, SnippetPromise> = {
  'mcp-prompt-guided': { prompts: { 'customer-analysis': ['customer_id'] }, tools: {} },
  'mcp-tool-orchestration': { prompts: {}, tools: { customer_analysis: 'in+out' } },
  'mcp-tool-state-machine': { prompts: {}, tools: { workflow_execute: 'in+out' } },
  'mcp-tools-id-passing': { prompts: {}, tools: { find_candidates: 'in+out', process_candidate: 'in' } },
  'mcp-prompt-parallel': { prompts: { 'data-gathering': ['customer_id'] }, tools: {} },
  'mcp-tools-checkpoint': { prompts: {}, tools: { workflow_checkpoint: 'in', workflow_rollback: 'in' } },
  'mcp-prompt-safe-migration': { prompts: { 'safe-data-migration': [] }, tools: {} },
  'mcp-tool-retry-guidance': { prompts: {}, tools: { external_api_call: 'in' } },
  'mcp-tool-progress': { prompts: {}, tools: { analyze_customers: 'in' } },
  'mcp-tool-workflow-progress': { prompts: { 'long-running-analysis': [] }, tools: { workflow_progress: 'in' } },
  'mcp-tool-audit-log': { prompts: {}, tools: { workflow_log: 'in' } },
  'mcp-prompt-crud': { prompts: { 'entity-management': ['entity_type'] }, tools: {} },
  'mcp-prompt-investigation': { prompts: { 'investigate-anomaly': [] }, tools: {} },
  'mcp-prompt-approval': { prompts: { 'require-approval': ['operation'] }, tools: {} },
  'mcp-workflow-sequential': { prompts: { customer_review: ['customer_id'] }, tools: {} },
};
const RUST_ONLY = new Set(['mcp-workflow-sequential']);
const SNIPPET_FILE: Record<SnippetLanguage, string> = { rust: 'snippet.rs', typescript: 'snippet.ts', python: 'snippet.py', go: 'snippet.go' };

function syntaxProblems(node: SyntaxNode, text: string, out: string[] = []): string[] {
  if (node.isError || node.isMissing) {
    const line = text.slice(0, node.startIndex).split('\n').length;
    out.push(`${node.isMissing ? 'MISSING' : 'ERROR'} ${node.type} at line ${line}: ${node.text.slice(0, 60)}`);
  }
  for (const child of node.children) if (child) syntaxProblems(child, text, out);
  return out;
}

for (const language of ['rust', 'typescript', 'python', 'go'] as SnippetLanguage[]) {
  describe(`${language} snippets`, () => {
    const snippets = loadSnippets(language);

    test('cover every seed pattern, with unique prefixes in the mcp-prompt-/mcp-tool(s)-/mcp-workflow- scheme', () => {
      const prefixes = snippets.map((s) => s.prefix);
      assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefix');
      const wanted = Object.keys(EXPECTED).filter((p) => language === 'rust' || !RUST_ONLY.has(p));
      assert.deepEqual([...prefixes].sort(), wanted.sort());
      for (const s of snippets) {
        assert.match(s.prefix, /^mcp-(prompt|tool|tools|workflow)-[a-z-]+$/);
        assert.match(s.description, /\bUse (when|for|whenever|before|in|to)\b/, `${s.prefix}: description must say when to use it`);
      }
    });

    for (const snippet of snippets) {
      test(`${snippet.prefix} expands to source that parses cleanly and declares what it promises`, async () => {
        const text = snippetHeader(language) + expandSnippet(snippet.body);
        assert.doesNotMatch(text, /\$\{?\d/, 'an unexpanded tab stop is left');
        const tree = await parseSource(language, text);
        try {
          assert.deepEqual(syntaxProblems(tree.rootNode, text), []);
        } finally {
          tree.delete();
        }
        const model = await extractFile(SNIPPET_FILE[language], text);
        assert.deepEqual(model.problems, []);
        const expected = EXPECTED[snippet.prefix]!;
        const prompts = Object.fromEntries(model.prompts.map((p) => [p.name, p.arguments.map((a) => a.name)]));
        assert.deepEqual(prompts, expected.prompts);
        const tools = Object.fromEntries(
          model.tools.map((t) => [t.name, `${t.inputSchema ? 'in' : ''}${t.outputSchema ? '+out' : ''}`]),
        );
        // pmcp's SimpleTool carries no output schema, so a Rust tool may promise less than its TS twin; the
        // ID-passing finder, the orchestration and the state machine must carry both in each language.
        for (const [name, schemas] of Object.entries(expected.tools)) {
          assert.ok(name in tools, `${snippet.prefix}: tool ${name} not found (found ${Object.keys(tools).join(', ')})`);
          if (schemas === 'in+out') assert.equal(tools[name], 'in+out', `${name} needs input and output schemas`);
          // `#[mcp_tool]` derives its input schema from the argument type with schemars, so no JSON is in sight.
          else if (model.tools.find((t) => t.name === name)?.style !== 'pmcp-macro') {
            assert.match(tools[name]!, /^in/, `${name} needs an input schema`);
          }
        }
        assert.equal(Object.keys(tools).length, Object.keys(expected.tools).length);
        for (const tool of model.tools) assert.ok(tool.description?.value, `${tool.name} has no description`);
      });
    }
  });
}

test('linked placeholders: the finder named once is the one the processor says its ID comes from', () => {
  for (const language of ['rust', 'typescript'] as SnippetLanguage[]) {
    const pair = loadSnippets(language).find((s) => s.prefix === 'mcp-tools-id-passing')!;
    const body = pair.body.join('\n').replace(/\$\{1:find_candidates\}/, '${1:lookup_orders}');
    const text = expandSnippet(body);
    assert.match(text, /ID from lookup_orders output/);
    assert.doesNotMatch(text, /find_candidates/);
  }
});

/**
 * The checks on each expanded snippet, beside the example server's tools (the seed's tools the snippets name):
 * no error, and no warning but the CRUD template's tool family, which the author creates for each entity type.
 */
describe('the checks on every expanded snippet', async () => {
  const toolsDir = join(__dirname, '..', '..', 'examples', 'server', 'tools');
  const server: FileModel[] = await Promise.all(readdirSync(toolsDir).map((f) => extractFile(join(toolsDir, f), readFileSync(join(toolsDir, f), 'utf8'))));
  for (const language of ['rust', 'typescript', 'python', 'go'] as SnippetLanguage[]) {
    for (const snippet of loadSnippets(language)) {
      test(`${language} ${snippet.prefix}: no error, no unexplained warning`, async () => {
        const file = join('/snippets', SNIPPET_FILE[language]);
        const model = await extractFile(file, snippetHeader(language) + expandSnippet(snippet.body));
        // The snippet stands in for the example server's tools and prompts of the same names (an author writes
        // one or the other), so those are left out; otherwise which of the two names/duplicate reports would
        // depend on where the checkout lives, since it reports every declaration after the first by path.
        const own = new Set([...model.tools, ...model.prompts].map((d) => d.name));
        const others = server.map((m) => ({ ...m, tools: m.tools.filter((t) => !own.has(t.name)), prompts: m.prompts.filter((p) => !own.has(p.name)) }));
        const found = checkWorkspace([...others, model]).filter((d) => d.file === file && d.severity !== 'hint');
        const explained = (d: (typeof found)[number]) => snippet.prefix === 'mcp-prompt-crud' && d.ruleId === 'tools/unknown-tool' && /\{\{entity_type\}\}_/.test(d.message);
        assert.deepEqual(found.filter((d) => !explained(d)).map((d) => `${d.ruleId}: ${d.message}`), []);
      });
    }
  }
});
