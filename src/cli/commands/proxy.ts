// `mcp-workflow proxy --server NAME`: stands between an MCP client and a server of .vscode/mcp.json, passing every
// message through unchanged and writing a trace of them (JSON Lines). With --workflow, the trace is checked
// against that workflow when the session ends and the findings go to stderr (stdout belongs to MCP on stdio).
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { isLoopbackUrl } from '../../core/mcp/loopback';
import { listenMcpHttp } from '../../core/mcp/http-endpoint';
import { parsePortOption } from '../port-option';
import type { ForwardedPair } from '../../core/proxy/forward';
import { startProxySession, type ProxySessionOptions } from '../../core/proxy/session';
import { TraceRecorder } from '../../core/proxy/trace';
import { neutralizeControls } from '../../core/text/control-chars';
import { redact } from '../../core/workflow/audit';
import type { Workflow } from '../../core/workflow/types';
import { parseCommand, writeError, type CliCommand } from '../command';
import { CliError, findConfig, parseInputFlags, resolveServerLaunch } from '../server-session';
import { readWorkflowFile } from '../workflow-file';
import { verifyTraceFile } from './verify';

const help = `Usage: mcp-workflow proxy --server NAME [options]

Serves MCP on stdio (or Streamable HTTP on 127.0.0.1 with --http) and forwards every message, both ways and
unchanged, to the server NAME of .vscode/mcp.json, writing a trace of them (JSON Lines) for mcp-workflow verify.

Options:
  --server NAME      a key of "servers" in .vscode/mcp.json (default: the --workflow file's "server")
  --config FILE      the mcp.json to use (default: the nearest .vscode/mcp.json)
  --workflow FILE    check the trace against this workflow when the session ends (findings on stderr)
  --trace FILE       where to write the trace, replacing it (default .mcp-workflow/traces/SERVER-TIME.trace.jsonl
                     beside the workspace of the mcp.json)
  --http PORT        serve Streamable HTTP on 127.0.0.1:PORT at /mcp instead of stdio (0 picks a free port;
                     the URL is printed as "listening URL"); each session gets its own server connection
  --input NAME=VALUE an mcp.json input (repeatable)
  --allow-remote     connect to a server URL that is not on this machine (refused otherwise)

Exit code: 0 when the client ended the session, 1 when the server ended it, 2 for bad input.`;

