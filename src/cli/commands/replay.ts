// `mcp-workflow replay TRACE [--http [--port N]]`: an MCP server on stdio (or Streamable HTTP on 127.0.0.1) that
// answers from a trace the proxy wrote, so a client can be tested against what the real server once said, without
// the real backend.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { assertLoopbackHost, listenMcpHttp, NonLoopbackHostError } from '../../core/mcp/http-endpoint';
import { attachRecording, recordedAnswers, serveRecording, type RecordedAnswers } from '../../core/proxy/replay';
import { parseCommand, writeError, type CliCommand } from '../command';
import { parsePortOption } from '../port-option';
import { CliError } from '../server-session';
import { readTraceLines } from '../trace-file';

const help = `Usage: mcp-workflow replay TRACE [--http [--port N] [--host 127.0.0.1]]

Serves MCP on stdio from a trace written by mcp-workflow proxy: initialize, tools/list, prompts/list, prompts/get,
resources and tools/call get the answers the real server gave (a tool call matched by tool and arguments, a prompt
by name and arguments; the same request asked again gets the next recorded answer, then the last). A request the
trace holds no answer to gets a JSON-RPC error naming what was recorded.

  --http        serve Streamable HTTP at /mcp instead of stdio, each session answered as a stdio client is;
                prints "listening URL" on stdout, runs until a signal
  --port N      the HTTP port (default 0: a free one)
  --host H      only 127.0.0.1 is accepted; any other host is refused before anything listens

Exit code: 0 when the client ended the session (or a signal stopped an HTTP replay), 2 bad usage, a host other than
127.0.0.1, or an unreadable trace.`;

/** The `replay` command. */
export const runReplay: CliCommand = async (argv) => {
  const parsed = parseCommand('replay', help, argv, { http: { type: 'boolean' as const }, port: { type: 'string' as const }, host: { type: 'string' as const } });
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`mcp-workflow replay: give one trace file\n\n${help}\n`);
    return 2;
  }
  const { http, port, host } = parsed.values;
  try {
    if (!http && (port !== undefined || host !== undefined)) throw new CliError('--port and --host are for --http');
    assertLoopbackHost(host);
    const portNumber = port === undefined ? 0 : parsePortOption('--port', port);
    const answers = recordedAnswers(await readTraceLines(parsed.positionals[0]!));
    if (answers.byKey.size === 0) throw new CliError(`${parsed.positionals[0]!}: the trace holds no answers to serve (a trace written before answers were recorded whole?)`);
    if (http) return await serveHttp(answers, portNumber);
    const transport = new StdioServerTransport();
    process.stdin.once('end', () => void transport.close());
    await serveRecording(transport, answers);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError) && !(error instanceof NonLoopbackHostError)) throw error;
    writeError('replay', error.message, 2, false);
    return 2;
  }
};

/** Sessions over Streamable HTTP, each answered from the recording as a stdio session is, until a signal. */
async function serveHttp(answers: RecordedAnswers, port: number): Promise<number> {
  const endpoint = await listenMcpHttp({ port, label: 'replay' }, (transport) => attachRecording(transport, answers));
  process.stdout.write(`listening ${endpoint.url}\n`);
  await new Promise<void>((resolveStop) => {
    const stop = (): void => resolveStop();
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(s, stop);
  });
  await endpoint.close();
  return 0;
}
