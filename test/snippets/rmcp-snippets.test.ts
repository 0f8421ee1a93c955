// The rmcp snippets (snippets/rust-rmcp.json) are twins of the pmcp ones (snippets/rust.json): one per pmcp prefix
// but pmcp's workflow DSL, named mcp-rmcp-<the pmcp prefix's rest>, with the same tab stops and defaults (plus the
// server type they extend), and with defaults or renamed names, the same prompts and tools, arguments, descriptions
// and schema properties as their twin, as the core reads both. Each parses cleanly, gets no finding from the checks
// (which read rmcp's `#[tool_router]` code), and names in its doc comment the routers the rmcp check crate serves.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkspace } from '../../src/core/check';
import { extractFile } from '../../src/core/extract';
import type { FileModel, JsonDoc } from '../../src/core/model';
import { parseSource } from '../../src/core/parse/tree-sitter';
import type { SyntaxNode } from '../../src/core/parse/tree-sitter';
import { expandSnippet, parseSnippet } from './expand';
import { loadRmcpSnippets, loadSnippets, REPO_ROOT, type Snippet } from './snippet-files';
import { RMCP_SERVER_TYPE, RMCP_SERVING } from './write-rmcp-check';

/** pmcp snippets with no rmcp equivalent: SequentialWorkflow is pmcp's own server-side workflow DSL. */
const PMCP_ONLY = new Set(['mcp-workflow-sequential']);
/** The tab stop every rmcp snippet adds: the server type its `impl` blocks extend. */
const SERVER_TAB_STOP = 20;

const rmcp = loadRmcpSnippets();
const pmcp = new Map(loadSnippets('rust').map((s) => [s.prefix, s]));
const twinOf = (s: Snippet): Snippet => pmcp.get(s.prefix.replace(/^mcp-rmcp-/, 'mcp-'))!;

type SnippetNode = ReturnType<typeof parseSnippet>[number];

/** Each tab stop's default as written: text with nested tab stops as `${n}`, a choice as `|a,b|`; nested ones too. */
function tabStops(nodes: SnippetNode[], out = new Map<number, string>()): Map<number, string> {
  for (const node of nodes) {
    if (node.kind === 'choice') out.set(node.index, `|${node.options.join(',')}|`);
    if (node.kind !== 'tabstop' || !node.children) continue;
    out.set(node.index, node.children.map((c) => (c.kind === 'text' ? c.value : `\${${c.index}}`)).join(''));
    tabStops(node.children, out);
  }
  return out;
}

/** How many times each tab stop appears (definition, mirrors and transforms), which is how a name is reused. */
function uses(nodes: SnippetNode[], out = new Map<number, number>()): Map<number, number> {
  for (const node of nodes) {
    if (node.kind === 'text') continue;
    out.set(node.index, (out.get(node.index) ?? 0) + 1);
    if (node.kind === 'tabstop' && node.children) uses(node.children, out);
  }
  return out;
}

function syntaxProblems(node: SyntaxNode, out: string[] = []): string[] {
  if (node.isError || node.isMissing) out.push(`${node.isMissing ? 'MISSING' : 'ERROR'} ${node.type}: ${node.text.slice(0, 60)}`);
  for (const child of node.children) if (child) syntaxProblems(child, out);
  return out;
}

/** What a snippet declares, as the core reads it: what a twin must match. */
function declared(model: FileModel) {
  const schema = (doc: JsonDoc | undefined) => {
    const value = doc?.value as { properties?: Record<string, { enum?: unknown }>; required?: string[] } | undefined;
    if (!value?.properties) return undefined;
    const enums = Object.fromEntries(Object.entries(value.properties).filter(([, p]) => p.enum).map(([k, p]) => [k, p.enum]));
    return { properties: Object.keys(value.properties).sort(), required: [...(value.required ?? [])].sort(), enums };
  };
  return {
    prompts: model.prompts.map((p) => ({
      name: p.name,
      description: p.description?.value,
      arguments: p.arguments.map((a) => ({ name: a.name, required: a.required, description: a.description?.value })),
    })),
    tools: model.tools.map((t) => ({ name: t.name, description: t.description?.value, input: schema(t.inputSchema), output: schema(t.outputSchema) })),
  };
}

