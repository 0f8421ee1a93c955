// Static checks of a loaded workflow: references that point nowhere or forward (or into their own parallel
// group), undeclared inputs; and, given the server's tools, missing tools, arguments that fail a tool's
// inputSchema, and result paths that the producing tool's outputSchema does not have.
import { schemaValidator } from '../json/schema-validator';
import type { Diagnostic } from '../diagnostic';
import type { JsonDocument } from './json-document';
import { loadWorkflowText } from './loader';
import { unescapeSegment } from '../json/json-doc';
import { findTodos, TODO_PREFIX } from './draft-format';
import { findReferences, formatPath, type PathSegment } from './references';
import type { Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { destructiveReason } from './destructive';
import { isApprovalStep, isCheckpointStep, isParallelStep, isStateMachineStep, type Step, type ToolStep, type Workflow } from './types';

/** A tool as tools/list (or the language server's index) describes it. */
export interface ToolInfo {
  name: string;
  inputSchema?: object;
  outputSchema?: object;
  /** Its annotations (`{}` when it has none); absent when they are not known, and then not judged. */
  annotations?: ToolAnnotations;
}

/** A server's tools/list as the checks read it: a tool without annotations has none (`{}`), which is known. */
export function fromToolsList(tools: readonly Tool[]): ToolInfo[] {
  return tools.map((t) => ({ ...t, annotations: t.annotations ?? {} }));
}

interface Placed {
  step: Step;
  path: (string | number)[];
  order: number;
  group?: string;
}

/** Every step with its JSON path and its place in the run order (rollback steps come after all others). */
function placeSteps(workflow: Workflow): Placed[] {
  const out: Placed[] = [];
  workflow.steps.forEach((step, i) => {
    out.push({ step, path: ['steps', i], order: i * 2 });
    if (isParallelStep(step)) step.parallel.forEach((child, j) => out.push({ step: child, path: ['steps', i, 'parallel', j], order: i * 2, group: step.id }));
  });
  (workflow.rollback ?? []).forEach((step, i) => out.push({ step, path: ['rollback', i], order: 1e6 + i }));
  return out;
}

/**
 * Every check of a workflow file's text in one call, for the language server and the CLI: syntax and schema
 * (the loader), references, and, when `tools` is given, tools, arguments and result paths against them.
 */
export function checkWorkflowText(file: string, text: string, tools?: ToolInfo[], where = 'the server'): Diagnostic[] {
  const loaded = loadWorkflowText(file, text);
  if (!loaded.workflow) return loaded.diagnostics;
  return [...checkWorkflowReferences(loaded.workflow, loaded.document), ...(tools ? checkWorkflowAgainstTools(loaded.workflow, loaded.document, tools, where) : [])];
}

/** Checks references against the workflow's own steps and inputs. */
export function checkWorkflowReferences(workflow: Workflow, document: JsonDocument): Diagnostic[] {
  const placed = placeSteps(workflow);
  const byId = new Map(placed.map((p) => [p.step.id, p]));
  const out: Diagnostic[] = [];
  const usedInputs = new Set<string>();
  for (const here of placed) {
    const loopRoots = isToolStepWithForEach(here.step) ? ['item', 'batch', 'batchIndex'] : [];
    forEachReference(here.step, here.path, document, (ref, range) => {
      const [root, target] = ref.path;
      const report = (message: string): void => void out.push({ file: document.file, range, severity: 'error', ruleId: 'workflow-reference', message });
      if (root === 'inputs' && typeof target === 'string') usedInputs.add(target);
      if (root === 'inputs') {
        if (typeof target === 'string' && !(target in (workflow.inputs ?? {}))) report(`\${${ref.expression}}: the workflow declares no input "${target}"; add it under "inputs"`);
      } else if (root === 'steps') {
        const producer = typeof target === 'string' ? byId.get(target) : undefined;
        if (!producer) report(`\${${ref.expression}}: there is no step "${String(target)}"; steps: ${[...byId.keys()].join(', ')}`);
        else if (producer.group && producer.group === here.group && producer !== here) report(`\${${ref.expression}}: "${target}" runs in the same parallel group as "${here.step.id}", so its result is not there yet; move one of them out of the group`);
        else if (producer.order >= here.order) report(`\${${ref.expression}}: step "${target}" runs ${producer === here ? 'in this very step' : 'later'}; a step can only use results of steps before it`);
      } else if (!['run', 'checkpoint', ...loopRoots].includes(String(root))) {
        report(`\${${ref.expression}}: unknown root "${String(root)}"; use inputs, steps, run, checkpoint${loopRoots.length ? ', item, batch or batchIndex' : ' (item and batch only inside forEach)'}`);
      }
    });
  }
  out.push(...checkWorkflowTodos(workflow, document));
  // An input that nothing reads is a value the user sets for nothing (a hard-coded number left beside it, say).
  for (const name of Object.keys(workflow.inputs ?? {})) {
    if (usedInputs.has(name)) continue;
    out.push({ file: document.file, range: document.keyRangeOf(['inputs', name]), severity: 'warning', ruleId: 'workflow-unused-input', message: `input "${name}" is declared but no step uses \${inputs.${name}}; use it or remove it` });
  }
  return out;
}

/**
 * Every "TODO: …" string (a drafted workflow's open decisions) is an error: sent as an argument it would reach
 * the server as if it were a value, so a run stops on it until a person replaces it.
 */
export function checkWorkflowTodos(workflow: Workflow, document: JsonDocument): Diagnostic[] {
  return findTodos(workflow).map((todo) => {
    const path = todo.pointer.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : unescapeSegment(s)));
    return diag(document, path, 'workflow-todo', `left to decide: ${todo.why}; replace the "TODO: …" value`);
  });
}

