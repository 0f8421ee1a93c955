// An SDK Client connected to one server from a resolved .vscode/mcp.json entry, over stdio or Streamable
// HTTP. It keeps what the runner needs beside the SDK: the tools/list with compiled output-schema
// validators, the server's stderr tail (so "the server exited" can say why), and one error shape.
import type { ValidateFunction } from 'ajv';
import { schemaValidator } from '../json/schema-validator';
import { descendantsOf, stopProcesses } from './process-tree';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolResultSchema,
  ErrorCode,
  GetPromptResultSchema,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  ListToolsResultSchema,
  McpError,
  PromptListChangedNotificationSchema,
  ReadResourceResultSchema,
  ResourceListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type GetPromptResult,
  type JSONRPCMessage,
  type Prompt,
  type ReadResourceResult,
  type Resource,
  type ResourceTemplate,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { tapTransport, type MessageDirection } from './tapped-transport';

/** How to reach a server: the transport part of a resolved .vscode/mcp.json entry. */
export type ServerLaunch =
  | { type: 'stdio'; command: string; args?: string[]; env?: Record<string, string>; cwd?: string }
  | { type: 'http' | 'sse'; url: string; headers?: Record<string, string> };

/** Per-call options: a timeout (cancellation is sent when it passes), an outside abort, progress. */
export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { progress: number; total?: number; message?: string }) => void;
}

/** Which of the server's lists a list_changed notification said is stale. */
export type ListKind = 'tools' | 'prompts' | 'resources';

/**
 * How a connection is made: the limits a user can change (docs/workflow-files.md, "Limits"), and what a
 * long-lived client (the editor's Servers view) watches besides the calls it makes.
 */
export interface ConnectOptions {
  clientName?: string;
  /** Stops waiting for the handshake (and stops the server) when it aborts. */
  signal?: AbortSignal;
  /** The largest single message read from a stdio server (default 10 MiB, the SDK's). */
  maxMessageBytes?: number;
  /** How long the server may take to answer initialize (default 10 s). */
  connectTimeoutMs?: number;
  /**
   * How the person can raise each limit where they run this (the CLI's flags), added to the error that hits it;
   * without one the error says only what happened (an editor has no such flag to name).
   */
  limitHints?: { connectTimeout?: string; maxMessage?: string };
  /** Each chunk the stdio server writes to stderr, as it arrives. */
  onStderr?: (text: string) => void;
  /** Every JSON-RPC message, both ways (the protocol log). */
  onMessage?: (direction: MessageDirection, message: JSONRPCMessage) => void;
  /** A `list_changed` notification from the server. */
  onListChanged?: (kind: ListKind) => void;
  /** The connection ended without close() being called (the server exited, the HTTP session ended). */
  onUnexpectedClose?: (reason: string) => void;
}

/** A failure talking to the server (not a tool's own isError result), with a short code. */
export class McpConnectionError extends Error {
  constructor(
    message: string,
    readonly code: 'CONNECT_FAILED' | 'SERVER_EXITED' | 'TIMEOUT' | 'CANCELLED' | 'PROTOCOL_ERROR' | 'MESSAGE_TOO_LARGE',
  ) {
    super(message);
  }
}

/** The defaults of ConnectOptions. */
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** A live connection to one MCP server. */
export interface McpConnection {
  readonly name: string;
  readonly client: Client;
  /** The stdio server's process id, when there is one (tests kill it to prove fault handling). */
  readonly pid: number | undefined;
  listTools(): Promise<Tool[]>;
  /** prompts/list, all pages; empty when the server has no prompts capability. */
  listPrompts(): Promise<Prompt[]>;
  /** resources/list and resources/templates/list, all pages; empty lists when the server has no resources. */
  listResources(): Promise<{ resources: Resource[]; templates: ResourceTemplate[] }>;
  getPrompt(name: string, args: Record<string, string>, options?: CallOptions): Promise<GetPromptResult>;
  readResource(uri: string, options?: CallOptions): Promise<ReadResourceResult>;
  /** What the server said of itself in initialize (name, version, instructions). */
  serverInfo(): { name?: string; version?: string; instructions?: string };
  /** The compiled validator of a tool's outputSchema, after listTools; undefined when it has none. */
  outputValidator(tool: string): ValidateFunction | undefined;
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallToolResult>;
  /** The last lines the server wrote to stderr. */
  stderrTail(): string;
  close(): Promise<void>;
}


