// The .vscode/mcp.json reader: parsing with positions, variables, inputs and secrets, envFile. Fixtures are
// inline so each test shows the file it reads; examples/.vscode/mcp.json is read as shipped.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { formatConfigError, parseMcpConfig, readMcpConfig, type McpInput } from '../../src/core/mcp/config';
import { parseEnvFile, resolveMcpServer, type ResolveContext } from '../../src/core/mcp/config-resolve';
import { redact } from '../../src/core/workflow/audit';

function context(answers: Record<string, string | undefined> = {}, asked: string[] = []): ResolveContext {
  return {
    workspaceFolder: '/ws',
    env: { HOME: '/home/me', API_HOST: 'api.example.com' },
    askInput: (input: McpInput) => {
      asked.push(input.id);
      return Promise.resolve(answers[input.id]);
    },
    readFile: (path) => readFile(path, 'utf8'),
  };
}

test('reads JSON with comments and trailing commas, and infers a missing type', () => {
  const config = parseMcpConfig(
    `{
  // a comment
  "servers": {
    "a": { "command": "node", "args": ["x.js",], },
    "b": { "url": "http://127.0.0.1:1/mcp" }, /* block */
  },
}`,
    'mcp.json',
  );
  assert.deepEqual(config.errors, []);
  assert.equal(config.servers['a']?.type, 'stdio');
  assert.equal(config.servers['b']?.type, 'http');
});

test('a syntax error has its 1-based line and column', () => {
  const config = parseMcpConfig('{\n  "servers": {\n    "a": { "command": "node" "args": [] }\n  }\n}', 'mcp.json');
  assert.equal(config.errors.length > 0, true);
  const first = config.errors[0];
  assert.ok(first);
  assert.equal(formatConfigError(first), 'mcp.json:3:30: mcp.json is not valid JSON: a comma is missing');
});

test('wrong types, unknown server types and missing command/url are errors at the offending value', () => {
  const text = `{
  "servers": {
    "t": { "type": "websocket", "url": "ws://x" },
    "c": { "type": "stdio" },
    "u": { "type": "http" },
    "n": { "type": "stdio", "command": 42 },
    "a": { "type": "stdio", "command": "node", "args": ["ok", 7] },
    "good": { "type": "sse", "url": "http://127.0.0.1:2/sse", "headers": { "X": "1" } }
  }
}`;
  const config = parseMcpConfig(text, 'mcp.json');
  const lines = config.errors.map(formatConfigError);
  assert.deepEqual(lines, [
    'mcp.json:3:20: server "t" has an unknown type "websocket"; use "stdio", "http" or "sse"',
    'mcp.json:4:10: server "c" (stdio) needs a "command", e.g. "node"',
    'mcp.json:5:10: server "u" (http) needs a "url", e.g. "http://127.0.0.1:3917/mcp"',
    'mcp.json:6:40: "command" of n must be a string, not a number',
    'mcp.json:7:63: "args" of a must hold only strings; this is a number',
  ]);
  assert.deepEqual(Object.keys(config.servers), ['good']);
});

test('a file without servers, or unreadable, is an error, not an exception', async () => {
  assert.match(parseMcpConfig('[]', 'f').errors[0]?.message ?? '', /must be an object/);
  assert.match(parseMcpConfig('{}', 'f').errors[0]?.message ?? '', /no "servers" object/);
  const missing = await readMcpConfig('/nonexistent/mcp.json', (p) => readFile(p, 'utf8'));
  assert.equal(missing.errors.length, 1);
  assert.match(formatConfigError(missing.errors[0]!), /^\/nonexistent\/mcp\.json:1:1: cannot read/);
});