/** Checks tool names, arguments and result paths against the tools of `where` (a live server, or the workspace's sources). */
export function checkWorkflowAgainstTools(workflow: Workflow, document: JsonDocument, tools: ToolInfo[], where = 'the server'): Diagnostic[] {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const placed = placeSteps(workflow);
  const stepsById = new Map(placed.map((p) => [p.step.id, p.step]));
  const out: Diagnostic[] = [];
  for (const here of placed) {
    const calls: { tool: string; args: Record<string, unknown> | undefined; at: (string | number)[] }[] = [];
    const s = here.step;
    if ('tool' in s) calls.push({ tool: s.tool, args: s.arguments, at: here.path });
    if (isCheckpointStep(s) && s.checkpoint.tool) calls.push({ tool: s.checkpoint.tool, args: s.checkpoint.arguments, at: [...here.path, 'checkpoint'] });
    if (isStateMachineStep(s)) calls.push({ tool: s.stateMachine.tool, args: undefined, at: [...here.path, 'stateMachine'] });
    for (const call of calls) {
      const tool = byName.get(call.tool);
      // A drafted step's tool left to decide is reported once, as a todo.
      if (call.tool.startsWith(TODO_PREFIX)) continue;
      if (!tool) {
        const near = closest(call.tool, [...byName.keys()]);
        out.push(diag(document, [...call.at, 'tool'], 'workflow-missing-tool', `${where} has no tool "${call.tool}"${near ? `; did you mean "${near}"?` : ''}`));
        continue;
      }
      if (call.args && tool.inputSchema) out.push(...checkArguments(document, tool, call.args, [...call.at, 'arguments']));
    }
    if ('tool' in s && here.order < 1e6) out.push(...checkEffects(workflow, document, here, s, byName.get(s.tool)));
    forEachReference(s, here.path, document, (ref, range) => {
      if (ref.path[0] !== 'steps' || ref.path[2] !== 'result' || typeof ref.path[1] !== 'string') return;
      const producer = stepsById.get(ref.path[1]);
      if (!producer || !('tool' in producer)) return;
      const schema = byName.get(producer.tool)?.outputSchema;
      const rest = producer.forEach ? ref.path.slice(5) : ref.path.slice(3);
      if (producer.forEach && (ref.path[3] !== 'results' || typeof ref.path[4] !== 'number')) {
        if (ref.path.length > 3 && ref.path[3] !== 'results') out.push({ file: document.file, range, severity: 'error', ruleId: 'workflow-result-path', message: `\${${ref.expression}}: "${producer.id}" runs forEach, so its result is {results: [...]}` });
        return;
      }
      const missing = schema ? missingSegment(schema, rest) : undefined;
      if (missing) out.push({ file: document.file, range, severity: 'error', ruleId: 'workflow-result-path', message: `\${${ref.expression}}: ${producer.tool}'s outputSchema has no "${missing.segment}" at ${formatPath(['result', ...missing.before])}${missing.known.length ? `; it has ${missing.known.join(', ')}` : ''}` });
    });
  }
  return out;
}

/**
 * What a listed tool step does to the server, judged from its tool's annotations: a destructive tool with no
 * approval step before it (the run view asks first; `--yes` in CI does not), and retries of a tool that does not
 * say a repeat is harmless. Unknown annotations are not judged.
 */