/**
 * Completes the MCP handshake within `timeoutMs`, or closes the client (which stops a stdio server's process)
 * and throws the error `explain` makes of the failure. An abort of `signal` ends the wait at once: a server
 * that never answers must not outlive the client that gave up on it.
 */
async function handshake(client: Client, transport: Transport, explain: (error: unknown) => McpConnectionError, name: string, options: ConnectOptions, serverPid: () => number | undefined = () => undefined): Promise<void> {
  const signal = options.signal;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new McpConnectionError(`${abortMessage(signal!)} while starting server "${name}"`, 'CANCELLED'));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    await Promise.race([client.connect(transport, { timeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS }), aborted]);
  } catch (error) {
    await closeWithFamily(client, serverPid());
    throw error instanceof McpConnectionError ? error : explain(error);
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof McpError && error.code === ErrorCode.RequestTimeout;
}

/**
 * Closes the client (which stops a stdio server) and the processes that server started: they are found before
 * it exits, while they are still its children.
 */
async function closeWithFamily(client: Client, pid: number | undefined): Promise<void> {
  const family = pid !== undefined ? descendantsOf(pid) : [];
  await client.close().catch(() => undefined);
  if (family.length > 0) await stopProcesses(family);
}

/** The handshake timed out: says so, with what the server wrote that was not MCP and its last words. */
function handshakeTimeout(name: string, options: ConnectOptions, garbage: string, tail: string): McpConnectionError {
  const ms = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const wrote = garbage ? `; it wrote to stdout what is not MCP: "${garbage}"` : '';
  const said = tail ? ` (its last words on stderr: "${tail}")` : '';
  const hint = options.limitHints?.connectTimeout ? `; ${options.limitHints.connectTimeout}` : '';
  return new McpConnectionError(`server "${name}" did not finish the MCP handshake within ${ms} ms${wrote}${said}${hint}`, 'CONNECT_FAILED');
}

function abortMessage(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : 'cancelled';
}