test('substitutes workspaceFolder, env and inputs, asks each input once and marks password inputs secret', async () => {
  const config = parseMcpConfig(
    `{
  "inputs": [
    { "type": "promptString", "id": "token", "description": "API token", "password": true },
    { "type": "promptString", "id": "port", "default": "3917" }
  ],
  "servers": {
    "s": {
      "type": "stdio",
      "command": "node",
      "args": ["\${workspaceFolder}/server.js", "--token=\${input:token}"],
      "env": { "TOKEN": "\${input:token}", "HOST": "\${env:API_HOST}", "MISSING": "[\${env:NOPE}]", "N": 3 },
      "cwd": "sub"
    },
    "h": { "type": "http", "url": "http://127.0.0.1:\${input:port}/mcp", "headers": { "Authorization": "Bearer \${input:token}" } }
  }
}`,
    'mcp.json',
  );
  assert.deepEqual(config.errors, []);
  const asked: string[] = [];
  const ctx = { ...context({ token: 's3cret' }, asked), answers: new Map<string, string>() };
  const s = await resolveMcpServer(config, 's', ctx);
  assert.ok(s.ok);
  assert.deepEqual(s.value.server, {
    name: 's',
    type: 'stdio',
    command: 'node',
    args: ['/ws/server.js', '--token=s3cret'],
    env: { TOKEN: 's3cret', HOST: 'api.example.com', MISSING: '[]', N: '3' },
    cwd: '/ws/sub',
  });
  assert.deepEqual(s.value.secrets, ['s3cret']);
  const h = await resolveMcpServer(config, 'h', ctx);
  assert.ok(h.ok);
  assert.deepEqual(h.value.server, { name: 'h', type: 'http', url: 'http://127.0.0.1:3917/mcp', headers: { Authorization: 'Bearer s3cret' } });
  assert.deepEqual(asked, ['token', 'port'], 'token is asked once across both servers; port falls back to its default');
  assert.equal(redact(JSON.stringify(s.value.server), s.value.secrets).includes('s3cret'), false);
});

test('an undefined input, an unanswered input and an unknown variable are errors at the variable', async () => {
  const text = `{
  "inputs": [{ "type": "promptString", "id": "key" }],
  "servers": {
    "s": { "type": "stdio", "command": "node", "args": ["\${input:nope}", "\${input:key}", "\${foo}"] }
  }
}`;
  const config = parseMcpConfig(text, 'mcp.json');
  const r = await resolveMcpServer(config, 's', context());
  assert.equal(r.ok, false);
  assert.deepEqual(r.ok ? [] : r.errors.map(formatConfigError), [
    'mcp.json:4:58: ${input:nope} names no input; add { "type": "promptString", "id": "nope" } to "inputs" (inputs: key)',
    'mcp.json:4:75: no value was given for input "key"',
    'mcp.json:4:91: unknown variable ${foo}; use ${workspaceFolder}, ${userHome}, ${env:NAME} or ${input:ID}',
  ]);
  const unknown = await resolveMcpServer(config, 'zzz', context());
  assert.equal(unknown.ok, false);
  assert.match(unknown.ok ? '' : (unknown.errors[0]?.message ?? ''), /no server "zzz".*servers: s/);
});

test('envFile values are read relative to the workspace folder, and env overrides them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-config-'));
  await writeFile(join(dir, '.env'), '# comment\nexport A=1\nB="two words"\nC=3 # trailing\nD=from-file\n');
  const config = parseMcpConfig('{"servers":{"s":{"command":"x","envFile":"${workspaceFolder}/.env","env":{"D":"from-env"}}}}', 'mcp.json');
  const r = await resolveMcpServer(config, 's', { ...context(), workspaceFolder: dir });
  assert.ok(r.ok);
  assert.deepEqual(r.value.server.type === 'stdio' ? r.value.server.env : {}, { A: '1', B: 'two words', C: '3', D: 'from-env' });
  const broken = parseMcpConfig('{"servers":{"s":{"command":"x","envFile":"missing.env"}}}', 'mcp.json');
  const e = await resolveMcpServer(broken, 's', { ...context(), workspaceFolder: dir });
  assert.equal(e.ok, false);
  assert.match(e.ok ? '' : formatConfigError(e.errors[0]!), /^mcp\.json:1:43: cannot read envFile .*missing\.env/);
  assert.deepEqual(parseEnvFile("X='a b'\n\nY=\n"), { X: 'a b', Y: '' });
});

test('examples/.vscode/mcp.json names the example server over stdio and HTTP', async () => {
  const folder = resolve('examples');
  const config = await readMcpConfig(join(folder, '.vscode', 'mcp.json'), (p) => readFile(p, 'utf8'));
  assert.deepEqual(config.errors, []);
  const stdio = await resolveMcpServer(config, 'example-stdio', { ...context(), workspaceFolder: folder });
  assert.ok(stdio.ok);
  assert.deepEqual(stdio.value.server.type === 'stdio' ? stdio.value.server.args : [], [`${folder}/../dist/example-server.js`, '--stdio']);
  const http = await resolveMcpServer(config, 'example-http', { ...context({ 'example-port': '4100' }), workspaceFolder: folder });
  assert.ok(http.ok);
  assert.equal(http.value.server.type === 'http' ? http.value.server.url : '', 'http://127.0.0.1:4100/mcp');
});