/** Gives every tab stop whose default is a name a new one, in the same style (`-` or `_`), at its definition. */
function renameAll(snippet: Snippet): string {
  let body = snippet.body.join('\n');
  for (const [index, value] of tabStops(parseSnippet(body))) {
    if (index === SERVER_TAB_STOP || !/^[a-z][a-z0-9]*([-_][a-z0-9]+)*$/.test(value)) continue;
    const renamed = `renamed${value.includes('-') ? '-' : '_'}${index}${value.includes('-') ? '-x' : '_x'}`;
    body = body.replace(`\${${index}:${value}}`, `\${${index}:${renamed}}`);
  }
  return body;
}

test('every pmcp snippet but the workflow DSL has an rmcp twin, prefixed mcp-rmcp-', () => {
  const prefixes = rmcp.map((s) => s.prefix);
  assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefix');
  const wanted = [...pmcp.keys()].filter((p) => !PMCP_ONLY.has(p)).map((p) => p.replace(/^mcp-/, 'mcp-rmcp-'));
  assert.deepEqual([...prefixes].sort(), wanted.sort());
  for (const s of rmcp) {
    assert.match(s.prefix, /^mcp-rmcp-(prompt|tool|tools)-[a-z-]+$/);
    assert.match(s.description, /\bUse (when|for|whenever|before|in|to)\b/, `${s.prefix}: description must say when to use it`);
    assert.match(s.name, /\(rmcp\)$/, `${s.prefix}: its name says it is the rmcp one`);
  }
});

test('the extension contributes the rmcp snippets to Rust files beside the pmcp ones', () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
  const rust = manifest.contributes.snippets.filter((s) => s.language === 'rust').map((s) => s.path);
  assert.deepEqual(rust.sort(), ['./snippets/rust-rmcp.json', './snippets/rust.json']);
});

