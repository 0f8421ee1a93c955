// The server's stdio transport: each message one whole frame, read back intact by vscode-jsonrpc's own reader
// (byte lengths of multi-byte text, order, large bodies); a failed write reported; and the real server process over
// stdio exits as the library's transport did (0 after shutdown and exit, 1 when the client just goes away).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type Message } from 'vscode-jsonrpc/node';
import { FrameWriter } from '../../src/server/stdio-connection';

const notification = (i: number, text: string): Message => ({ jsonrpc: '2.0', method: 'test/n', params: { i, text } }) as Message;

test('FrameWriter: every message is one write, read back intact and in order by the library reader', async () => {
  const writes: Buffer[] = [];
  const pipe = new PassThrough();
  const counting = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk);
      pipe.write(chunk, done);
    },
  });
  const writer = new FrameWriter(counting);
  const texts = Array.from({ length: 300 }, (_, i) => `${'é'.repeat(i % 7)}${'🧪'.repeat(i % 5)}漢字 prompt ${i} ${'x'.repeat(i === 299 ? 200_000 : i * 13)}`);
  const received: Message[] = [];
  const reader = new StreamMessageReader(pipe);
  const all = new Promise<void>((resolve) => {
    reader.listen((m) => {
      received.push(m);
      if (received.length === texts.length) resolve();
    });
  });
  await Promise.all(texts.map((text, i) => writer.write(notification(i, text))));
  await all;
  assert.equal(writes.length, texts.length, 'one write per message');
  assert.deepEqual(received, texts.map((text, i) => notification(i, text)));
  reader.dispose();
});

test('FrameWriter: a failed write rejects and is reported with its message and count', async () => {
  const failing = new Writable({
    write(_chunk, _encoding, done) {
      done(new Error('pipe closed'));
    },
  });
  failing.on('error', () => undefined);
  const writer = new FrameWriter(failing);
  const reported: [string, unknown, number | undefined][] = [];
  writer.onError(([error, message, count]) => reported.push([error.message, message, count]));
  const msg = notification(1, 'lost');
  await assert.rejects(writer.write(msg), /pipe closed/);
  assert.deepEqual(reported.find(([, m]) => m !== undefined), ['pipe closed', msg, 1]);
});

/** Starts the built server over stdio and resolves with its exit code once `act` has run on its connection. */
function serverExitCode(act: (send: ReturnType<typeof createMessageConnection>, stdin: NodeJS.WritableStream) => Promise<void>): Promise<number | null> {
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification(() => undefined);
  connection.onRequest(() => null);
  connection.listen();
  void act(connection, child.stdin).catch(() => undefined);
  const killer = setTimeout(() => child.kill(), 20_000);
  return exited.finally(() => {
    clearTimeout(killer);
    connection.dispose();
  });
}

test('the server over stdio answers, and exits 0 after shutdown and exit', async () => {
  let answered: unknown;
  const code = await serverExitCode(async (connection) => {
    answered = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  });
  assert.equal(typeof (answered as { capabilities?: unknown }).capabilities, 'object');
  assert.equal(code, 0);
});

test('the server over stdio exits 1 when its client closes stdin without a shutdown', async () => {
  const code = await serverExitCode(async (connection, stdin) => {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    stdin.end();
  });
  assert.equal(code, 1);
});