function checkEffects(workflow: Workflow, document: JsonDocument, here: Placed, step: ToolStep, tool: ToolInfo | undefined): Diagnostic[] {
  if (!tool?.annotations) return [];
  const annotations = tool.annotations;
  const out: Diagnostic[] = [];
  const reason = destructiveReason(tool);
  // An approval step, or a checkpoint (the seed's safe migration: a failure rolls back to it), covers what follows.
  const gated = workflow.steps.slice(0, Math.floor(here.order / 2)).some((s) => isApprovalStep(s) || isCheckpointStep(s));
  if (reason && !gated && step.confirm !== false) {
    out.push({ ...diag(document, [...here.path, 'tool'], 'workflow-destructive-without-approval', `${step.tool} may destroy (${reason}) and no approval step or checkpoint comes before "${step.id}": the run view asks to confirm it, but \`mcp-workflow run --yes\` calls it unasked. Add an approval step before it, or "confirm": false once it is safe`), severity: 'hint' });
  }
  const retried = Object.entries({ ...workflow.defaults?.retry, ...step.retry }).filter(([, rule]) => rule.strategy !== 'never').map(([code]) => code);
  if (retried.length > 0 && annotations.readOnlyHint !== true && annotations.idempotentHint !== true) {
    const at = step.retry ? [...here.path, 'retry'] : ['defaults', 'retry'];
    out.push({ ...diag(document, at, 'workflow-retry-not-idempotent', `"${step.id}" retries ${step.tool} on ${retried.join(', ')}, and ${step.tool} does not say a repeated call is harmless (no idempotentHint: true): a retry may do its work twice`), range: document.keyRangeOf(at), severity: 'warning' });
  }
  return out;
}

function isToolStepWithForEach(step: Step): step is ToolStep {
  return 'tool' in step && step.forEach !== undefined;
}

function checkArguments(document: JsonDocument, tool: ToolInfo, args: Record<string, unknown>, at: (string | number)[]): Diagnostic[] {
  const validate = schemaValidator(tool.inputSchema!);
  if (!validate || validate(args)) return [];
  const templated = (path: string[]): boolean => {
    let v: unknown = args;
    for (const p of path) {
      if (typeof v === 'string') return true;
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
    }
    return typeof v === 'string' && (v.includes('${') || v.startsWith(TODO_PREFIX));
  };
  return (validate.errors ?? [])
    .filter((e) => !templated(e.instancePath.split('/').slice(1)))
    .map((e) => {
      const path = e.instancePath.split('/').slice(1);
      const extraKey = e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: string }).additionalProperty) : undefined;
      const where = path.length ? `argument "${path.join('.')}"` : 'the arguments';
      const message = extraKey ? `${tool.name} takes no argument "${extraKey}"` : `${where} of ${tool.name} ${e.message ?? 'is invalid'}`;
      return diag(document, [...at, ...path, ...(extraKey ? [extraKey] : [])], 'workflow-arguments', message);
    });
}

function missingSegment(schema: object, path: PathSegment[]): { segment: string; before: PathSegment[]; known: string[] } | undefined {
  let node = schema as Record<string, unknown>;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (typeof seg === 'number' || seg === 'length') {
      const items = node['items'];
      if (typeof seg === 'number' && items && typeof items === 'object') node = items as Record<string, unknown>;
      else return undefined;
      continue;
    }
    const props = node['properties'] as Record<string, object> | undefined;
    if (!props) return undefined;
    const next = props[seg];
    if (!next) {
      const open = node['additionalProperties'];
      return open === true || (open && typeof open === 'object') ? undefined : { segment: seg, before: path.slice(0, i), known: Object.keys(props) };
    }
    node = next as Record<string, unknown>;
  }
  return undefined;
}

function forEachReference(
  step: Step,
  base: (string | number)[],
  document: JsonDocument,
  visit: (ref: ReturnType<typeof findReferences>[number], range: Diagnostic['range']) => void,
): void {
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const refs = findReferences(value);
      if (refs.length === 0) return;
      const node = document.nodeAt(path);
      for (const ref of refs) {
        const range = node && node.type === 'string' ? document.rangeAt(node.offset + 1 + ref.start, ref.end - ref.start) : document.rangeOf(path);
        visit(ref, range);
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'parallel' || !isParallelStep(step)) walk(v, [...path, k]);
  };
  if (!isParallelStep(step)) walk(step, base);
  else if (step.when !== undefined) walk(step.when, [...base, 'when']);
}

function diag(document: JsonDocument, path: (string | number)[], ruleId: string, message: string): Diagnostic {
  return { file: document.file, range: document.rangeOf(path), severity: 'error', ruleId, message };
}

function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}
