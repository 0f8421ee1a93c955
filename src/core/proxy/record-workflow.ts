// A trace turned into a workflow file: the session's calls become steps in the order they ran, calls that
// overlapped become a `parallel` group, and an argument equal to an identifier an earlier result minted becomes a
// `${steps.X.result.path}` reference, so a good session is a regression test the runner replays.
import { unescapeSegment } from '../json/json-doc';
import { escapeReferences } from '../workflow/step-from-call';
import { formatPath, type PathSegment } from '../workflow/references';
import type { Comparison, Step, ToolStep, Workflow } from '../workflow/types';
import { leafValues } from './identifiers';
import type { NumberedTraceLine } from './trace';
import { traceFacts, type TracedCall } from './trace-facts';

/** A recorded workflow, and what a person should know before trusting it as a test. */
export interface RecordedWorkflow {
  workflow: Workflow;
  warnings: string[];
}

/** What the recording needs besides the trace. */
export interface RecordOptions {
  /** The server key of .vscode/mcp.json; defaults to the trace's session line. */
  server?: string;
  id?: string;
}

/** A call kept as a step, with the id it got. */
export interface NamedCall {
  id: string;
  call: TracedCall;
}

/** Builds the workflow that replays the calls of `lines`. */
export function workflowFromTrace(lines: readonly NumberedTraceLine[], options: RecordOptions = {}): RecordedWorkflow {
  const warnings: string[] = [];
  const calls = keptCalls(traceFacts(lines).calls, warnings);
  const named = nameCalls(calls);
  const steps = groupCalls(named).map((group, i) => stepOfGroup(group, named, i));
  const server = options.server ?? lines.find((l) => l.kind === 'session' && l.server)?.server;
  if (!server) warnings.push('the trace names no server: pass --server');
  if (named.length === 0) warnings.push('the trace holds no answered tool call: the workflow has no steps');
  const id = options.id ?? `recorded-${server ?? 'session'}`;
  const tools = [...new Set(named.map((n) => n.call.tool))];
  const workflow: Workflow = {
    id,
    title: `Recorded session of ${server ?? 'a server'}`,
    description: `Recorded from a proxy trace: ${tools.join(', ') || 'no calls'}.`,
    server: server ?? 'TODO: the server key of .vscode/mcp.json',
    steps,
  };
  return { workflow, warnings };
}

/** The answered calls, without failed attempts a later call retried (same tool, same arguments). */
function keptCalls(calls: readonly TracedCall[], warnings: string[]): TracedCall[] {
  return calls.filter((call, i) => {
    if (call.responseLine === undefined) {
      warnings.push(`the call of ${call.tool} at line ${call.requestLine} has no answer: left out`);
      return false;
    }
    if (!call.isError) return true;
    const retried = calls.slice(i + 1).some((c) => c.tool === call.tool && JSON.stringify(c.arguments) === JSON.stringify(call.arguments));
    if (!retried) warnings.push(`the call of ${call.tool} at line ${call.requestLine} failed (${call.errorCode ?? 'isError'}): kept, so a replay fails there too`);
    return !retried;
  });
}

/** Step ids from tool names: `order_history`, then `order_history-2` for the second call. */
export function nameCalls(calls: readonly TracedCall[]): NamedCall[] {
  const seen = new Map<string, number>();
  return calls.map((call) => {
    const n = (seen.get(call.tool) ?? 0) + 1;
    seen.set(call.tool, n);
    return { id: n === 1 ? call.tool : `${call.tool}-${n}`, call };
  });
}

/** Consecutive calls that overlapped (each started before every earlier one of its group had answered). */
function groupCalls(named: readonly NamedCall[]): NamedCall[][] {
  const groups: NamedCall[][] = [];
  for (const n of named) {
    const group = groups.at(-1);
    const overlaps = group?.every((g) => n.call.requestLine < (g.call.responseLine ?? Infinity));
    if (group && overlaps) group.push(n);
    else groups.push([n]);
  }
  return groups;
}

function stepOfGroup(group: NamedCall[], named: readonly NamedCall[], index: number): Step {
  const steps = group.map((n) => toolStep(n, named));
  if (steps.length === 1) return steps[0]!;
  return { id: `parallel-${index + 1}`, title: `In parallel: ${group.map((g) => g.call.tool).join(', ')}`, parallel: steps };
}

function toolStep(n: NamedCall, named: readonly NamedCall[]): ToolStep {
  const earlier = named.filter((e) => e.call.responseLine !== undefined && e.call.responseLine < n.call.requestLine && !e.call.isError);
  const args = bindArguments(n.call.arguments, earlier) as Record<string, unknown>;
  const expect = shapeOf(n.call);
  return { id: n.id, tool: n.call.tool, arguments: args, ...(expect.length ? { expect } : {}) };
}

/** Replaces each leaf equal to an identifier an earlier result minted (the first one that did) with its reference. */
function bindArguments(value: unknown, earlier: readonly NamedCall[]): unknown {
  if (typeof value === 'string' || typeof value === 'number') {
    const from = producerOf(value, earlier);
    return from ? `\${steps.${from.call.id}.result.${formatPath(from.path)}}` : escapeReferences(value);
  }
  if (Array.isArray(value)) return value.map((v) => bindArguments(v, earlier));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bindArguments(v, earlier)]));
  return value;
}

/** The first of `earlier` whose result carried `value` as an identifier, and where (as a reference path). A call
 * that was given the value in its arguments only echoed it: it did not produce it. */
export function producerOf(value: string | number, earlier: readonly NamedCall[]): { call: NamedCall; path: PathSegment[] } | undefined {
  for (const e of earlier) {
    if (leafValues(e.call.arguments).includes(value)) continue;
    const found = e.call.identifiers.find((id) => id.value === value);
    const path = found && pathOfPointer(found.pointer);
    if (path) return { call: e, path };
  }
  return undefined;
}

/** A JSON pointer as a reference path (`/customers/0/customer_id` → customers[0].customer_id); undefined when a key
 * cannot be written in a reference. */
export function pathOfPointer(pointer: string): PathSegment[] | undefined {
  const segments = pointer.split('/').slice(1).map(unescapeSegment);
  if (segments.length === 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segments[0]!)) return undefined;
  const path: PathSegment[] = [];
  for (const s of segments) {
    if (/^\d+$/.test(s)) path.push(Number(s));
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)) path.push(s);
    else return undefined;
  }
  return path;
}

/** The result's shape as checks: each top-level array was not empty, each top-level identifier exists. */
function shapeOf(call: TracedCall): Comparison[] {
  const value = call.value;
  if (call.isError || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]): Comparison[] => {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return [];
    if (Array.isArray(v) && v.length > 0) return [{ path: key, minLength: 1 }];
    if (v !== null && v !== undefined) return [{ path: key, exists: true }];
    return [];
  });
}
