// The conformance checker: reads what a client did (a trace) against what the workflow file asks for, and against
// what the tools themselves say (annotations, error codes), and reports each departure at its trace line.
import { resolveTemplate } from '../workflow/references';
import type { Workflow } from '../workflow/types';
import { expiredIdFindings } from './expiry';
import { leafValues } from './identifiers';
import { carriedArguments, planFromPrompt, type CarriedArgument } from './guidance';
import { matchSteps, planOf, sameValue, type PlannedStep, type StepRun } from './plan';
import { parseTrace } from './trace';
import { traceFacts, type TraceFacts, type TracedCall } from './trace-facts';

/** One departure from the workflow or the tools' guidance, at a 1-based trace line. */
export interface ConformanceFinding {
  line: number;
  severity: 'error' | 'warning' | 'hint';
  ruleId: ConformanceRuleId;
  message: string;
  step?: string;
  /** For an argument that should have carried a value from an earlier result: that value. */
  expected?: unknown;
  /** For an expired identifier: the value passed, the tool that minted it, and the tool that makes a new one. */
  value?: unknown;
  mintedBy?: string;
  renewWith?: string;
}

/** Every rule of the checker, with what it looks for (the SARIF driver lists them). */
export const conformanceRules = {
  'trace-order': { severity: 'error', description: 'A step started before a step it depends on had finished.' },
  'trace-missing-step': { severity: 'error', description: 'A step the workflow requires was never run.' },
  'trace-unproduced-id': { severity: 'error', description: 'An argument that should carry a value from an earlier result holds a value no earlier result produced.' },
  'trace-wrong-id': { severity: 'error', description: 'An argument carries a value from another result than the one the workflow names.' },
  'trace-sequential-parallel': { severity: 'hint', description: 'Steps that could run in parallel ran one after another.' },
  'trace-unconfirmed-destructive': { severity: 'warning', description: 'A destructive tool (or one without annotations) was called with no confirmation before it.' },
  'trace-retry-permission-denied': { severity: 'error', description: 'A call that failed with PERMISSION_DENIED was retried.' },
  'trace-retry-too-soon': { severity: 'error', description: 'A call that failed with RATE_LIMITED was retried before retry_after_seconds had passed.' },
  'trace-expired-id': { severity: 'error', description: 'An identifier was passed after an answer said it had expired, or after the expiry its minting result gave.' },
  'trace-syntax': { severity: 'error', description: 'A line of the trace is not a trace line.' },
} as const;

export type ConformanceRuleId = keyof typeof conformanceRules;

/** Checks a trace's facts; with a workflow, against its steps, else against the prompt's steps and the tools'
 * "ID from X output" links. Findings come sorted by line, one per rule and line. */
