// The watch view's model: a trace read so far, as the calls a person watches arrive — each with its tool,
// arguments, a summary of its answer, the checker's findings at its lines (conforming or not, and why) and the
// identifiers it carried from earlier answers, named by the call that produced them. Pure and serialisable:
// the host rebuilds it whenever the trace grows and posts it whole.
import { formatPath } from '../workflow/references';
import type { Workflow } from '../workflow/types';
import { checkConformance, type ConformanceFinding } from './conformance';
import { nameCalls, producerOf, type NamedCall } from './record-workflow';
import { parseTrace } from './trace';
import { traceFacts } from './trace-facts';

/** A finding as the view shows it. */
export interface WatchFinding {
  line: number;
  severity: ConformanceFinding['severity'];
  ruleId: string;
  message: string;
  expected?: string;
}

/** An argument value that an earlier call's answer carried. */
export interface CarriedId {
  argument: string;
  value: string;
  /** The producing call's id (`sales_top_customers`, `order_history-2`) and where in its answer the value stood. */
  fromCall: string;
  field: string;
}

/** One tools/call as it happened. */
export interface WatchCall {
  id: string;
  tool: string;
  arguments: string;
  requestLine: number;
  responseLine?: number;
  status: 'pending' | 'ok' | 'error';
  errorCode?: string;
  summary?: string;
  /** No error or warning at the call's lines (hints allowed). */
  conforming: boolean;
  findings: WatchFinding[];
  carried: CarriedId[];
}

/** What the watch view draws. */
export interface WatchView {
  server?: string;
  /** What the calls are checked against: the workflow file, or the server's own guidance. */
  against: string;
  calls: WatchCall[];
  /** Findings at no call's line (a step never run, reported at the trace's end; an unreadable line). */
  other: WatchFinding[];
  counts: { errors: number; warnings: number; hints: number };
  lines: number;
}

const SUMMARY_CHARS = 200;

/** Builds the view of a trace's text so far, checked against `workflow` when given (its file name in `workflowName`). */
export function watchViewOf(text: string, workflow?: Workflow, workflowName?: string): WatchView {
  const { lines, problems } = parseTrace(text);
  const facts = traceFacts(lines);
  const findings = [...problems.map((p): WatchFinding => ({ line: p.line, severity: 'error', ruleId: 'trace-syntax', message: p.message })), ...checkConformance(facts, workflow).map(toWatchFinding)];
  const named = nameCalls(facts.calls);
  const calls = named.map((n) => watchCall(n, named, findings));
  const atCalls = new Set(calls.flatMap((c) => c.findings));
  const server = lines.find((l) => l.kind === 'session' && l.server)?.server;
  return {
    ...(server ? { server } : {}),
    against: workflow ? `the workflow ${workflowName ?? workflow.id}` : "the server's own guidance (its prompt's steps and \"ID from X output\" descriptions)",
    calls,
    other: findings.filter((f) => !atCalls.has(f)),
    counts: { errors: count(findings, 'error'), warnings: count(findings, 'warning'), hints: count(findings, 'hint') },
    lines: facts.lastLine,
  };
}

function watchCall(n: NamedCall, named: readonly NamedCall[], findings: readonly WatchFinding[]): WatchCall {
  const { call } = n;
  const mine = findings.filter((f) => f.line === call.requestLine || f.line === call.responseLine);
  const status = call.responseLine === undefined ? 'pending' : call.isError ? 'error' : 'ok';
  return {
    id: n.id,
    tool: call.tool,
    arguments: clip(JSON.stringify(call.arguments)),
    requestLine: call.requestLine,
    ...(call.responseLine !== undefined ? { responseLine: call.responseLine } : {}),
    status,
    ...(call.errorCode ? { errorCode: call.errorCode } : {}),
    ...(call.value !== undefined ? { summary: clip(JSON.stringify(call.value)) } : {}),
    conforming: !mine.some((f) => f.severity !== 'hint'),
    findings: mine,
    carried: carriedIds(n, named),
  };
}

/** Each top-level argument (or a leaf under it) whose value an earlier answer carried as an identifier. */
function carriedIds(n: NamedCall, named: readonly NamedCall[]): CarriedId[] {
  const earlier = named.filter((e) => e.call.responseLine !== undefined && e.call.responseLine < n.call.requestLine && !e.call.isError);
  const out: CarriedId[] = [];
  const walk = (value: unknown, at: (string | number)[]): void => {
    if (typeof value === 'string' || typeof value === 'number') {
      const from = producerOf(value, earlier);
      if (from) out.push({ argument: formatPath(at), value: String(value), fromCall: from.call.id, field: formatPath(from.path) });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
  };
  walk(n.call.arguments, []);
  return out.slice(0, 20);
}

function toWatchFinding(f: ConformanceFinding): WatchFinding {
  return { line: f.line, severity: f.severity, ruleId: f.ruleId, message: f.message, ...(f.expected !== undefined ? { expected: clip(JSON.stringify(f.expected)) } : {}) };
}

function count(findings: readonly WatchFinding[], severity: WatchFinding['severity']): number {
  return findings.filter((f) => f.severity === severity).length;
}

function clip(text: string | undefined): string {
  const t = text ?? '';
  return t.length > SUMMARY_CHARS ? `${t.slice(0, SUMMARY_CHARS - 1)}…` : t;
}
