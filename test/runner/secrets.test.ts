// A password input of .vscode/mcp.json never reaches a file or the terminal: the real CLI runs a real
// server that is given the key in its environment (from `--input`) and leaks it in a result, in an argument
// built from that result, in an error and on stderr; then every file the run wrote, and its output, is read.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { root, runCli, startCli, tempDir } from './helpers';

const secret = 'sk-live-7Q9x"\\w2Zr5Tn';


/** Runs the CLI with extra environment variables. */
function runCliWithEnv(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return startCli(args, cwd, env).result;
}

/** Every file under a folder, with its text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ file: path, text: readFileSync(path, 'utf8') }];
  });
}

/** Where the secret shows, raw or as JSON writes it (its quote and backslash escaped). */
function leaks(text: string): boolean {
  return text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1)) || text.includes('sk-live-7Q9x');
}

function workspace(env: Record<string, string> = {}): { dir: string; workflow: string } {
  const dir = tempDir();
  mkdirSync(join(dir, '.vscode'));
  writeFileSync(
    join(dir, '.vscode', 'mcp.json'),
    JSON.stringify({
      inputs: [{ type: 'promptString', id: 'api-key', description: 'API key', password: true }],
      servers: { leaky: { type: 'stdio', command: process.execPath, args: [join(root, 'test', 'runner', 'fixtures', 'leaky-server.mjs')], env: { API_KEY: '${input:api-key}', ...env } } },
    }),
  );
  const workflow = join(dir, 'leaky.workflow.json');
  writeFileSync(
    workflow,
    JSON.stringify({
      id: 'leaky',
      server: 'leaky',
      steps: [
        { id: 'who', tool: 'whoami', arguments: {} },
        { id: 'saved', checkpoint: { name: 'after-who' } },
        { id: 'use', tool: 'echo', arguments: { text: 'the key is ${steps.who.result.token}' } },
        { id: 'boom', tool: 'fail_with_token', arguments: {} },
      ],
    }),
  );
  return { dir, workflow };
}

describe('password inputs of mcp.json', () => {
  for (const mode of ['report', 'json'] as const) {
    test(`never appear in the audit log, the checkpoint file or the ${mode} output`, async () => {
      const { dir, workflow } = workspace();
      const r = await runCli(['run', workflow, '--input', `api-key=${secret}`, ...(mode === 'json' ? ['--json'] : [])], dir);
      assert.equal(r.code, 1, `the run fails at "boom": ${r.stderr}`);
      const written = filesUnder(join(dir, '.mcp-workflow'));
      const audit = written.find((f) => f.file.endsWith('.audit.jsonl'));
      const checkpoint = written.find((f) => f.file.endsWith('.json'));
      assert.ok(audit && checkpoint, `an audit log and a checkpoint were written: ${written.map((f) => f.file).join(', ')}`);
      for (const line of audit.text.trim().split('\n')) JSON.parse(line);
      // The key did travel through the run (so this test can fail): it was redacted where it would have shown.
      assert.match(audit.text, /authenticated with \[REDACTED\]/);
      assert.match(audit.text, /the key is \[REDACTED\]/);
      assert.match(audit.text, /the upstream API rejected \[REDACTED\]/);
      assert.match(r.stdout, /\[REDACTED\]/);
      for (const { file, text } of [...written, { file: 'stdout', text: r.stdout }, { file: 'stderr', text: r.stderr }]) {
        assert.equal(leaks(text), false, `the key leaked into ${file}`);
      }
    });
  }

  test('never appear in the error of a server that names the key in its last words and exits', async () => {
    const { dir, workflow } = workspace({ LEAKY_EXIT: '1' });
    for (const args of [['run', workflow], ['tools', '--server', 'leaky']]) {
      const r = await runCli([...args, '--input', `api-key=${secret}`], dir);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /cannot start server "leaky": the server exited before it finished the MCP handshake \(its last words: "leaky-server: \[REDACTED\] was rejected"\)/);
      assert.equal(leaks(r.stdout + r.stderr), false, `${args[0]}: the key leaked into the output: ${r.stderr}`);
    }
  });

  test('never appear in what `call` prints, from a result or from an error', async () => {
    const { dir } = workspace();
    for (const tool of ['whoami', 'fail_with_token']) {
      for (const json of [[], ['--json']]) {
        const r = await runCli(['call', tool, '--server', 'leaky', '--input', `api-key=${secret}`, ...json], dir);
        assert.match(r.stdout + r.stderr, /\[REDACTED\]/, `${tool}: nothing was masked: ${r.stdout}`);
        assert.equal(leaks(r.stdout + r.stderr), false, `${tool} ${json.join('')}: the key leaked: ${r.stdout}${r.stderr}`);
      }
    }
  });
});

