// The injection grammars scope Handlebars inside real Rust and TypeScript strings, tokenised with vscode-textmate and
// vscode-oniguruma over the real base grammars: VS Code's own (from the code-server install, when present) and
// tm-grammars' copies of the same upstream grammars (always, so CI checks without an editor installed).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { REPO_ROOT } from './snippet-files';

const HANDLEBARS = join(REPO_ROOT, 'syntaxes', 'handlebars.injection.tmLanguage.json');
const GUIDANCE = join(REPO_ROOT, 'syntaxes', 'pmcp-guidance.injection.tmLanguage.json');
const INJECT_TO: Record<string, string[]> = {
  'source.rust': ['mcp-workflow.handlebars.injection', 'mcp-workflow.pmcp-guidance.injection'],
  'source.ts': ['mcp-workflow.handlebars.injection'],
  'source.python': ['mcp-workflow.handlebars.injection'],
};

interface GrammarSource {
  label: string;
  files: Record<string, string>;
}

function grammarSources(): GrammarSource[] {
  const tm = join(REPO_ROOT, 'node_modules', 'tm-grammars', 'grammars');
  const sources: GrammarSource[] = [
    { label: 'tm-grammars', files: { 'source.rust': join(tm, 'rust.json'), 'source.ts': join(tm, 'typescript.json'), 'source.python': join(tm, 'python.json') } },
  ];
  const vscode = join(homedir(), '.cache', 'mcp-workflow-kit', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions');
  const rust = join(vscode, 'rust', 'syntaxes', 'rust.tmLanguage.json');
  const ts = join(vscode, 'typescript-basics', 'syntaxes', 'TypeScript.tmLanguage.json');
  if (existsSync(rust) && existsSync(ts)) sources.push({ label: "code-server's VS Code", files: { 'source.rust': rust, 'source.ts': ts } });
  return sources;
}

let onig: Promise<textmate.IOnigLib> | undefined;
function loadOniguruma(): Promise<textmate.IOnigLib> {
  onig ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return { createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) };
  })();
  return onig;
}

function createRegistry(source: GrammarSource): textmate.Registry {
  const files: Record<string, string> = {
    ...source.files,
    'mcp-workflow.handlebars.injection': HANDLEBARS,
    'mcp-workflow.pmcp-guidance.injection': GUIDANCE,
  };
  return new textmate.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => INJECT_TO[scopeName],
  });
}

interface Token {
  text: string;
  scopes: string[];
}

/** Tokenises source lines and returns every token with its scope stack. */
async function tokenize(source: GrammarSource, scope: string, text: string): Promise<Token[]> {
  const grammar = await createRegistry(source).loadGrammar(scope);
  assert.ok(grammar, `no grammar for ${scope}`);
  const out: Token[] = [];
  let state = textmate.INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  }
  return out;
}

