// A minimal LSP client over the real server process (dist/server.js, over stdio or Node IPC), for server tests: it sends
// requests and waits for the notifications the server really sends, never for a fixed time.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, type MessageConnection } from 'vscode-jsonrpc/node';
import { FrameWriter } from '../../src/server/stdio-connection';

export interface PublishedDiagnostics {
  uri: string;
  diagnostics: { range: { start: { line: number; character: number }; end?: { line: number; character: number } }; code?: string; message: string; severity?: number; data?: unknown }[];
}

export class LspTestClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  private readonly published = new Map<string, PublishedDiagnostics>();
  private waiters: (() => void)[] = [];
  /** Every work-done progress value the server sent, in order. */
  readonly progress: { kind: string; message?: string; percentage?: number }[] = [];
  /** Every index status the server sent, in order. */
  readonly statuses: { tools: number }[] = [];

  /** The diagnostics last published for a file, if any were. */
  publishedFor(uri: string): PublishedDiagnostics | undefined {
    return this.published.get(uri);
  }

  /** Resolves with the first index status `accept` is true of. */
  waitForStatus(accept: (s: { tools: number }) => boolean): Promise<{ tools: number }> {
    return new Promise((resolve) => {
      const check = () => {
        const s = this.statuses.find(accept);
        if (s) resolve(s);
        else this.waiters.push(check);
      };
      check();
    });
  }

  /** The time (performance.now()) the last publishDiagnostics reached this process: over stdio, the chunk holding
   * it, before the library reader parsed it; over Node IPC, the message, as Node hands it over (parsed). Either is
   * before the library queues its handler. */
  publishArrivedAt = 0;

  /** `env` for the server process (default this one's); `stderr` receives its standard error (else it is inherited);
   * `transport` is stdio (the default, as every LSP client but VS Code's) or Node IPC (as VS Code's client). */
  constructor(options: { env?: NodeJS.ProcessEnv; stderr?: (text: string) => void; transport?: 'stdio' | 'ipc' } = {}) {
    const ipc = options.transport === 'ipc';
    const stdio: StdioOptions = ['pipe', 'pipe', options.stderr ? 'pipe' : 'inherit', ...(ipc ? ['ipc' as const] : [])];
    this.process = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'server.js'), ipc ? '--node-ipc' : '--stdio'], { stdio, ...(options.env ? { env: options.env } : {}) });
    if (options.stderr) {
      const stderr = options.stderr;
      this.process.stderr!.setEncoding('utf8').on('data', (text: string) => stderr(text));
    }
    if (ipc) {
      this.connection = createMessageConnection(new IPCMessageReader(this.process), new IPCMessageWriter(this.process));
      this.process.on('message', (m: { method?: unknown }) => {
        if (m?.method === 'textDocument/publishDiagnostics') this.publishArrivedAt = performance.now();
      });
    } else {
      // Each message is written whole, at once, as the server writes its own (FrameWriter): a message leaves when sent.
      this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new FrameWriter(this.process.stdin!));
      this.process.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.includes('"textDocument/publishDiagnostics"')) this.publishArrivedAt = performance.now();
      });
    }
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.set(p.uri, p);
      this.wake();
    });
    this.connection.onNotification('mcpWorkflow/indexStatus', (p: { tools: number }) => {
      this.statuses.push(p);
      this.wake();
    });
    this.connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string; message?: string; percentage?: number } }) => {
      this.progress.push(p.value);
      this.wake();
    });
    this.connection.onNotification(() => undefined);
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  async initialize(rootUri: string, initializationOptions?: unknown, capabilities: object = {}): Promise<void> {
    await this.connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'ws' }], capabilities, ...(initializationOptions ? { initializationOptions } : {}) });
    await this.connection.sendNotification('initialized', {});
  }

  /** Asks the waiters again (for a condition on something else than the server's notifications, e.g. its stderr). */
  wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves once `accept` is true, asked again after every notification the server sends. */
  waitUntil(accept: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (accept()) resolve();
        else this.waiters.push(check);
      };
      check();
    });
  }

  /** Every file diagnostics were published for. */
  uris(): string[] {
    return [...this.published.keys()];
  }

  /** Resolves with the diagnostics of a file once `accept` is true of them (as published, in order); with
   * `orNone`, also asked before any are published (of none). */
  waitForDiagnostics(uri: string, accept: (p: PublishedDiagnostics) => boolean, orNone = false): Promise<PublishedDiagnostics> {
    return new Promise((resolve) => {
      const check = () => {
        const p = this.published.get(uri) ?? (orNone ? { uri, diagnostics: [] } : undefined);
        if (p && accept(p)) resolve(p);
        else this.waiters.push(check);
      };
      check();
    });
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The process may be gone already.
    }
    this.connection.dispose();
    this.process.kill();
  }
}
