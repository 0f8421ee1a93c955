// The readable end of a run: passed or not, the IDs carried from step to step (each reference and the
// value it had), what the parallel groups gathered and how long they took, and the final step's result.
import type { RunEvent } from '../core/workflow/events';
import { findReferences, lookupPath } from '../core/workflow/references';
import type { RunSummary } from '../core/workflow/runner';
import { isParallelStep, isToolStep, type Step, type Workflow } from '../core/workflow/types';
import { style } from './terminal';

const outcomeText: Record<RunSummary['outcome'], string> = {
  done: 'passed',
  failed: 'failed',
  denied: 'stopped: approval denied',
  'rolled-back': 'failed and was rolled back',
  'rollback-failed': 'failed, and its rollback failed too: the server may be left half changed',
  interrupted: 'interrupted',
};

/** Formats the final report as lines of text. */
export function formatRunReport(workflow: Workflow, summary: RunSummary, events: RunEvent[], auditFile: string | undefined, resumeCommand?: string): string[] {
  const lines: string[] = [''];
  const groupIds = new Set(workflow.steps.filter(isParallelStep).map((g) => g.id));
  const count = events.filter((e) => e.type === 'step-done' && !e.stepId.includes('#') && !groupIds.has(e.stepId)).length;
  const head = summary.ok
    ? style.green(`✓ ${workflow.id} passed`)
    : style.red(`✗ ${workflow.id} ${outcomeText[summary.outcome]}`);
  lines.push(`${style.bold(head)} ${style.dim(`— ${count} ${count === 1 ? 'step' : 'steps'} done in ${summary.durationMs} ms, run ${summary.runId}`)}`);
  if (summary.message) lines.push(`  ${summary.message}`);

  const carried = carriedValues(workflow, summary);
  if (carried.length) {
    lines.push('', style.bold('IDs carried between steps'));
    for (const c of carried) lines.push(`  ${style.cyan(c.expression)} = ${shorten(JSON.stringify(c.value) ?? 'undefined')} ${style.dim('→')} ${c.consumers.join(', ')}`);
  }
  const groups = workflow.steps.filter(isParallelStep);
  const durations = new Map(events.flatMap((e) => (e.type === 'step-done' || e.type === 'step-failed' ? [[e.stepId, e.durationMs] as const] : [])));
  const ran = groups.filter((g) => durations.has(g.id));
  if (ran.length) {
    lines.push('', style.bold('Parallel gathering'));
    for (const g of ran) {
      const parts = g.parallel.map((c) => `${c.id} ${durations.get(c.id) ?? '?'} ms`);
      const sum = g.parallel.reduce((t, c) => t + (durations.get(c.id) ?? 0), 0);
      lines.push(`  ${g.id}: ${parts.join(', ')} — ${durations.get(g.id)} ms wall time for ${sum} ms of calls`);
    }
  }
  const last = [...workflow.steps].reverse().find((s) => summary.steps[s.id]?.ok && summary.steps[s.id]?.result !== undefined && isToolStep(s));
  if (last && summary.ok) {
    lines.push('', style.bold(`Result of ${last.id}${isToolStep(last) ? ` (${last.tool})` : ''}`));
    lines.push(...formatValue(summary.steps[last.id]!.result, '  ', 40));
  }
  if (auditFile) lines.push('', style.dim(`Audit log: ${auditFile}`));
  if (!summary.ok && summary.checkpoint) lines.push(style.dim(`Resume from checkpoint "${summary.checkpoint}": ${resumeCommand ?? `mcp-workflow run FILE --resume ${summary.runId}`}`));
  return lines;
}

interface Carried {
  expression: string;
  value: unknown;
  consumers: string[];
}

/** Every `${steps...}` reference in the workflow, with the value it had in this run and who used it. */
export function carriedValues(workflow: Workflow, summary: RunSummary): Carried[] {
  const byExpression = new Map<string, Carried>();
  const visit = (step: Step): void => {
    if (isParallelStep(step)) return step.parallel.forEach(visit);
    if (!summary.steps[step.id]) return;
    for (const ref of referencesIn(step)) {
      if (ref.path[0] !== 'steps') continue;
      let value: unknown;
      try {
        value = lookupPath({ steps: summary.steps }, ref.path, ref.expression);
      } catch {
        continue;
      }
      if (value !== null && typeof value === 'object') continue;
      const entry = byExpression.get(ref.expression) ?? { expression: ref.expression, value, consumers: [] };
      if (!entry.consumers.includes(step.id)) entry.consumers.push(step.id);
      byExpression.set(ref.expression, entry);
    }
  };
  workflow.steps.forEach(visit);
  (workflow.rollback ?? []).forEach(visit);
  return [...byExpression.values()];
}

function referencesIn(value: unknown): ReturnType<typeof findReferences> {
  if (typeof value === 'string') return findReferences(value);
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (k === 'id' ? [] : referencesIn(v)));
  return [];
}

/** The longest value the report shows whole; the audit log always has all of it. */
const MAX_SHOWN = 200;

/** A value's text cut to MAX_SHOWN characters, saying how long it was and where the rest is. */
function shorten(text: string): string {
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN)}… (${text.length} characters; the whole value is in the audit log)`;
}

/** A JSON value as indented `key: value` lines, lists of scalars on one line, at most `max` lines. */
export function formatValue(value: unknown, indent: string, max: number): string[] {
  const out: string[] = [];
  const scalar = (v: unknown): string => shorten(typeof v === 'string' ? v : JSON.stringify(v));
  const walk = (v: unknown, pad: string, key: string): void => {
    if (out.length > max) return;
    const label = key ? `${key}: ` : '';
    if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object') && v.map(scalar).join(', ').length <= 60) {
      out.push(`${pad}${label}${v.length ? v.map(scalar).join(', ') : '(none)'}`);
    } else if (Array.isArray(v)) {
      if (key) out.push(`${pad}${key}:`);
      v.forEach((x) => (x !== null && typeof x === 'object' ? (out.push(`${pad}  -`), walk(x, `${pad}    `, '')) : out.push(`${pad}  - ${scalar(x)}`)));
    } else if (v !== null && typeof v === 'object') {
      if (key) out.push(`${pad}${key}:`);
      for (const [k, x] of Object.entries(v)) walk(x, key ? `${pad}  ` : pad, k);
    } else {
      out.push(`${pad}${label}${scalar(v)}`);
    }
  };
  walk(value, indent, '');
  return out.length > max ? [...out.slice(0, max), `${indent}…`] : out;
}
