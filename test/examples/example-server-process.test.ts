// The example server's process behaviour: where it listens, how it says so, and how it stops.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { serverBundle, spawnHttpServer } from './start-server';

test('--http --port 0 listens on 127.0.0.1 only, prints one listening line, and exits 0 on SIGTERM', async () => {
  const { child, url } = await spawnHttpServer();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  const notMcp = await fetch(url.replace(/\/mcp$/, '/other'));
  assert.equal(notMcp.status, 404);
  const noSession = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
  assert.equal(noSession.status, 400);
  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0);
});

test('the HTTP server stops when the pipe on its stdin closes (its parent went away)', async () => {
  const { child } = await spawnHttpServer();
  child.stdin?.end();
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0);
});

test('a bad argument is a usage error with exit code 2', async () => {
  const child = spawn(process.execPath, [serverBundle, '--port', 'x'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 2);
  assert.match(err, /--port needs a number/);
});
