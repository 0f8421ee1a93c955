// A trace served again as an MCP server: each request is answered with the result the real server gave to the same
// request in the trace (tools/call matched by tool and arguments, prompts/get by name and arguments, the lists and
// initialize by method), so a client can be tested without the real backend. A request the trace never saw gets a
// JSON-RPC error that says what was recorded instead.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { NumberedTraceLine } from './trace';

/** The recorded answers, by request key, in the order they were given. */
export interface RecordedAnswers {
  byKey: Map<string, unknown[]>;
  /** The arguments recorded per tool, for the error of an unrecorded call. */
  callsByTool: Map<string, unknown[]>;
}

/** JSON-RPC's "invalid params" and "method not found", as the error codes of what the trace cannot answer. */
const NOT_RECORDED = -32602;
const METHOD_NOT_RECORDED = -32601;

/** Pairs each client request of the trace with the server's whole answer (the `reply` field). */
export function recordedAnswers(lines: readonly NumberedTraceLine[]): RecordedAnswers {
  const asked = new Map<string, string>();
  const byKey = new Map<string, unknown[]>();
  const callsByTool = new Map<string, unknown[]>();
  for (const line of lines) {
    const pairKey = `${line.session ?? ''}:${typeof line.id}:${String(line.id)}`;
    if (line.kind === 'request' && line.direction === 'client-to-server' && line.method) {
      const params = line.method === 'tools/call' ? { name: line.tool, arguments: line.arguments ?? {} } : line.params;
      asked.set(pairKey, requestKey(line.method, params));
    } else if (line.kind === 'response' && line.direction === 'server-to-client' && 'reply' in line) {
      const key = asked.get(pairKey);
      asked.delete(pairKey);
      if (key === undefined) continue;
      byKey.set(key, [...(byKey.get(key) ?? []), line.reply]);
    }
  }
  // The response lines carry no arguments: take them from the key of each recorded call.
  for (const key of byKey.keys()) {
    const parsed = JSON.parse(key) as { method: string; params?: { name?: string; arguments?: unknown } };
    if (parsed.method === 'tools/call' && parsed.params?.name) callsByTool.set(parsed.params.name, [...(callsByTool.get(parsed.params.name) ?? []), parsed.params.arguments]);
  }
  return { byKey, callsByTool };
}

/** A request's identity for matching: its method and its params without `_meta` (progress tokens differ per run). */
export function requestKey(method: string, params: unknown): string {
  const rest = params !== null && typeof params === 'object' ? Object.fromEntries(Object.entries(params).filter(([k]) => k !== '_meta')) : params;
  const keyed = method === 'initialize' ? {} : rest;
  return canonicalJson({ method, params: keyed ?? {} });
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The answer to one request: the next recorded result for its key (the last one again once they run out). */
export function answerRequest(answers: RecordedAnswers, served: Map<string, number>, request: { id: string | number; method: string; params?: unknown }): JSONRPCMessage {
  if (request.method === 'ping') return { jsonrpc: '2.0', id: request.id, result: {} };
  const key = requestKey(request.method, request.params);
  const recorded = answers.byKey.get(key);
  if (!recorded || recorded.length === 0) return { jsonrpc: '2.0', id: request.id, error: notRecorded(answers, request) };
  const n = served.get(key) ?? 0;
  served.set(key, n + 1);
  return { jsonrpc: '2.0', id: request.id, result: recorded[Math.min(n, recorded.length - 1)] as Record<string, unknown> };
}

function notRecorded(answers: RecordedAnswers, request: { method: string; params?: unknown }): { code: number; message: string } {
  if (request.method !== 'tools/call') {
    const known = [...answers.byKey.keys()].some((k) => (JSON.parse(k) as { method: string }).method === request.method);
    return known
      ? { code: NOT_RECORDED, message: `replay: the trace has no answer to ${request.method} with params ${canonicalJson(request.params ?? {})}` }
      : { code: METHOD_NOT_RECORDED, message: `replay: the trace holds no ${request.method} request` };
  }
  const { name, arguments: args } = (request.params ?? {}) as { name?: string; arguments?: unknown };
  const recorded = answers.callsByTool.get(name ?? '') ?? [];
  const what = recorded.length ? `; recorded arguments: ${recorded.map((a) => canonicalJson(a)).join(' | ')}` : '; the trace holds no call of that tool';
  return { code: NOT_RECORDED, message: `replay: no recorded call of ${name ?? '(no name)'} with arguments ${canonicalJson(args ?? {})}${what}` };
}

/** Answers every request arriving on `transport` from the recording (each session counts its own repeats); resolves
 * once the transport has started, and calls `onClose` when it closes. */
export async function attachRecording(transport: Transport, answers: RecordedAnswers, onClose?: () => void): Promise<void> {
  const served = new Map<string, number>();
  transport.onclose = () => onClose?.();
  transport.onmessage = (message) => {
    const m = message as { id?: string | number; method?: string; params?: unknown };
    if (m.method === undefined || m.id === undefined) return; // notifications and the client's answers need no reply
    void transport.send(answerRequest(answers, served, { id: m.id, method: m.method, params: m.params })).catch(() => undefined);
  };
  await transport.start();
}

/** Answers every request arriving on `transport` from the recording, until the transport closes. */
export function serveRecording(transport: Transport, answers: RecordedAnswers): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    attachRecording(transport, answers, resolve).catch(reject);
  });
}