/** The scopes of the first token whose text is exactly `text`, after the token whose text contains `after`. */
function scopesOf(tokens: Token[], text: string, after = ''): string[] {
  const start = after ? tokens.findIndex((t) => t.text.includes(after)) : 0;
  const token = tokens.slice(Math.max(start, 0)).find((t) => t.text === text);
  assert.ok(token, `no token "${text}" in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return token.scopes;
}

const has = (scopes: string[], prefix: string): boolean => scopes.some((s) => s.startsWith(prefix));

const RUST = [
  'fn prompt() -> &\'static str {',
  '    const TEMPLATE: &str = r#"Analyse {{customer_id}} now',
  '{{#if (eq customer_id "top")}}- Use `sales_top_customers`{{else}}other{{/if}}"#;',
  '    let step = "List tickets of {customer_id}";',
  '    let plain = format!("{} {:?} {{customer_id}}", 1, 2);',
  '    TEMPLATE',
  '}',
].join('\n');

const TS = [
  "const template = `Analyse {{customer_id}} now {{#if (eq customer_id \"top\")}}yes{{/if}} ${other} {{#each items as |item|}}{{item}}{{/each}}`;",
  "const quoted = 'Hello {{customer_id}} there';",
].join('\n');

const PYTHON = [
  'def prompt(customer_id: str) -> str:',
  '    template = "Analyse {{customer_id}} now {{#if urgent}}yes{{/if}}"',
  '    return f"Review {customer_id} first"',
].join('\n');

for (const source of grammarSources()) {
  describe(`Handlebars injection over ${source.label} grammars`, () => {
    test('Rust raw string: {{customer_id}}, {{#if (eq …)}}, {{else}}, {{/if}} get Handlebars scopes; other text stays string', async () => {
      const tokens = await tokenize(source, 'source.rust', RUST);
      const variable = scopesOf(tokens, 'customer_id', 'Analyse');
      assert.ok(has(variable, 'variable.other.handlebars'), variable.join(' '));
      assert.ok(has(variable, 'string.quoted.double.rust'), 'a tag stays inside the string');
      assert.ok(has(scopesOf(tokens, '{{', 'Analyse'), 'punctuation.definition.template-expression.begin'));
      assert.ok(has(scopesOf(tokens, 'if', 'Analyse'), 'keyword.control.handlebars'));
      assert.ok(has(scopesOf(tokens, 'eq'), 'entity.name.function.handlebars'));
      assert.ok(has(scopesOf(tokens, '"top"'), 'string.quoted.double.handlebars'));
      assert.ok(has(scopesOf(tokens, 'else'), 'keyword.control.handlebars'));
      const close = scopesOf(tokens, 'if', 'other');
      assert.ok(has(close, 'keyword.control.handlebars'), close.join(' '));
      const outside = scopesOf(tokens, ' now');
      assert.ok(has(outside, 'string.quoted.double.rust'));
      assert.ok(!outside.some((s) => s.includes('handlebars')), outside.join(' '));
      // The code after the raw string is Rust again: the template did not leak.
      assert.ok(!has(scopesOf(tokens, 'let'), 'string'));
    });

    test('Rust: pmcp {arg} guidance is a variable; format! specs {} and {:?} keep the Rust scopes', async () => {
      const tokens = await tokenize(source, 'source.rust', RUST);
      assert.ok(has(scopesOf(tokens, 'customer_id', 'List tickets'), 'variable.other.pmcp'));
      const spec = tokens.find((t) => t.text.includes('{:?}') || t.text === ':?');
      assert.ok(spec && !spec.scopes.some((s) => s.includes('pmcp')), JSON.stringify(spec));
    });

    test('Python string: Handlebars scopes inside; an f-string field keeps the Python scopes', async () => {
      if (!source.files['source.python']) return;
      const tokens = await tokenize(source, 'source.python', PYTHON);
      const variable = scopesOf(tokens, 'customer_id', 'Analyse');
      assert.ok(has(variable, 'variable.other.handlebars') && has(variable, 'string.quoted'), variable.join(' '));
      assert.ok(has(scopesOf(tokens, 'if', 'Analyse'), 'keyword.control.handlebars'));
      const field = scopesOf(tokens, 'customer_id', 'Review');
      assert.ok(!field.some((s) => s.includes('handlebars')), field.join(' '));
    });

    test('TypeScript template literal and quoted string: Handlebars scopes inside, ${…} untouched', async () => {
      const tokens = await tokenize(source, 'source.ts', TS);
      const variable = scopesOf(tokens, 'customer_id');
      assert.ok(has(variable, 'variable.other.handlebars') && has(variable, 'string.template'), variable.join(' '));
      assert.ok(has(scopesOf(tokens, 'if'), 'keyword.control.handlebars'));
      assert.ok(has(scopesOf(tokens, 'each'), 'keyword.control.handlebars'));
      assert.ok(has(scopesOf(tokens, 'item', 'as'), 'variable'));
      assert.ok(has(scopesOf(tokens, 'other'), 'meta.template.expression'));
      assert.ok(!scopesOf(tokens, 'other').some((s) => s.includes('handlebars')));
      const outside = scopesOf(tokens, ' now ');
      assert.ok(has(outside, 'string.template') && !outside.some((s) => s.includes('handlebars')), outside.join(' '));
      const quoted = scopesOf(tokens, 'customer_id', 'Hello');
      assert.ok(has(quoted, 'variable.other.handlebars') && has(quoted, 'string.quoted.single'), quoted.join(' '));
    });
  });
}
