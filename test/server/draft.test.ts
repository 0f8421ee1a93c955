// "Draft workflow file" in the language server (the real server process over stdio): a code lens above each
// guided prompt of the example server's sources and a code action on its name; the command creates the file
// through one workspace edit (create + insert) beside the workspace's .vscode/mcp.json, never over an existing
// file, asks the editor to show it, and the drafted file's open decisions are then reported as workflow-todo.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

const repo = join(__dirname, '..', '..');

interface Lens {
  range: { start: { line: number; character: number } };
  command: { title: string; command: string; arguments: [string, string] };
}
interface Edit {
  documentChanges: [{ kind: 'create'; uri: string; options: { overwrite: boolean } }, { textDocument: { uri: string }; edits: { range: unknown; newText: string }[] }];
}

describe('"Draft workflow file" in the language server (real process over stdio)', { timeout: 60_000 }, async () => {
  const ws = mkdtempSync(join(tmpdir(), 'mcpwk-lsp-draft-'));
  cpSync(join(repo, 'examples', 'server'), join(ws, 'server'), { recursive: true });
  mkdirSync(join(ws, '.vscode'));
  cpSync(join(repo, 'examples', '.vscode', 'mcp.json'), join(ws, '.vscode', 'mcp.json'));
  const prompts = join(ws, 'server', 'prompts.ts');
  const uri = pathToFileURL(prompts).toString();
  const lines = readFileSync(prompts, 'utf8').split('\n');
  const client = new LspTestClient();
  // The editor's side of the command: apply the edit as VS Code would (create the file, insert the text).
  const edits: Edit[] = [];
  const shown: string[] = [];
  client.connection.onRequest('workspace/applyEdit', (p: { edit: Edit }): { applied: boolean; failureReason?: string } => {
    edits.push(p.edit);
    const [create, insert] = p.edit.documentChanges;
    const file = fileURLToPath(create.uri);
    if (existsSync(file) && !create.options.overwrite) return { applied: false, failureReason: 'exists' };
    writeFileSync(file, insert.edits[0]!.newText);
    return { applied: true };
  });
  client.connection.onRequest('window/showDocument', (p: { uri: string }) => {
    shown.push(p.uri);
    return { success: true };
  });
  after(() => client.dispose());
  await client.initialize(pathToFileURL(ws).toString());
  await client.waitForStatus((s) => s.tools > 0);

  const lenses = () => client.connection.sendRequest<Lens[]>('textDocument/codeLens', { textDocument: { uri } });

  it('shows the lens above each prompt whose text names two tools or more, on the line of its "Get prompt" lens', async () => {
    const found = await lenses();
    assert.deepEqual(found.map((l) => l.command.arguments[1]), ['customer-analysis', 'data-gathering', 'safe-data-migration', 'entity-management', 'top-customer-brief']);
    const declared = await client.connection.sendRequest<{ kind: string; name: string; range: Lens['range'] }[]>('mcpWorkflow/declarations', { uri });
    for (const lens of found) {
      assert.equal(lens.command.title, 'Draft workflow file');
      assert.equal(lens.command.command, 'mcpWorkflow.draftWorkflow');
      // One row of lenses per item: the draft lens stands where the prompt's declaration starts.
      const prompt = declared.find((d) => d.kind === 'prompt' && d.name === lens.command.arguments[1]);
      assert.deepEqual(lens.range.start, prompt?.range.start, JSON.stringify({ lens: lens.range, prompt }));
      assert.match(lines[lens.range.start.line]!, /registerPrompt\(/, JSON.stringify(lens.range));
    }
  });

  it('offers the code action on a guided prompt\'s name only', async () => {
    const line = lines.findIndex((l) => l.includes("'customer-analysis',"));
    const character = lines[line]!.indexOf('customer-analysis') + 3;
    const at = (l: number, c: number) => client.connection.sendRequest<{ title: string; kind: string; command: { arguments: unknown[] } }[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: l, character: c }, end: { line: l, character: c } }, context: { diagnostics: [] } });
    const here = await at(line, character);
    assert.deepEqual(here.map((a) => [a.title, a.kind, a.command.arguments]), [['Draft workflow file for "customer-analysis"', 'refactor', [uri, 'customer-analysis']]]);
    const investigate = lines.findIndex((l) => l.includes("'investigate-anomaly',"));
    assert.deepEqual(await at(investigate, lines[investigate]!.indexOf('investigate') + 2), []);
    assert.deepEqual(await at(line + 3, 2), []);
  });

  it('the command writes customer-analysis.workflow.json beside .vscode/ with its stdio server, then -2, and shows each', async () => {
    const lens = (await lenses())[0]!;
    const first = await client.connection.sendRequest<{ uri: string; todos: unknown[] }>('workspace/executeCommand', lens.command);
    const file = join(ws, 'customer-analysis.workflow.json');
    assert.equal(first.uri, pathToFileURL(file).toString());
    assert.deepEqual(first.todos, []);
    const [create, insert] = edits[0]!.documentChanges;
    assert.deepEqual(create, { kind: 'create', uri: first.uri, options: { overwrite: false, ignoreIfExists: false } });
    assert.deepEqual(insert.edits[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const workflow = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(workflow.server, 'example-stdio');
    assert.deepEqual(workflow.steps.map((s: { tool?: string; parallel?: { tool: string }[] }) => s.tool ?? s.parallel!.map((c) => c.tool)), ['sales_top_customers', ['order_history', 'support_tickets', 'engagement_metrics']]);
    const second = await client.connection.sendRequest<{ uri: string }>('workspace/executeCommand', lens.command);
    assert.equal(second.uri, pathToFileURL(join(ws, 'customer-analysis-2.workflow.json')).toString());
    assert.deepEqual(shown, [first.uri, second.uri]);
  });

  it('a draft with open decisions: the opened file shows each as a workflow-todo error', async () => {
    const lens = (await lenses()).find((l) => l.command.arguments[1] === 'entity-management')!;
    const result = await client.connection.sendRequest<{ uri: string; todos: { pointer: string }[] }>('workspace/executeCommand', lens.command);
    assert.deepEqual(result.todos.map((t) => t.pointer), ['/steps/2/arguments/name', '/steps/2/arguments/segment']);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: result.uri, languageId: 'json', version: 1, text: readFileSync(fileURLToPath(result.uri), 'utf8') } });
    const published = await client.waitForDiagnostics(result.uri, () => true);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['workflow-todo', 'workflow-todo']);
  });

  it('an unknown prompt or bad arguments are errors, not crashes', async () => {
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'mcpWorkflow.draftWorkflow', arguments: [uri, 'nope'] }), /No prompt "nope"/);
    await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'mcpWorkflow.draftWorkflow', arguments: [] }), /takes a source file's URI and a prompt name/);
  });
});
