// The proxy's trace: one JSON line per JSON-RPC message that passed through it (and one to open each session),
// with what the conformance checker reads — the method, the tool and its arguments, a tool result's error code
// and value, and the identifiers the result carries with their JSON pointers. Secrets never reach a line.
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { redactedJson } from '../workflow/audit';
import { readToolError, resultValue } from '../workflow/outcome';
import { findIdentifiers, type FoundIdentifier } from './identifiers';

/** Which way a message went through the proxy. */
export type TraceDirection = 'client-to-server' | 'server-to-client';

/** A tool result as the trace keeps it. */
export interface TraceResult {
  isError: boolean;
  errorCode?: string;
  retryAfterSeconds?: number;
  /** structuredContent, else the JSON of the text, else `{ text }`; left out past the size limit. */
  value?: unknown;
  truncated?: boolean;
}

/** A tool as a tools/list answer described it. */
export interface TracedTool {
  name: string;
  description?: string;
  annotations?: Record<string, unknown>;
  inputSchema?: Record<string, unknown>;
}

/** One line of a trace. */
export interface TraceLine {
  time: string;
  kind: 'session' | 'request' | 'notification' | 'response' | 'error';
  direction?: TraceDirection;
  session?: string;
  /** On a session line: the server of .vscode/mcp.json, and the workflow the proxy was given. */
  server?: string;
  workflow?: string;
  id?: string | number;
  /** A response's method is its request's. */
  method?: string;
  tool?: string;
  arguments?: unknown;
  /** Params of other requests and notifications (redacted). */
  params?: unknown;
  result?: TraceResult;
  identifiers?: FoundIdentifier[];
  /** The tools of a tools/list answer: annotations (the destructive-tool check), descriptions and input schema
   * (the "ID from X output" links the checker reads when there is no workflow file). */
  tools?: TracedTool[];
  /** A prompts/get answer: the prompt's name and its messages' text (its steps are the guidance without a workflow). */
  prompt?: { name: string; text: string };
  /** A client's answer to an elicitation (accept, decline, cancel): a confirmation when accepted. */
  action?: string;
  error?: { code: number; message: string };
  /** The whole result of an answer `replay` serves (initialize, the lists, prompts/get, resources/read, tools/call),
   * redacted; left out past the size limit. Written alone: `result`, `tools` and `prompt` are derived from it when
   * the trace is read (parseTrace), so the answer is stored once. */
  reply?: unknown;
  /** The line was too long: its result's value and its reply are left out. */
  truncated?: boolean;
}

/** The methods whose answers a trace keeps whole, so `mcp-workflow replay` can serve them again. */
export const REPLAYED_METHODS: ReadonlySet<string> = new Set(['initialize', 'tools/list', 'prompts/list', 'prompts/get', 'resources/list', 'resources/templates/list', 'resources/read', 'tools/call', 'completion/complete']);

/** Lines longer than this (as JSON) leave out their result's value and keep its summary. */
const MAX_VALUE_CHARS = 256 * 1024;

/** Turns messages into trace lines, pairing each response with the method of the request it answers. */
export class TraceRecorder {
  private readonly pending = new Map<string, { method: string; tool?: string; prompt?: string }>();
  /** For a line keeping a whole answer: the same line with what is read of the answer instead, if it is too long. */
  private readonly compacts = new WeakMap<TraceLine, TraceLine>();

