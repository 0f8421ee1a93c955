// What a trace shows, in the terms the conformance checker judges: the tool calls (request and answer paired,
// with their lines and times), the tools the server listed with their annotations, and the confirmations given.
import type { FoundIdentifier } from './identifiers';
import type { NumberedTraceLine, TracedTool } from './trace';

/** One tools/call: its request line and, when it was answered, its response line. */
export interface TracedCall {
  tool: string;
  arguments: Record<string, unknown>;
  requestLine: number;
  startMs: number;
  responseLine?: number;
  endMs?: number;
  isError: boolean;
  errorCode?: string;
  retryAfterSeconds?: number;
  value?: unknown;
  identifiers: FoundIdentifier[];
}

/** The facts of a trace. */
export interface TraceFacts {
  calls: TracedCall[];
  /** Tools from tools/list answers; undefined when the trace holds none (annotations then are unknown). */
  tools: Map<string, TracedTool> | undefined;
  /** The prompts the client got, with their text, at their response lines. */
  prompts: { line: number; name: string; text: string }[];
  /** Values the client itself gave before a line (prompt arguments): a person's, not invented by the client. */
  given: { line: number; value: unknown }[];
  /** Lines where the client accepted an elicitation (a person confirmed something). */
  confirmations: { line: number; ms: number }[];
  lastLine: number;
}

/** Pairs the requests and answers of a trace (per session, per direction) into facts. */
export function traceFacts(lines: readonly NumberedTraceLine[]): TraceFacts {
  const calls: TracedCall[] = [];
  const open = new Map<string, TracedCall>();
  let tools: TraceFacts['tools'];
  const confirmations: TraceFacts['confirmations'] = [];
  const prompts: TraceFacts['prompts'] = [];
  const given: TraceFacts['given'] = [];
  for (const line of lines) {
    if (line.kind === 'request' && line.method === 'prompts/get') given.push({ line: line.line, value: (line.params as { arguments?: unknown } | undefined)?.arguments });
    if (line.prompt) prompts.push({ line: line.line, ...line.prompt });
    const key = `${line.session ?? ''}:${typeof line.id}:${String(line.id)}`;
    if (line.kind === 'request' && line.direction === 'client-to-server' && line.method === 'tools/call' && line.tool) {
      const call: TracedCall = { tool: line.tool, arguments: asRecord(line.arguments), requestLine: line.line, startMs: Date.parse(line.time), isError: false, identifiers: [] };
      calls.push(call);
      open.set(key, call);
    } else if ((line.kind === 'response' || line.kind === 'error') && line.direction === 'server-to-client') {
      answer(open.get(key), line);
      open.delete(key);
      if (line.tools) {
        tools ??= new Map();
        for (const t of line.tools) tools.set(t.name, t);
      }
    } else if (line.kind === 'response' && line.direction === 'client-to-server' && line.method === 'elicitation/create' && line.action === 'accept') {
      confirmations.push({ line: line.line, ms: Date.parse(line.time) });
    }
  }
  return { calls, tools, confirmations, prompts, given, lastLine: lines.at(-1)?.line ?? 0 };
}

function answer(call: TracedCall | undefined, line: NumberedTraceLine): void {
  if (!call) return;
  call.responseLine = line.line;
  call.endMs = Date.parse(line.time);
  if (line.kind === 'error') {
    call.isError = true;
    call.errorCode = `JSON-RPC ${line.error?.code ?? ''}`.trim();
    return;
  }
  call.isError = line.result?.isError === true;
  if (line.result?.errorCode) call.errorCode = line.result.errorCode;
  if (line.result?.retryAfterSeconds !== undefined) call.retryAfterSeconds = line.result.retryAfterSeconds;
  if (line.result && 'value' in line.result) call.value = line.result.value;
  call.identifiers = line.identifiers ?? [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