describe('rmcp snippets', () => {
  for (const snippet of rmcp) {
    const twin = twinOf(snippet);

    test(`${snippet.prefix} has the tab stops, defaults and reused names of ${twin.prefix}, and the server type`, () => {
      const own = tabStops(parseSnippet(snippet.body.join('\n')));
      assert.equal(own.get(SERVER_TAB_STOP), RMCP_SERVER_TYPE);
      own.delete(SERVER_TAB_STOP);
      assert.deepEqual(Object.fromEntries(own), Object.fromEntries(tabStops(parseSnippet(twin.body.join('\n')))));
      // A name the pmcp twin reuses is reused here too (an rmcp snippet repeats some more: struct names, routers).
      const ownUses = uses(parseSnippet(snippet.body.join('\n')));
      for (const [index, count] of uses(parseSnippet(twin.body.join('\n')))) {
        if (count > 1) assert.ok((ownUses.get(index) ?? 0) > 1, `tab stop ${index} is reused in ${twin.prefix} but not here`);
      }
    });

    for (const [how, rmcpBody, pmcpBody] of [
      ['with its defaults', snippet.body, twin.body],
      ['with every name renamed', renameAll(snippet), renameAll(twin)],
    ] as const) {
      test(`${snippet.prefix} ${how} parses cleanly and declares what ${twin.prefix} declares`, async () => {
        const text = expandSnippet(rmcpBody);
        assert.doesNotMatch(text, /\$\{?\d/, 'an unexpanded tab stop is left');
        const tree = await parseSource('rust', text);
        try {
          assert.deepEqual(syntaxProblems(tree.rootNode), []);
        } finally {
          tree.delete();
        }
        const model = await extractFile('snippet.rs', text);
        assert.deepEqual(model.problems, []);
        for (const tool of model.tools) {
          assert.equal(tool.style, 'rmcp-macro');
          assert.deepEqual(tool.inputSchema?.errors, [], `${tool.name}: its input schema is read from its Parameters<T>`);
          assert.deepEqual(tool.outputSchema?.errors ?? [], [], `${tool.name}: its output schema is read from its Json<T>`);
        }
        const own = declared(model);
        const theirs = declared(await extractFile('snippet.rs', expandSnippet(pmcpBody)));
        assert.deepEqual(own.prompts, theirs.prompts);
        assert.deepEqual(own.tools.map((t) => [t.name, t.description]), theirs.tools.map((t) => [t.name, t.description]));
        for (const [i, tool] of own.tools.entries()) {
          const other = theirs.tools[i]!;
          // `#[mcp_tool]` (the retry-guidance twin) derives its schema with schemars, so pmcp's is not in sight.
          if (other.input) assert.deepEqual(tool.input, other.input, `${tool.name}: input schema`);
          if (other.output) {
            for (const p of other.output.properties) assert.ok(tool.output?.properties.includes(p), `${tool.name}: output lacks ${p}`);
          }
        }
      });
    }

    test(`${snippet.prefix}: its doc comment names the routers and fields the rmcp check crate serves it with`, () => {
      const serving = RMCP_SERVING[snippet.prefix];
      assert.ok(serving, `no entry in RMCP_SERVING for ${snippet.prefix}`);
      const docs = expandSnippet(snippet.body).split('\n').filter((l) => l.trimStart().startsWith('///')).join(' ');
      if (serving.toolRouter) assert.ok(docs.includes(`#[rmcp::tool_handler(router = ${serving.toolRouter})]`), docs);
      if (serving.promptRouter) assert.ok(docs.includes(`#[rmcp::prompt_handler(router = ${serving.promptRouter})]`), docs);
      if (serving.fields) assert.ok(docs.includes(serving.fields), docs);
      assert.ok(docs.includes(`impl rmcp::ServerHandler for ${RMCP_SERVER_TYPE}`), docs);
    });
  }
});

test('linked placeholders: the rmcp finder named once is the one the processor says its ID comes from', () => {
  const pair = rmcp.find((s) => s.prefix === 'mcp-rmcp-tools-id-passing')!;
  const text = expandSnippet(pair.body.join('\n').replace(/\$\{1:find_candidates\}/, '${1:lookup_orders}'));
  assert.match(text, /ID from lookup_orders output/);
  assert.match(text, /struct LookupOrdersOutput/);
  assert.doesNotMatch(text, /find_candidates|FindCandidates/);
});

/** As for the other languages: beside the example server's tools, no error and no unexplained warning. */
describe('the checks on every expanded rmcp snippet', async () => {
  const toolsDir = join(REPO_ROOT, 'examples', 'server', 'tools');
  const server: FileModel[] = await Promise.all(readdirSync(toolsDir).map((f) => extractFile(join(toolsDir, f), readFileSync(join(toolsDir, f), 'utf8'))));
  const checkAlone = async (body: string | string[]) => {
    const file = join('/snippets', 'snippet.rs');
    const model = await extractFile(file, expandSnippet(body));
    // The snippet stands in for the example server's declarations of the same names (see snippets.test.ts).
    const own = new Set([...model.tools, ...model.prompts].map((d) => d.name));
    const others = server.map((m) => ({ ...m, tools: m.tools.filter((t) => !own.has(t.name)), prompts: m.prompts.filter((p) => !own.has(p.name)) }));
    return checkWorkspace([...others, model]).filter((d) => d.file === file && d.severity !== 'hint');
  };
  for (const snippet of rmcp) {
    test(`rust-rmcp ${snippet.prefix}: no error, no unexplained warning`, async () => {
      const found = await checkAlone(snippet.body);
      const explained = (d: (typeof found)[number]) => snippet.prefix === 'mcp-rmcp-prompt-crud' && d.ruleId === 'tools/unknown-tool' && /\{\{?entity_type\}\}?_/.test(d.message);
      assert.deepEqual(found.filter((d) => !explained(d)).map((d) => `${d.ruleId}: ${d.message}`), []);
    });
  }

  test('the checks read the rmcp prompts: a step naming a tool nobody declares is reported', async () => {
    const guided = rmcp.find((s) => s.prefix === 'mcp-rmcp-prompt-guided')!;
    const found = await checkAlone(guided.body.join('\n').replace('${5:order_history}', '${5:order_histroy}'));
    assert.deepEqual(found.map((d) => d.ruleId), ['tools/unknown-tool']);
    assert.match(found[0]!.message, /"order_histroy".*Did you mean "order_history"/);
  });
});