const options = {
  server: { type: 'string' as const },
  config: { type: 'string' as const },
  workflow: { type: 'string' as const },
  trace: { type: 'string' as const },
  http: { type: 'string' as const },
  input: { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'allow-remote': { type: 'boolean' as const, default: false },
};

/** The `proxy` command. */
export const runProxy: CliCommand = async (argv) => {
  const parsed = parseCommand('proxy', help, argv, options);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  let secrets: readonly string[] = [];
  try {
    const workflow = values.workflow ? await readWorkflowFile(values.workflow) : undefined;
    const server = values.server ?? workflow?.server;
    if (!server) throw new CliError('--server NAME is required (a key of "servers" in .vscode/mcp.json), or --workflow FILE naming one');
    const port = values.http === undefined ? undefined : parsePortOption('--http', values.http);
    const configFile = findConfig(values.config, values.workflow ? dirname(resolve(values.workflow)) : undefined);
    const resolved = await resolveServerLaunch(configFile, server, parseInputFlags(values.input));
    secrets = resolved.secrets;
    refuseRemote(resolved.server, values['allow-remote'], secrets);
    const traceFile = resolve(values.trace ?? join(dirname(dirname(configFile)), '.mcp-workflow', 'traces', `${server.replace(/[^\w.-]/g, '_')}-${new Date().toISOString().replace(/[:.]/g, '-')}.trace.jsonl`));
    const trace = openTraceFile(traceFile);
    process.stderr.write(`mcp-workflow proxy: tracing "${neutralizeControls(server, true)}" to ${relative(process.cwd(), traceFile) || traceFile}\n`);
    const session: ProxySessionOptions = {
      launch: resolved.server,
      recorder: new TraceRecorder(trace.write, () => secrets),
      server,
      ...(values.workflow ? { workflow: resolve(values.workflow) } : {}),
      onStderr: (text) => process.stderr.write(neutralizeControls(redact(text, secrets), false)),
      onFailure: (direction, error) => process.stderr.write(`mcp-workflow proxy: a message ${direction} was not delivered: ${neutralizeControls(redact(error instanceof Error ? error.message : String(error), secrets), true)}\n`),
    };
    try {
      const code = port === undefined ? await serveStdio(session) : await serveHttp(port, session);
      if (workflow && values.workflow) await reportFindings(traceFile, workflow, values.workflow);
      return code;
    } finally {
      trace.close();
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    writeError('proxy', redact(error.message, secrets), 2, false);
    return 2;
  }
};

/** A server URL off this machine is never reached without --allow-remote: the CLI cannot ask on stdio. */
function refuseRemote(launch: ProxySessionOptions['launch'], allowed: boolean | undefined, secrets: readonly string[]): void {
  if (launch.type === 'stdio' || isLoopbackUrl(launch.url)) return;
  if (!allowed) throw new CliError(`${launch.url} is not on this machine; pass --allow-remote to connect to it anyway`);
  process.stderr.write(`mcp-workflow proxy: warning: ${neutralizeControls(redact(launch.url, secrets), true)} is not on this machine (connecting because of --allow-remote)\n`);
}

/** The trace file, written line by line so a killed proxy leaves every message up to its last. One proxy run writes
 * one trace: a file given again is replaced, so verify never reads two runs as one client. */
function openTraceFile(file: string): { write: (line: string) => void; close: () => void } {
  let fd: number | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, 'w');
  } catch (error) {
    throw new CliError(`cannot write the trace ${file}: ${(error as Error).message}`);
  }
  return {
    write: (line) => {
      if (fd !== undefined) writeSync(fd, line);
    },
    close: () => {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** One session on stdin/stdout, until the client closes it (stdin ends), the server exits, or a signal. */
async function serveStdio(session: ProxySessionOptions): Promise<number> {
  let pair: Awaited<ReturnType<typeof startProxySession>>;
  try {
    pair = await startProxySession(new StdioServerTransport(), session);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' && session.launch.type === 'stdio' ? `command "${session.launch.command}" was not found` : error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot start server "${session.server}": ${why}`);
  }
  const stop = (): void => void pair.close();
  process.stdin.once('end', stop);
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const s of signals) process.once(s, stop);
  const side = await pair.closed;
  await pair.close();
  for (const s of signals) process.removeListener(s, stop);
  process.stdin.removeListener('end', stop);
  if (side === 'server') process.stderr.write('mcp-workflow proxy: the server closed the connection\n');
  return side === 'server' ? 1 : 0;
}

/** Sessions over Streamable HTTP until a signal stops the proxy. */
async function serveHttp(port: number, session: ProxySessionOptions): Promise<number> {
  const pairs = new Set<ForwardedPair>();
  const listener = await listenMcpHttp({ port, label: 'proxy' }, async (transport, id) => {
    const pair = await startProxySession(transport, { ...session, session: id });
    pairs.add(pair);
    void pair.closed.then(() => pairs.delete(pair));
  });
  process.stdout.write(`listening ${listener.url}\n`);
  await new Promise<void>((resolveStop) => {
    const stop = (): void => resolveStop();
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, stop);
  });
  // Each session's server is stopped (and waited for) before the proxy exits: none is left running.
  await Promise.all([...pairs].map((pair) => pair.close()));
  await listener.close();
  return 0;
}

/** Prints the conformance findings of the finished session on stderr. */
async function reportFindings(traceFile: string, workflow: Workflow, workflowFile: string): Promise<void> {
  const report = await verifyTraceFile(traceFile, workflow);
  process.stderr.write(`mcp-workflow proxy: against ${workflowFile}: ${report.text}`);
}
