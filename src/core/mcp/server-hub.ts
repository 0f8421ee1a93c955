// The live servers of a workspace, as the editor's Servers view shows them: each configured server's state
// (stopped, starting, running, failed with the reason), its connection, and its tools, prompts and resources
// (listed on start and again on every list_changed notification). Everything a server says or is sent is
// logged through the host with its secrets masked. The host decides what needs a person (inputs, trust, a
// non-loopback URL); nothing here knows about VS Code.
import type { Prompt, Resource, ResourceTemplate, Tool } from '@modelcontextprotocol/sdk/types.js';
import { neutralizeControls } from '../text/control-chars';
import { redact } from '../workflow/audit';
import type { ConnectOptions, ListKind, McpConnection, ServerLaunch } from './client';
import type { ResolvedMcpServer } from './config-resolve';
import { isLoopbackUrl } from './loopback';

/** A server's state as shown to a person. */
export type ServerStatus =
  | { state: 'stopped'; reason?: string }
  | { state: 'starting' }
  | { state: 'running'; transport: ResolvedMcpServer['type']; pid?: number; serverName?: string; serverVersion?: string }
  | { state: 'failed'; reason: string };

/** What a running server offers, from tools/list, prompts/list and resources/list. */
export interface ServerLists {
  tools: Tool[];
  prompts: Prompt[];
  resources: Resource[];
  templates: ResourceTemplate[];
  /** A list the server failed to give, by kind (the others are still shown). */
  errors: Partial<Record<ListKind, string>>;
}

/** One configured server: where it is declared and how it stands. */
export interface HubServer {
  /** Unique in the hub: the config file and the server's key. */
  readonly id: string;
  readonly name: string;
  readonly configFile: string;
  status: ServerStatus;
  lists: ServerLists | undefined;
  connection: McpConnection | undefined;
  /** The configuration changed while it ran: a restart applies it. */
  stale: boolean;
  /** Password input values it was started with; every log line is masked with them. */
  secrets: string[];
}

/** A server entry the hub is told about when the configuration is (re)read. */
export interface ServerDeclaration {
  id: string;
  name: string;
  configFile: string;
  /** Changes when the entry's text changes (marks a running server stale). */
  fingerprint: string;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** What the hub needs from the editor. */
export interface HubHost {
  /** Why nothing may be started now (an untrusted workspace), or undefined when starting is allowed. */
  startBlockedReason(): string | undefined;
  /** Substitutes variables and asks for inputs; a failure is a message for the person. */
  resolve(server: ServerDeclaration): Promise<{ ok: true; server: ResolvedMcpServer; secrets: string[] } | { ok: false; message: string }>;
  /** Asked before the first connection to a URL that is not on this machine; false means do not connect. */
  confirmRemote(server: ServerDeclaration, url: string): Promise<boolean>;
  log(serverId: string, level: LogLevel, line: string): void;
  /**
   * How to connect: client.ts's connectServer, which the host gives (the extension loads it on first use, so
   * the MCP SDK is not loaded at activation); tests of the refusals pass one that records whether it was called.
   */
  connect: (name: string, launch: ServerLaunch, options: ConnectOptions) => Promise<McpConnection>;
}

/** The result of asking a server to start. */
export type StartResult = { ok: true } | { ok: false; reason: string };

/** Longest protocol message written to the log; the rest is cut with a note of its length. */
const MAX_LOGGED_MESSAGE = 4000;

/** The configured servers and their live connections. */
export class ServerHub {
  private readonly servers = new Map<string, HubServer & { declaration: ServerDeclaration; generation: number; starting?: AbortController }>();
  private readonly listeners = new Set<(id: string | undefined) => void>();

  constructor(private readonly host: HubHost) {}