  constructor(
    private readonly write: (line: string) => void,
    private readonly secrets: () => readonly string[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Writes the line that opens a session. */
  start(details: { session?: string; server: string; workflow?: string }): void {
    this.emit({ time: this.now().toISOString(), kind: 'session', ...details });
  }

  /** Records one message; a recorder that fails never stops the message. */
  record(direction: TraceDirection, message: JSONRPCMessage, session?: string): void {
    try {
      this.emit(this.lineOf(direction, message, session));
    } catch {
      // The trace is a witness, not a gate: a message it cannot describe still passes.
    }
  }

  private lineOf(direction: TraceDirection, message: JSONRPCMessage, session: string | undefined): TraceLine {
    const base: TraceLine = { time: this.now().toISOString(), kind: 'notification', direction, ...(session ? { session } : {}) };
    const m = message as { id?: string | number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { code: number; message: string } };
    if (m.method !== undefined && m.id !== undefined) return { ...base, kind: 'request', id: m.id, ...this.request(direction, m.id, m.method, m.params) };
    if (m.method !== undefined) return { ...base, method: m.method, ...(m.params !== undefined ? { params: m.params } : {}) };
    const key = pendingKey(direction === 'client-to-server' ? 'server-to-client' : 'client-to-server', m.id);
    const asked = this.pending.get(key);
    this.pending.delete(key);
    const known = { id: m.id as string | number, ...(asked ? { method: asked.method, ...(asked.tool ? { tool: asked.tool } : {}) } : {}) };
    if (m.error) return { ...base, kind: 'error', ...known, error: { code: m.error.code, message: m.error.message } };
    const described = describeResult(asked, m.result);
    if (direction !== 'server-to-client' || !asked || !REPLAYED_METHODS.has(asked.method)) return { ...base, kind: 'response', ...known, ...described };
    // The answer is stored once, whole (what replay serves); what the checker reads of it (the result's summary and
    // value, the tools, the prompt's text) is derived again by parseTrace. Only its identifiers are kept beside it.
    const line: TraceLine = { ...base, kind: 'response', ...known, ...(described.identifiers ? { identifiers: described.identifiers } : {}), reply: m.result };
    this.compacts.set(line, { ...base, kind: 'response', ...known, ...described });
    return line;
  }

  private request(direction: TraceDirection, id: string | number, method: string, params: Record<string, unknown> | undefined): Partial<TraceLine> {
    const name = typeof params?.['name'] === 'string' ? params['name'] : undefined;
    const tool = method === 'tools/call' ? name : undefined;
    const prompt = method === 'prompts/get' ? name : undefined;
    this.pending.set(pendingKey(direction, id), { method, ...(tool ? { tool } : {}), ...(prompt ? { prompt } : {}) });
    if (tool) return { method, tool, arguments: params?.['arguments'] ?? {} };
    return { method, ...(params !== undefined ? { params } : {}) };
  }

  private emit(line: TraceLine): void {
    let text = redactedJson(line, this.secrets());
    // A huge answer keeps its summary and identifiers; its value would make the trace unreadable.
    if (text.length > MAX_VALUE_CHARS && ((line.result && 'value' in line.result) || 'reply' in line)) {
      const { reply: _reply, ...rest } = this.compacts.get(line) ?? line;
      const result = rest.result ? (({ value: _value, ...summary }) => ({ ...summary, truncated: true }))(rest.result) : undefined;
      text = redactedJson({ ...rest, ...(result ? { result } : {}), truncated: true }, this.secrets());
    }
    this.write(`${text}\n`);
  }
}

function pendingKey(direction: TraceDirection, id: unknown): string {
  return `${direction}:${typeof id}:${String(id)}`;
}

/** What a response line says beyond its id: a tool result's summary, the tools listed, an elicitation's answer. */
function describeResult(asked: { method: string; prompt?: string } | undefined, result: unknown): Partial<TraceLine> {
  const r = (result ?? {}) as Record<string, unknown>;
  const method = asked?.method;
  if (method === 'tools/call' && Array.isArray(r['content'])) return toolResult(r as unknown as CallToolResult);
  if (method === 'tools/list' && Array.isArray(r['tools'])) {
    const tools = (r['tools'] as TracedTool[]).map((t) => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      ...(t.annotations ? { annotations: t.annotations } : {}),
      ...(t.inputSchema ? { inputSchema: t.inputSchema } : {}),
    }));
    return { tools };
  }
  if (method === 'prompts/get' && asked?.prompt && Array.isArray(r['messages'])) return { prompt: { name: asked.prompt, text: promptText(r['messages']) } };
  if (method === 'elicitation/create' && typeof r['action'] === 'string') return { action: r['action'] };
  return {};
}

/** The text of a prompt's messages, one message after another. */
function promptText(messages: unknown[]): string {
  return messages
    .map((m) => (m as { content?: { type?: string; text?: unknown } }).content)
    .flatMap((c) => (c?.type === 'text' && typeof c.text === 'string' ? [c.text] : []))
    .join('\n\n');
}

function toolResult(result: CallToolResult): Partial<TraceLine> {
  const value = resultValue(result);
  const summary: TraceResult = { isError: result.isError === true, value };
  if (result.isError) {
    const error = readToolError(result);
    summary.errorCode = error.code;
    if (error.retryAfterSeconds !== undefined) summary.retryAfterSeconds = error.retryAfterSeconds;
  }
  const identifiers = result.isError ? [] : findIdentifiers(value);
  return { result: summary, ...(identifiers.length ? { identifiers } : {}) };
}

/** A trace line with its 1-based line number in the file. */
export interface NumberedTraceLine extends TraceLine {
  line: number;
}

/** Reads a trace file's text; a line that is not a trace line is a problem with its line number, not an exception. */
export function parseTrace(text: string): { lines: NumberedTraceLine[]; problems: { line: number; message: string }[] } {
  const lines: NumberedTraceLine[] = [];
  const problems: { line: number; message: string }[] = [];
  const asked = new Map<string, { method: string; prompt?: string }>();
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line: i + 1, message: 'not JSON: each line of a trace is one JSON object' });
      return;
    }
    const v = value as Partial<TraceLine> | null;
    if (!v || typeof v !== 'object' || typeof v.time !== 'string' || typeof v.kind !== 'string' || Number.isNaN(Date.parse(v.time))) {
      problems.push({ line: i + 1, message: 'not a trace line: expected an object with "time" (ISO 8601) and "kind"' });
      return;
    }
    lines.push(withAnswerRead({ ...(v as TraceLine), line: i + 1 }, asked));
  });
  return { lines, problems };
}

/**
 * A response line as the readers of a trace take it: a line keeping only the whole answer (`reply`) gets what is read
 * of it (a tool result's summary and value, the tools listed, the prompt's text) derived again; a line of an older
 * trace, which wrote those beside the answer, keeps them as written.
 */
function withAnswerRead(line: NumberedTraceLine, asked: Map<string, { method: string; prompt?: string }>): NumberedTraceLine {
  const key = `${line.session ?? ''}:${typeof line.id}:${String(line.id)}`;
  if (line.kind === 'request' && line.direction === 'client-to-server' && line.method) {
    const name = (line.params as { name?: unknown } | undefined)?.name;
    asked.set(key, { method: line.method, ...(line.method === 'prompts/get' && typeof name === 'string' ? { prompt: name } : {}) });
    return line;
  }
  if ((line.kind !== 'response' && line.kind !== 'error') || line.direction !== 'server-to-client') return line;
  const request = asked.get(key);
  asked.delete(key);
  if (line.kind !== 'response' || !('reply' in line) || line.result || line.tools || line.prompt) return line;
  const method = line.method ?? request?.method;
  if (!method) return line;
  const { identifiers, ...read } = describeResult({ method, ...(request?.prompt ? { prompt: request.prompt } : {}) }, line.reply);
  return { ...line, ...read, ...(line.identifiers || !identifiers ? {} : { identifiers }) };
}