export function checkConformance(facts: TraceFacts, workflow?: Workflow): ConformanceFinding[] {
  const findings = [...destructiveFindings(facts), ...retryFindings(facts), ...expiredIdFindings(facts)];
  if (workflow) {
    const plan = planOf(workflow);
    const runs = matchSteps(plan, facts.calls);
    findings.push(...planFindings(plan, runs, facts, 'the workflow'), ...idFindings(workflow, plan, runs, facts));
  } else if (facts.tools) {
    const carried = carriedArguments(facts.tools);
    const prompt = guidingPrompt(facts);
    if (prompt) {
      const plan = planFromPrompt(prompt.text, facts.tools, carried);
      const runs = matchSteps(plan, facts.calls.filter((c) => c.requestLine > prompt.line));
      findings.push(...planFindings(plan, runs, facts, `the prompt "${prompt.name}"`));
    }
    findings.push(...carriedIdFindings(facts, carried));
  }
  return unique(findings).sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

/** The order, missing-step and parallel findings of a plan, whether a workflow file's or a prompt's. */
function planFindings(plan: readonly PlannedStep[], runs: Map<string, StepRun>, facts: TraceFacts, source: string): ConformanceFinding[] {
  return [...orderFindings(plan, runs, source), ...missingFindings(plan, runs, facts, source), ...parallelFindings(plan, runs)];
}

/** The prompt whose steps the client was following: the last one it got before its first call after it, else the first. */
function guidingPrompt(facts: TraceFacts): TraceFacts['prompts'][number] | undefined {
  const firstCall = facts.calls[0]?.requestLine ?? Infinity;
  return facts.prompts.filter((p) => p.line < firstCall).pop() ?? facts.prompts[0];
}

function unique(findings: ConformanceFinding[]): ConformanceFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}:${f.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reads a trace file's text and checks it: unreadable lines are findings too (trace-syntax). */
export function verifyTraceText(text: string, workflow?: Workflow): ConformanceFinding[] {
  const { lines, problems } = parseTrace(text);
  const unreadable = problems.map((p) => finding('trace-syntax', p.line, p.message));
  return [...unreadable, ...checkConformance(traceFacts(lines), workflow)].sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

function finding(ruleId: ConformanceRuleId, line: number, message: string, extra: Partial<ConformanceFinding> = {}): ConformanceFinding {
  return { line, severity: conformanceRules[ruleId].severity, ruleId, message, ...extra };
}

function label(step: PlannedStep): string {
  return `step "${step.id}" (${step.tool})`;
}

/** A step that started before a step it depends on (by its arguments, or by the file's order) had its answer. */
function orderFindings(plan: readonly PlannedStep[], runs: Map<string, StepRun>, source: string): ConformanceFinding[] {
  const out: ConformanceFinding[] = [];
  for (const step of plan) {
    const run = runs.get(step.id);
    if (!run) continue;
    const first = run.calls[0]!;
    for (const dep of new Set([...step.takesFrom, ...step.after])) {
      const before = runs.get(dep);
      if (!before || (before.final.responseLine !== undefined && before.final.responseLine < first.requestLine)) continue;
      const why = step.takesFrom.includes(dep) ? 'whose result its arguments take' : `which ${source} puts before it`;
      out.push(finding('trace-order', first.requestLine, `${label(step)} started at line ${first.requestLine} before ${label(before.step)}, ${why}, had finished${before.final.responseLine ? ` (line ${before.final.responseLine})` : ''}; run it after that step`, { step: step.id }));
      break;
    }
  }
  return out;
}

/** A required step with no call of its tool, reported where it should have run (the next step's call, else the end). */
function missingFindings(plan: readonly PlannedStep[], runs: Map<string, StepRun>, facts: TraceFacts, source: string): ConformanceFinding[] {
  const out: ConformanceFinding[] = [];
  plan.forEach((step, i) => {
    if (step.optional || runs.has(step.id)) return;
    const next = plan.slice(i + 1).map((s) => runs.get(s.id)).find((r) => r !== undefined);
    const line = next?.calls[0]?.requestLine ?? facts.lastLine;
    const where = next ? `; ${label(next.step)} ran at line ${line} without it` : ' by the end of the trace';
    out.push(finding('trace-missing-step', line, `${label(step)} was never run${where}; ${source} requires it${step.after.length ? ` after ${step.after.map((s) => `"${s}"`).join(', ')}` : ''}`, { step: step.id }));
  });
  return out;
}

/** Arguments that should carry a value from an earlier step's result but hold another value. */
function idFindings(workflow: Workflow, plan: readonly PlannedStep[], runs: Map<string, StepRun>, facts: TraceFacts): ConformanceFinding[] {
  const steps: Record<string, { result: unknown }> = {};
  for (const [id, run] of runs) steps[id] = { result: run.final.value };
  const inputs = Object.fromEntries(Object.entries(workflow.inputs ?? {}).map(([k, v]) => [k, v.default]));
  const out: ConformanceFinding[] = [];
  for (const step of plan) {
    const run = runs.get(step.id);
    if (!run || step.repeated || step.takesFrom.length === 0) continue;
    const call = run.calls[0]!;
    for (const [name, template] of Object.entries(step.arguments)) {
      const expected = expectedValue(template, { inputs, steps, run: {} });
      if (expected === undefined || !(name in call.arguments) || sameValue(call.arguments[name], expected.value)) continue;
      out.push(idFinding(step, name, call, expected, facts, runs));
    }
  }
  return out;
}

/** The value a template stands for given the results so far; undefined when it names no step or cannot resolve. */
function expectedValue(template: unknown, scope: Record<string, unknown>): { value: unknown; text: string } | undefined {
  if (typeof template !== 'string' || !template.includes('${steps.')) return undefined;
  try {
    const value = resolveTemplate(template, scope);
    return value === undefined ? undefined : { value, text: template };
  } catch {
    return undefined;
  }
}

function idFinding(step: PlannedStep, name: string, call: TracedCall, expected: { value: unknown; text: string }, facts: TraceFacts, runs: Map<string, StepRun>): ConformanceFinding {
  const actual = call.arguments[name];
  const source = facts.calls.find((c) => c.responseLine !== undefined && c.responseLine < call.requestLine && c.value !== undefined && leafValues(c.value).some((v) => sameValue(v, actual)));
  const origin = [...runs.values()].find((r) => expected.text.includes(`steps.${r.step.id}.`));
  const from = origin ? ` (${origin.step.tool}'s result, line ${origin.final.responseLine ?? origin.final.requestLine})` : '';
  const should = `it should be ${JSON.stringify(expected.value)} from ${expected.text}${from}`;
  const where = `argument "${name}" of ${label(step)} at line ${call.requestLine} is ${JSON.stringify(actual)}`;
  if (source) return finding('trace-wrong-id', call.requestLine, `${where}, taken from ${source.tool}'s result (line ${source.responseLine}); ${should}`, { step: step.id, expected: expected.value });
  return finding('trace-unproduced-id', call.requestLine, `${where}, which no earlier result produced (an invented or mistyped ID); ${should}`, { step: step.id, expected: expected.value });
}

/**
 * Arguments whose description says they come from another tool's output ("ID from X output"), holding a value no
 * answered call of X produced (nor the client's own prompt arguments): too early, invented, or taken from elsewhere.
 */
function carriedIdFindings(facts: TraceFacts, carried: readonly CarriedArgument[]): ConformanceFinding[] {
  const out: ConformanceFinding[] = [];
  for (const call of facts.calls) {
    for (const link of carried.filter((c) => c.tool === call.tool && c.argument in call.arguments)) {
      const actual = call.arguments[link.argument];
      const before = (c: { line: number }): boolean => c.line < call.requestLine;
      if (facts.given.filter(before).some((g) => leafValues(g.value).some((v) => sameValue(v, actual)))) continue;
      const producers = facts.calls.filter((c) => c.tool === link.from && c.responseLine !== undefined && c.responseLine < call.requestLine && !c.isError);
      if (producers.some((p) => leafValues(p.value).some((v) => sameValue(v, actual)))) continue;
      out.push(carriedFinding(call, link, producers, facts));
    }
  }
  return out;
}

function carriedFinding(call: TracedCall, link: CarriedArgument, producers: TracedCall[], facts: TraceFacts): ConformanceFinding {
  const where = `argument "${link.argument}" of ${call.tool} at line ${call.requestLine} is ${JSON.stringify(call.arguments[link.argument])}`;
  const says = `its description says it comes from ${link.from}'s output`;
  const last = producers.at(-1);
  if (!last) {
    const later = facts.calls.find((c) => c.tool === link.from && c.requestLine > call.requestLine);
    if (later) return finding('trace-order', call.requestLine, `${where}, and ${says}, but ${link.from} ran only later (line ${later.requestLine}); call ${link.from} first and pass the ID it returns`);
    return finding('trace-unproduced-id', call.requestLine, `${where}, which no earlier result produced, and ${says}, which was never called; call ${link.from} first and pass the ID it returns`);
  }
  const keyed = last.identifiers.find((i) => i.pointer.split('/').pop() === link.argument) ?? last.identifiers[0];
  const should = keyed ? `; it should be ${JSON.stringify(keyed.value)} from ${link.from}'s result (line ${last.responseLine}, ${keyed.pointer})` : '';
  const source = facts.calls.find((c) => c.responseLine !== undefined && c.responseLine < call.requestLine && leafValues(c.value).some((v) => sameValue(v, call.arguments[link.argument])));
  const extra = keyed ? { expected: keyed.value } : {};
  if (source) return finding('trace-wrong-id', call.requestLine, `${where}, taken from ${source.tool}'s result (line ${source.responseLine}), but ${says}${should}`, extra);
  return finding('trace-unproduced-id', call.requestLine, `${where}, which no earlier result produced (an invented or mistyped ID), and ${says}${should}`, extra);
}

/** A parallel group whose calls did not overlap at all: each started after the one before had its answer. */
function parallelFindings(plan: readonly PlannedStep[], runs: Map<string, StepRun>): ConformanceFinding[] {
  const groups = new Map<string, StepRun[]>();
  for (const step of plan) {
    const run = runs.get(step.id);
    if (step.group && run) groups.set(step.group, [...(groups.get(step.group) ?? []), run]);
  }
  const out: ConformanceFinding[] = [];
  for (const [group, members] of groups) {
    if (members.length < 2) continue;
    const sorted = [...members].sort((a, b) => a.calls[0]!.requestLine - b.calls[0]!.requestLine);
    const serial = sorted.every((r, i) => i === 0 || (sorted[i - 1]!.final.responseLine ?? Infinity) < r.calls[0]!.requestLine);
    if (!serial) continue;
    const second = sorted[1]!.calls[0]!;
    const names = sorted.map((r) => `"${r.step.id}"`).join(', ');
    out.push(finding('trace-sequential-parallel', second.requestLine, `steps ${names} of "${group}" ran one after another (lines ${sorted[0]!.calls[0]!.requestLine}–${sorted.at(-1)!.final.responseLine ?? sorted.at(-1)!.final.requestLine}); they take nothing from each other and could run in parallel`, { step: sorted[1]!.step.id }));
  }
  return out;
}

/**
 * Calls of a destructive tool with no confirmation (an accepted elicitation, or a call of a confirm/approve tool) since
 * the previous destructive call answered. A listed tool without annotations counts as destructive, as the spec says.
 */
function destructiveFindings(facts: TraceFacts): ConformanceFinding[] {
  const tools = facts.tools;
  if (!tools) return [];
  const out: ConformanceFinding[] = [];
  let since = 0;
  for (const call of facts.calls) {
    const tool = tools.get(call.tool);
    if (!tool || !isDestructive(tool.annotations)) continue;
    const until = call.responseLine ?? Infinity;
    const confirmed = facts.confirmations.some((c) => c.line > since && c.line < until) || facts.calls.some((c) => /confirm|approv/i.test(c.tool) && c.requestLine > since && c.requestLine < call.requestLine);
    since = call.responseLine ?? call.requestLine;
    if (confirmed) continue;
    out.push(finding('trace-unconfirmed-destructive', call.requestLine, `${call.tool} ${destructiveReason(tool.annotations)} and was called at line ${call.requestLine} with no confirmation before it; ask the user first (an elicitation, or an approval step)`));
  }
  return out;
}

function destructiveReason(annotations: Record<string, unknown> | undefined): string {
  if (!annotations) return 'has no annotations, so it counts as destructive';
  if (annotations['destructiveHint'] === true) return 'is marked destructive';
  return 'does not say destructiveHint: false (nor readOnlyHint: true), so it counts as destructive';
}

function isDestructive(annotations: Record<string, unknown> | undefined): boolean {
  return annotations?.['readOnlyHint'] !== true && annotations?.['destructiveHint'] !== false;
}

/** Retries the error's own guidance rules out: after PERMISSION_DENIED, or sooner than RATE_LIMITED's retry_after_seconds. */
function retryFindings(facts: TraceFacts): ConformanceFinding[] {
  const out: ConformanceFinding[] = [];
  facts.calls.forEach((failed, i) => {
    if (!failed.isError || failed.responseLine === undefined) return;
    const retry = facts.calls.slice(i + 1).find((c) => c.tool === failed.tool && sameValue(c.arguments, failed.arguments));
    if (!retry) return;
    if (failed.errorCode === 'PERMISSION_DENIED') {
      out.push(finding('trace-retry-permission-denied', retry.requestLine, `${retry.tool} was called again at line ${retry.requestLine} with the same arguments after PERMISSION_DENIED (line ${failed.responseLine}); a denied call must not be retried`));
    } else if (failed.errorCode === 'RATE_LIMITED' && failed.retryAfterSeconds !== undefined && failed.endMs !== undefined) {
      const waited = retry.startMs - failed.endMs;
      if (waited < failed.retryAfterSeconds * 1000) {
        out.push(finding('trace-retry-too-soon', retry.requestLine, `${retry.tool} was retried at line ${retry.requestLine} ${waited} ms after RATE_LIMITED (line ${failed.responseLine}), which said to wait ${failed.retryAfterSeconds} s`));
      }
    }
  });
  return out;
}