  /** Listens for any change; the id names the server, undefined means the list of servers changed. */
  onDidChange(listener: (id: string | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  all(): HubServer[] {
    return [...this.servers.values()];
  }

  get(id: string): HubServer | undefined {
    return this.servers.get(id);
  }

  /** Replaces the declared servers: new ones are added stopped, removed ones are stopped and dropped. */
  async setServers(declarations: readonly ServerDeclaration[]): Promise<void> {
    const keep = new Set(declarations.map((d) => d.id));
    const gone = [...this.servers.values()].filter((s) => !keep.has(s.id));
    for (const d of declarations) {
      const existing = this.servers.get(d.id);
      if (!existing) {
        this.servers.set(d.id, { id: d.id, name: d.name, configFile: d.configFile, status: { state: 'stopped' }, lists: undefined, connection: undefined, stale: false, secrets: [], declaration: d, generation: 0 });
      } else {
        if (existing.declaration.fingerprint !== d.fingerprint && existing.status.state !== 'stopped') existing.stale = true;
        existing.declaration = d;
      }
    }
    for (const s of gone) this.servers.delete(s.id);
    this.emit(undefined);
    await Promise.all(gone.map((s) => this.halt(s)));
  }

  /** Starts a stdio server or connects to an HTTP one, then lists what it offers. */
  async start(id: string): Promise<StartResult> {
    const server = this.servers.get(id);
    if (!server) return { ok: false, reason: `no server "${id}" is configured` };
    if (server.status.state === 'running' || server.status.state === 'starting') return { ok: true };
    const blocked = this.host.startBlockedReason();
    if (blocked) return { ok: false, reason: blocked };
    const generation = ++server.generation;
    this.setStatus(server, { state: 'starting' });
    const resolved = await this.host.resolve(server.declaration);
    if (generation !== server.generation) return { ok: false, reason: 'stopped before it started' };
    if (!resolved.ok) return this.fail(server, resolved.message);
    const launch = resolved.server;
    server.secrets = resolved.secrets;
    if (launch.type !== 'stdio' && !isLoopbackUrl(launch.url)) {
      this.log(server, 'warn', `${launch.url} is not on this machine: asking before the first connection`);
      const allowed = await this.host.confirmRemote(server.declaration, launch.url);
      if (generation !== server.generation) return { ok: false, reason: 'stopped before it started' };
      if (!allowed) {
        this.setStatus(server, { state: 'stopped', reason: `not connected: ${launch.url} is not on this machine and the connection was declined` });
        return { ok: false, reason: `the connection to ${launch.url} was declined` };
      }
    }
    this.log(server, 'info', launch.type === 'stdio' ? `starting: ${[launch.command, ...launch.args].join(' ')}` : `connecting to ${launch.url}`);
    let connection: McpConnection;
    // Stop while the handshake is under way ends it (and the half-started process) at once.
    const starting = new AbortController();
    server.starting = starting;
    try {
      connection = await this.host.connect(server.name, launch, { ...this.connectOptions(server, generation), signal: starting.signal });
    } catch (error) {
      if (generation !== server.generation) return { ok: false, reason: 'stopped before it started' };
      return this.fail(server, messageOf(error));
    } finally {
      if (server.starting === starting) server.starting = undefined;
    }
    if (generation !== server.generation) {
      await connection.close();
      return { ok: false, reason: 'stopped before it started' };
    }
    server.connection = connection;
    server.stale = false;
    // Listed before it is shown running, so a running server always has its tools to show.
    await this.refresh(id);
    if (generation !== server.generation) return { ok: false, reason: 'stopped before it started' };
    const info = connection.serverInfo();
    this.setStatus(server, {
      state: 'running',
      transport: launch.type,
      ...(connection.pid !== undefined ? { pid: connection.pid } : {}),
      ...(info.name ? { serverName: info.name } : {}),
      ...(info.version ? { serverVersion: info.version } : {}),
    });
    this.log(server, 'info', `running${connection.pid !== undefined ? ` (pid ${connection.pid})` : ''}: ${info.name ?? 'unnamed server'} ${info.version ?? ''}`.trimEnd());
    return { ok: true };
  }

  /** Stops a server (closes the connection; a stdio server's process ends with it). */
  async stop(id: string): Promise<void> {
    const server = this.servers.get(id);
    if (server) await this.halt(server);
  }

  /** Ends whatever the server is doing: a start under way is abandoned (its handshake aborted), a connection closed. */
  private async halt(server: HubServer & { generation: number; starting?: AbortController }): Promise<void> {
    server.generation++;
    server.starting?.abort(new Error('stopped'));
    await this.disconnect(server, { state: 'stopped' });
  }

  async restart(id: string): Promise<StartResult> {
    await this.stop(id);
    return this.start(id);
  }

  /** Lists again what a running server offers: every list, or the one a list_changed named. */
  async refresh(id: string, kind?: ListKind): Promise<void> {
    const server = this.servers.get(id);
    const connection = server?.connection;
    if (!server || !connection) return;
    const lists: ServerLists = server.lists ?? { tools: [], prompts: [], resources: [], templates: [], errors: {} };
    const wanted: ListKind[] = kind ? [kind] : ['tools', 'prompts', 'resources'];
    await Promise.all(
      wanted.map(async (k) => {
        try {
          if (k === 'tools') lists.tools = await connection.listTools();
          else if (k === 'prompts') lists.prompts = await connection.listPrompts();
          else Object.assign(lists, await connection.listResources());
          delete lists.errors[k];
        } catch (error) {
          lists.errors[k] = messageOf(error);
          this.log(server, 'error', `${k}/list failed: ${messageOf(error)}`);
        }
      }),
    );
    if (server.connection !== connection) return;
    server.lists = lists;
    this.emit(id);
  }

  /** Stops every server. */
  async dispose(): Promise<void> {
    await Promise.all([...this.servers.keys()].map((id) => this.stop(id)));
    this.listeners.clear();
  }

  private connectOptions(server: HubServer & { generation: number }, generation: number): ConnectOptions {
    const current = (): boolean => generation === server.generation;
    return {
      clientName: 'mcp-workflow-kit',
      onStderr: (text) => {
        // A server's escape sequences and control characters are shown, not obeyed, in the log.
        for (const line of text.split(/\r?\n/)) if (line.trim()) this.log(server, 'info', `[stderr] ${neutralizeControls(line, true)}`);
      },
      onMessage: (direction, message) => this.log(server, 'trace', `${direction === 'out' ? '→' : '←'} ${truncate(JSON.stringify(message))}`),
      onListChanged: (kind) => {
        if (!current()) return;
        this.log(server, 'debug', `${kind} list changed: listing again`);
        void this.refresh(server.id, kind);
      },
      onUnexpectedClose: (reason) => {
        if (!current()) return;
        server.generation++;
        server.connection = undefined;
        server.lists = undefined;
        this.log(server, 'error', `stopped unexpectedly: ${reason}`);
        this.setStatus(server, { state: 'failed', reason: redact(reason, server.secrets) });
      },
    };
  }

  private async disconnect(server: HubServer, status: ServerStatus): Promise<void> {
    const connection = server.connection;
    server.connection = undefined;
    server.lists = undefined;
    server.stale = false;
    const wasUp = server.status.state !== 'stopped';
    this.setStatus(server, status);
    if (connection) {
      await connection.close();
      this.log(server, 'info', 'stopped');
    } else if (wasUp && status.state === 'stopped') this.log(server, 'info', 'stopped');
  }

  private fail(server: HubServer, message: string): StartResult {
    const reason = redact(message, server.secrets);
    this.log(server, 'error', reason);
    this.setStatus(server, { state: 'failed', reason });
    return { ok: false, reason };
  }

  private setStatus(server: HubServer, status: ServerStatus): void {
    server.status = status;
    this.emit(server.id);
  }

  private log(server: HubServer, level: LogLevel, line: string): void {
    this.host.log(server.id, level, redact(line, server.secrets));
  }

  private emit(id: string | undefined): void {
    for (const listener of [...this.listeners]) listener(id);
  }
}

function truncate(text: string): string {
  return text.length <= MAX_LOGGED_MESSAGE ? text : `${text.slice(0, MAX_LOGGED_MESSAGE)}… (${text.length} characters)`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
