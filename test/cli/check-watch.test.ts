// `mcp-workflow check --watch`: the first report, then a new one after a file changes, with what the change made.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './run-cli';

const PROMPT = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const server = new McpServer({ name: "watched", version: "1.0.0" });
server.registerPrompt("greet", { description: "Greets" }, () => ({ messages: [{ role: "user", content: { type: "text", text: "Hello {{who}}" } }] }));
`;

describe('mcp-workflow check --watch', () => {
  it('reports again when a file changes, with the new finding', { timeout: 60_000 }, async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mcpwk-watch-'));
    cpSync(join(repoRoot, 'test/fixtures/ts/register-style.ts'), join(ws, 'server.ts'));
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'mcp-workflow.js'), 'check', ws, '--watch'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const reports = () => out.split('watching for changes').length - 1;
    const until = (n: number) => new Promise<void>((resolve) => {
      const check = () => (reports() >= n ? resolve() : child.stdout.once('data', (d: Buffer) => ((out += d.toString()), check())));
      check();
    });
    try {
      await until(1);
      assert.doesNotMatch(out, /greet/);
      writeFileSync(join(ws, 'greet.ts'), PROMPT);
      await until(2);
      const second = out.slice(out.indexOf('watching for changes'));
      assert.match(second, /template\/undeclared-variable/);
      assert.match(second, /greet\.ts/);
    } finally {
      child.kill();
    }
  });

  it('follows a folder renamed: its files\' findings move with it', { timeout: 60_000 }, async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mcpwk-watch-'));
    cpSync(join(repoRoot, 'test/fixtures/ts/register-style.ts'), join(ws, 'server.ts'));
    mkdirSync(join(ws, 'prompts'));
    writeFileSync(join(ws, 'prompts', 'greet.ts'), PROMPT);
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'mcp-workflow.js'), 'check', ws, '--watch'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const reports = () => out.split('watching for changes').slice(0, -1);
    const until = (accept: (report: string) => boolean) => new Promise<string>((resolve) => {
      const check = () => {
        const found = reports().find(accept);
        if (found) resolve(found);
        else child.stdout.once('data', (d: Buffer) => ((out += d.toString()), check()));
      };
      check();
    });
    try {
      assert.match(await until(() => true), /prompts[\\/]greet\.ts/);
      renameSync(join(ws, 'prompts'), join(ws, 'templates'));
      const moved = await until((r) => /templates[\\/]greet\.ts/.test(r));
      assert.doesNotMatch(moved, /prompts[\\/]greet\.ts/);
      assert.match(moved, /template\/undeclared-variable/);
    } finally {
      child.kill();
    }
  });

  it('judges again by the revision of the SDK the package.json names after it changes', { timeout: 60_000 }, async () => {
    const ws = mkdtempSync(join(tmpdir(), 'mcpwk-watch-'));
    cpSync(join(repoRoot, 'test/fixtures/rules/schema-output-not-object/sdk1-server/server.ts'), join(ws, 'server.ts'));
    const manifest = (version: string) => JSON.stringify({ name: 'forecast', private: true, dependencies: { '@modelcontextprotocol/sdk': version } });
    writeFileSync(join(ws, 'package.json'), manifest('^1.17.0'));
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'mcp-workflow.js'), 'check', ws, '--watch'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const reports = () => out.split('watching for changes').slice(0, -1);
    const until = (n: number) => new Promise<void>((resolve) => {
      const check = () => (reports().length >= n ? resolve() : child.stdout.once('data', (d: Buffer) => ((out += d.toString()), check())));
      check();
    });
    try {
      await until(1);
      assert.match(reports()[0]!, /schema\/output-not-object/);
      writeFileSync(join(ws, 'package.json'), manifest('^2.0.0'));
      await until(2);
      assert.doesNotMatch(reports()[1]!, /schema\/output-not-object/);
    } finally {
      child.kill();
    }
  });
});
