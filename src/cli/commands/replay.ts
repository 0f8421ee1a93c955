// `mcp-workflow replay TRACE`: an MCP server on stdio that answers from a trace the proxy wrote, so a client can be
// tested against what the real server once said, without the real backend.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { recordedAnswers, serveRecording } from '../../core/proxy/replay';
import { parseCommand, writeError, type CliCommand } from '../command';
import { CliError } from '../server-session';
import { readTraceLines } from '../trace-file';

const help = `Usage: mcp-workflow replay TRACE

Serves MCP on stdio from a trace written by mcp-workflow proxy: initialize, tools/list, prompts/list, prompts/get,
resources and tools/call get the answers the real server gave (a tool call matched by tool and arguments, a prompt
by name and arguments; the same request asked again gets the next recorded answer, then the last). A request the
trace holds no answer to gets a JSON-RPC error naming what was recorded.

Exit code: 0 when the client ended the session, 2 bad usage or an unreadable trace.`;

/** The `replay` command. */
export const runReplay: CliCommand = async (argv) => {
  const parsed = parseCommand('replay', help, argv, {});
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`mcp-workflow replay: give one trace file\n\n${help}\n`);
    return 2;
  }
  try {
    const answers = recordedAnswers(await readTraceLines(parsed.positionals[0]!));
    if (answers.byKey.size === 0) throw new CliError(`${parsed.positionals[0]!}: the trace holds no answers to serve (a trace written before answers were recorded whole?)`);
    const transport = new StdioServerTransport();
    process.stdin.once('end', () => void transport.close());
    await serveRecording(transport, answers);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    writeError('replay', error.message, 2, false);
    return 2;
  }
};