/** Starts (stdio) or reaches (HTTP) a server and completes the MCP handshake. */
export async function connectServer(name: string, launch: ServerLaunch, options: ConnectOptions = {}): Promise<McpConnection> {
  const opts = options;
  const client = new Client({ name: options.clientName ?? 'mcp-workflow', version: '0.1.0' });
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  let stderr = '';
  let garbage = '';
  let closed = false;
  let closing = false;
  let connected = false;
  let tooLarge = false;
  let transport: Transport;
  let pid: number | undefined;
  client.onclose = () => {
    closed = true;
    if (connected && !closing) opts.onUnexpectedClose?.(lastLine(stderr) ? `the server closed the connection (its last words: "${lastLine(stderr)}")` : 'the server closed the connection');
  };
  const watch = (kind: ListKind) => () => {
    opts.onListChanged?.(kind);
  };
  client.setNotificationHandler(ToolListChangedNotificationSchema, watch('tools'));
  client.setNotificationHandler(PromptListChangedNotificationSchema, watch('prompts'));
  client.setNotificationHandler(ResourceListChangedNotificationSchema, watch('resources'));
  const tap = (inner: Transport): Transport => (opts.onMessage ? tapTransport(inner, opts.onMessage) : inner);
  // The SDK's stdio transport reports a message over its buffer limit only through onerror, then closes: kept
  // here so the failed call can say what happened instead of "the server closed the connection".
  client.onerror = (error) => {
    if (/ReadBuffer exceeded maximum size/.test(error.message)) tooLarge = true;
  };
  if (launch.type === 'stdio') {
    const stdio = new StdioClientTransport({ command: launch.command, args: launch.args ?? [], env: launch.env, cwd: launch.cwd, stderr: 'pipe', maxBufferSize: maxMessageBytes });
    stdio.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr = (stderr + text).slice(-4000);
      opts.onStderr?.(text);
    });
    watchStdout(stdio, (text) => {
      garbage = (garbage ? `${garbage} | ${text}` : text).slice(0, 500);
    });
    transport = tap(stdio);
    await handshake(client, transport, (error) => {
      const tail = lastLine(stderr);
      if (isTimeout(error) && !closed) return handshakeTimeout(name, options, garbage, tail);
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `command "${launch.command}" was not found` : `the server exited before it finished the MCP handshake${tail ? ` (its last words: "${tail}")` : ''}`;
      return new McpConnectionError(`cannot start server "${name}": ${reason}`, 'SERVER_EXITED');
    }, name, options, () => stdio.pid ?? undefined);
    pid = stdio.pid ?? undefined;
  } else {
    const url = new URL(launch.url);
    const requestInit = launch.headers ? { headers: launch.headers } : undefined;
    transport = tap(launch.type === 'sse' ? new SSEClientTransport(url, { requestInit }) : new StreamableHTTPClientTransport(url, { requestInit }));
    await handshake(client, transport, (error) => (isTimeout(error) ? handshakeTimeout(name, options, '', '') : new McpConnectionError(`cannot reach server "${name}" at ${launch.url}: ${oneLine(error)}`, 'CONNECT_FAILED')), name, options);
  }
  connected = true;
  const http = launch.type === 'stdio' ? undefined : transport;
  const validators = new Map<string, ValidateFunction>();
  const translate = (error: unknown, what: string): McpConnectionError => {
    if (error instanceof McpConnectionError) return error;
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      return new McpConnectionError(`${what}: ${error.message.replace(/^MCP error -?\d+: /, '')}`, error.message.includes('Request timed out') ? 'TIMEOUT' : 'CANCELLED');
    }
    if (tooLarge) {
      const mb = Math.round((maxMessageBytes / 1024 / 1024) * 100) / 100;
      const hint = options.limitHints?.maxMessage ? `; ${options.limitHints.maxMessage}` : '';
      return new McpConnectionError(`${what}: the server sent a message larger than the ${mb} MiB limit for one stdio message, and the connection was closed${hint}`, 'MESSAGE_TOO_LARGE');
    }
    if (closed || (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)) {
      const tail = lastLine(stderr);
      return new McpConnectionError(`${what}: the server "${name}" closed the connection${tail ? ` (its last words: "${tail}")` : ''}`, 'SERVER_EXITED');
    }
    return new McpConnectionError(`${what}: ${oneLine(error)}`, 'PROTOCOL_ERROR');
  };
  return {
    name,
    client,
    pid,
    async listTools() {
      try {
        const tools = await allPages(async (cursor) => {
          const page = await client.request({ method: 'tools/list', params: pageParams(cursor) }, ListToolsResultSchema);
          return { items: page.tools, nextCursor: page.nextCursor };
        });
        validators.clear();
        for (const tool of tools) {
          // A schema ajv cannot compile leaves the tool's results unchecked rather than failing the connection.
          const validate = tool.outputSchema ? schemaValidator(tool.outputSchema) : undefined;
          if (validate) validators.set(tool.name, validate);
        }
        return tools;
      } catch (error) {
        throw translate(error, 'tools/list failed');
      }
    },
    async listPrompts() {
      if (!client.getServerCapabilities()?.prompts) return [];
      try {
        return await allPages(async (cursor) => {
          const page = await client.request({ method: 'prompts/list', params: pageParams(cursor) }, ListPromptsResultSchema);
          return { items: page.prompts, nextCursor: page.nextCursor };
        });
      } catch (error) {
        throw translate(error, 'prompts/list failed');
      }
    },
    async listResources() {
      const capabilities = client.getServerCapabilities();
      if (!capabilities?.resources) return { resources: [], templates: [] };
      try {
        const resources = await allPages<Resource>(async (cursor) => {
          const page = await client.request({ method: 'resources/list', params: pageParams(cursor) }, ListResourcesResultSchema);
          return { items: page.resources, nextCursor: page.nextCursor };
        });
        const templates = await allPages<ResourceTemplate>(async (cursor) => {
          const page = await client.request({ method: 'resources/templates/list', params: pageParams(cursor) }, ListResourceTemplatesResultSchema);
          return { items: page.resourceTemplates, nextCursor: page.nextCursor };
        });
        return { resources, templates };
      } catch (error) {
        throw translate(error, 'resources/list failed');
      }
    },
    async getPrompt(promptName, args, options = {}) {
      try {
        return await client.request({ method: 'prompts/get', params: { name: promptName, arguments: args } }, GetPromptResultSchema, requestOptions(options));
      } catch (error) {
        throw aborted(options) ?? translate(error, `prompt ${promptName} failed`);
      }
    },
    async readResource(uri, options = {}) {
      try {
        return await client.request({ method: 'resources/read', params: { uri } }, ReadResourceResultSchema, requestOptions(options));
      } catch (error) {
        throw aborted(options) ?? translate(error, `reading ${uri} failed`);
      }
    },
    serverInfo() {
      const version = client.getServerVersion();
      const instructions = client.getInstructions();
      return { ...(version ? { name: version.name, version: version.version } : {}), ...(instructions ? { instructions } : {}) };
    },
    outputValidator: (tool) => validators.get(tool),
    async callTool(toolName, args, options = {}) {
      // client.request (not client.callTool): the SDK's callTool throws on an outputSchema mismatch, and the
      // runner wants the result anyway so it can report the mismatch on the step, as MCP Inspector does.
      // Passing timeout and signal makes the SDK send notifications/cancelled when either fires.
      // The SDK adds an abort listener to the signal it is given and never removes it, so a run's one signal
      // would collect a listener per call (a leak, and Node's MaxListenersExceededWarning after ten calls).
      // Each call gets its own signal, linked to the run's only while the call is in flight.
      const outer = options.signal;
      const own = outer ? new AbortController() : undefined;
      const forward = (): void => own?.abort(outer?.reason);
      if (outer?.aborted) forward();
      else outer?.addEventListener('abort', forward, { once: true });
      try {
        return (await client.request({ method: 'tools/call', params: { name: toolName, arguments: args } }, CallToolResultSchema, {
          timeout: options.timeoutMs ?? 60_000,
          signal: own?.signal,
          onprogress: options.onProgress
            ? (p) => options.onProgress!({ progress: p.progress, total: p.total, message: p.message })
            : undefined,
        })) as CallToolResult;
      } catch (error) {
        if (options.signal?.aborted) throw new McpConnectionError(`${toolName} was cancelled: ${oneLine(options.signal.reason ?? 'aborted')}`, 'CANCELLED');
        throw translate(error, `${toolName} failed`);
      } finally {
        outer?.removeEventListener('abort', forward);
      }
    },
    stderrTail: () => stderr,
    async close() {
      closing = true;
      if (http) await terminate(http);
      await closeWithFamily(client, pid);
    },
  };
}