describe('password values of any length, and secrets kept off the command line', () => {
  const pin = 'k9';
  // The pin as a value of its own: not next to another letter or digit.
  const shows = (text: string): boolean => /(^|[^A-Za-z0-9])k9([^A-Za-z0-9]|$)/.test(text);

  function pinWorkspace(type: 'string' | 'integer' = 'string'): { dir: string; workflow: string } {
    const { dir } = workspace();
    const workflow = join(dir, 'pin.workflow.json');
    writeFileSync(workflow, JSON.stringify({
      id: 'pin',
      server: 'leaky',
      inputs: { pin: { type, password: true } },
      steps: [
        { id: 'plain', tool: 'echo', arguments: { text: '${inputs.pin}' } },
        { id: 'spliced', tool: 'echo', arguments: { text: 'the pin is ${inputs.pin}.' } },
      ],
    }));
    return { dir, workflow };
  }

  test('case 10: a password input of 2 characters is redacted from --json, the report and the audit log', async () => {
    const { dir, workflow } = pinWorkspace();
    for (const json of [['--json'], []]) {
      const r = await runCli(['run', workflow, '--input', `api-key=${secret}`, '--input', `pin=${pin}`, ...json], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /\[REDACTED\]/);
      assert.equal(shows(r.stdout + r.stderr), false, `the pin shows in the output: ${r.stdout}`);
    }
    for (const { file, text } of filesUnder(join(dir, '.mcp-workflow'))) {
      assert.match(text, /the pin is \[REDACTED\]\./, `${file} shows what was redacted`);
      assert.equal(shows(text), false, `the pin shows in ${file}`);
    }
  });

  test('case 10: a password input given with the wrong type is refused without echoing it', async () => {
    const { dir, workflow } = pinWorkspace('integer');
    const r = await runCli(['run', workflow, '--input', `api-key=${secret}`, '--input', `pin=${pin}`], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--input pin: expected an integer/);
    assert.equal(shows(r.stderr), false, r.stderr);
  });

  test('case 10: secrets can come from the environment or an --input-file instead of ps-visible arguments', async () => {
    const { dir, workflow } = pinWorkspace();
    const fromEnv = await runCliWithEnv(['run', workflow, '--json'], dir, { MCP_WORKFLOW_INPUT_API_KEY: secret, MCP_WORKFLOW_INPUT_PIN: pin });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    const file = join(dir, 'inputs.env');
    writeFileSync(file, `# secrets for the pin workflow\napi-key=${secret}\npin=${pin}\n`);
    const fromFile = await runCli(['run', workflow, '--json', '--input-file', file], dir);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    for (const r of [fromEnv, fromFile]) {
      const steps = (JSON.parse(r.stdout) as { steps: Record<string, { result: { text: string } }> }).steps;
      assert.equal(steps['spliced']?.result.text, 'the pin is [REDACTED].', 'the pin reached the server (and was redacted on the way back)');
      assert.equal(leaks(r.stdout) || shows(r.stdout), false);
    }
  });
});