/** Every page of a paginated list request (tools, prompts, resources), in order. */
async function allPages<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor);
  return items;
}

function pageParams(cursor: string | undefined): { cursor?: string } {
  return cursor ? { cursor } : {};
}

/** Ends a Streamable HTTP session politely (DELETE), whatever wraps the transport. */
async function terminate(transport: Transport): Promise<void> {
  const inner = transport as Transport & { terminateSession?: () => Promise<void> };
  if (typeof inner.terminateSession === 'function') await inner.terminateSession().catch(() => undefined);
}

/** The SDK request options for a prompt or resource request (a tool call has its own, above). */
function requestOptions(options: CallOptions): { timeout: number; signal?: AbortSignal } {
  return { timeout: options.timeoutMs ?? 60_000, ...(options.signal ? { signal: options.signal } : {}) };
}

function aborted(options: CallOptions): McpConnectionError | undefined {
  return options.signal?.aborted ? new McpConnectionError(`cancelled: ${oneLine(options.signal.reason ?? 'aborted')}`, 'CANCELLED') : undefined;
}

/**
 * Calls `onGarbage` with each line a stdio server writes to stdout that is not a JSON-RPC message (the SDK only
 * reports a parse error, without the text). The SDK keeps its child process private; it is read once spawned.
 */
function watchStdout(stdio: StdioClientTransport, onGarbage: (line: string) => void): void {
  const start = stdio.start.bind(stdio);
  stdio.start = async () => {
    await start();
    const child = (stdio as unknown as { _process?: { stdout?: NodeJS.ReadableStream | null } })._process;
    // Only the first characters of each line are kept: enough to show, and a 10 MiB message costs no copy.
    let head = '';
    child?.stdout?.on('data', (chunk: Buffer) => {
      const parts = chunk.toString('utf8').split('\n');
      parts.forEach((part, i) => {
        if (head.length < 200) head += part.slice(0, 200 - head.length);
        if (i === parts.length - 1) return;
        const line = head.trim();
        head = '';
        if (line && !line.startsWith('{')) onGarbage(line);
      });
    });
  };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
