// Drafts a workflow file from a guided prompt: the tools in the order its text names them, the section it says
// may run in parallel as a `parallel` group, arguments bound from earlier steps and from the prompt's arguments
// (as inputs), an approval gate before a tool it asks to confirm, a checkpoint and rollback where it asks to roll
// back on failure, and retry rules from its retry guidance. What a person must decide is a "TODO: …" string,
// which the static check reports (workflow-todo), so the draft cannot run unnoticed with a placeholder in it.
import type { PromptDef, ToolDef } from '../model';
import { findGuidanceCodes } from '../rules/retry-undefined-error-code';
import { batchItems, bindArguments, useInput, type DraftTool, type EarlierStep } from './draft-bindings';
import { asksForCheckpoint, batchesOn, confirmedTools, literalsAfter, namedTools, parallelSections, rollbackLines, rollbackTools, type NamedTool, type PromptText } from './draft-text';
import { findTodos, formatWorkflow, type Todo } from './draft-format';
import type { ApprovalStep, RetryRule, Step, ToolStep, Workflow, WorkflowInput } from './types';

export type { Todo };

/** What the caller knows that the prompt does not say. */
export interface DraftOptions {
  /** The key of `.vscode/mcp.json` `servers` to run against; a TODO when not given. */
  server?: string;
  /** The `$schema` to write (a path relative to the file, or a URL); left out when not given. */
  schema?: string;
}

/** A drafted workflow: the object, its file text, and every place left for a person to decide. */
export interface DraftedWorkflow {
  workflow: Workflow;
  text: string;
  todos: Todo[];
}

/** One unit of the run order: a tool, or the tools of a parallel section. */
interface Unit {
  named: NamedTool[];
  title?: string;
}

/** Whether a prompt guides through a workflow worth drafting: its text names two tools or more. */
export function isGuidedPrompt(prompt: PromptDef, tools: readonly ToolDef[]): boolean {
  return namedTools(prompt, tools).named.length >= 2;
}

/** Drafts the workflow a prompt describes, against the workspace's tools. */
export function draftWorkflow(prompt: PromptDef, tools: readonly ToolDef[], options: DraftOptions = {}): DraftedWorkflow {
  const draftTools = tools.map(toDraftTool);
  const { text, named } = namedTools(prompt, tools);
  const inputs: Record<string, WorkflowInput> = {};
  const builder = new StepBuilder(prompt, draftTools, text, inputs);
  const steps = builder.build(groupUnits(text, named), confirmedTools(text, named, tools), rollbackTools(text, named));
  const rollback = asksForCheckpoint(text) && builder.rollbackUsed ? [builder.rollbackStep(rollbackLines(text))] : [];
  const retry = retryRules([text.text, ...named.map((n) => draftTools.find((t) => t.name === n.name)?.description ?? '')].join('\n'));
  const workflow: Workflow = {
    id: prompt.name.replace(/[^A-Za-z0-9_.-]/g, '-') || 'workflow',
    title: prompt.description?.value ?? prompt.name,
    description: `Drafted from the prompt "${prompt.name}": its tools in the order its text names them.`,
    server: options.server ?? 'TODO: the key of "servers" in .vscode/mcp.json to run against',
    ...(Object.keys(inputs).length ? { inputs } : {}),
    ...(retry ? { defaults: { retry } } : {}),
    steps: steps.length ? steps : [{ id: 'todo', tool: 'TODO: the prompt names no tool of the workspace; name the first step\'s tool' }],
    ...(rollback.length ? { rollback } : {}),
  };
  return { workflow, text: formatWorkflow(workflow, options.schema), todos: findTodos(workflow) };
}

/** The plain JSON Schemas and description of a tool, as the draft reads them. */
function toDraftTool(tool: ToolDef): DraftTool {
  const object = (value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  const inputSchema = object(tool.inputSchema?.value);
  const outputSchema = object(tool.outputSchema?.value);
  return { name: tool.name, ...(tool.description ? { description: tool.description.value } : {}), ...(inputSchema ? { inputSchema } : {}), ...(outputSchema ? { outputSchema } : {}) };
}

/** The named tools in order, those of one parallel section (two or more) together. */
function groupUnits(text: PromptText, named: readonly NamedTool[]): Unit[] {
  const sections = parallelSections(text);
  const units: Unit[] = [];
  for (const n of named) {
    const section = sections.find((s) => n.at >= s.from && n.at <= s.to);
    const last = units[units.length - 1];
    if (section && last?.title === section.title && last.named.some((m) => m.at >= section.from)) last.named.push(n);
    else units.push({ named: [n], ...(section ? { title: section.title } : {}) });
  }
  return units.flatMap((u) => (u.named.length > 1 ? [u] : u.named.map((n) => ({ named: [n] }))));
}

/** Builds the steps unit by unit, each bound against the steps before its unit. */
class StepBuilder {
  private readonly earlier: EarlierStep[] = [];
  private readonly ids = new Set<string>();
  rollbackUsed = false;

  constructor(
    private readonly prompt: PromptDef,
    private readonly tools: readonly DraftTool[],
    private readonly text: PromptText,
    private readonly inputs: Record<string, WorkflowInput>,
  ) {}

  build(units: readonly Unit[], confirmed: ReadonlySet<string>, rollingBack: ReadonlySet<string>): Step[] {
    const steps: Step[] = [];
    let checkpointed = false;
    for (const unit of units) {
      const gated = unit.named.filter((n) => confirmed.has(n.name));
      if (!checkpointed && asksForCheckpoint(this.text) && unit.named.some((n) => rollingBack.has(n.name))) {
        steps.push(this.checkpoint(unit.named[0]!));
        checkpointed = true;
      }
      const made = unit.named.map((n) => this.toolStep(n, gated.length > 0, checkpointed && rollingBack.has(n.name)));
      if (gated.length) steps.push(this.approval(gated, made));
      steps.push(made.length > 1 ? { id: this.uniqueId('parallel'), title: unit.title ?? 'In parallel', parallel: made } : made[0]!);
      for (const step of made) this.earlier.push({ id: step.id, tool: this.toolOf(step.tool) });
    }
    return steps;
  }

  private toolStep(n: NamedTool, approved: boolean, rollback: boolean): ToolStep {
    const tool = this.tools.find((t) => t.name === n.name);
    const id = this.uniqueId(n.name);
    const step: ToolStep = { id, tool: n.candidates ? `TODO: the tool "${n.name}" means (${n.candidates.length ? `one of ${n.candidates.join(', ')}` : 'none is declared'})` : n.name };
    const args = tool
      ? bindArguments(tool, { earlier: this.earlier, promptArguments: this.prompt.arguments, literals: literalsAfter(n.line, n.written), inputs: this.inputs, approved })
      : { TODO: `TODO: no tool "${n.name}" is declared in the workspace; check its name and write its arguments` };
    const batches = tool && this.batches(n, tool, args);
    if (batches) step.forEach = batches;
    if (Object.keys(args).length) step.arguments = args;
    if (rollback) {
      step.onError = 'rollback';
      this.rollbackUsed = true;
    }
    return step;
  }

  /**
   * "in batches of N" on the tool's line: a forEach over what an earlier step counted, in batches of N (or of the
   * prompt argument that gives N); an offset/size tool gets each batch's first index and length.
   */
  private batches(n: NamedTool, tool: DraftTool, args: Record<string, unknown>): ToolStep['forEach'] | undefined {
    const said = batchesOn(n.line);
    if (!said) return undefined;
    const argument = 'argument' in said ? this.prompt.arguments.find((a) => a.name === said.argument) : undefined;
    const batchSize = 'size' in said ? said.size : argument ? useInput(argument, { type: 'integer' }, this.inputs) : `TODO: how many items a batch holds ("${said.argument}")`;
    const properties = (tool.inputSchema?.['properties'] ?? {}) as Record<string, unknown>;
    if ('offset' in properties && 'size' in properties) Object.assign(args, { offset: '${batch[0]}', size: '${batch.length}' });
    return { items: batchItems(tool.name, this.earlier) ?? `TODO: the list (or count) ${tool.name} goes through in batches`, batchSize };
  }

  /** A gate before the gated tools; `affected` is the ID the first of them acts on, when one is carried in. */
  private approval(gated: readonly NamedTool[], made: readonly ToolStep[]): ApprovalStep {
    const names = gated.map((n) => n.name).join(', ');
    const first = gated[0]!;
    const said = first.line.split(first.written).join(first.name).replace(/^\s*(?:[-*]|\d+\.)\s*/, '').trim();
    const args = Object.entries(made.find((m) => m.tool === first.name)?.arguments ?? {});
    const affected = args.find(([k, v]) => /(?:^|_)id$/.test(k) && typeof v === 'string' && v.startsWith('${steps.'))?.[1];
    return { id: this.uniqueId(`approve_${first.name}`), title: `Approve ${names}`, approval: { summary: `Run ${names}: ${said}`, ...(affected ? { affected } : {}), reversible: false } };
  }

  private checkpoint(before: NamedTool): Step {
    return { id: this.uniqueId('checkpoint'), title: `Checkpoint before ${before.name}`, checkpoint: { name: `before-${before.name}` } };
  }

  /** The rollback step: a tool the rollback lines name, else one whose name says it restores or rolls back. */
  rollbackStep(lines: readonly string[]): ToolStep {
    const word = (name: string) => new RegExp(`(^|[^\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`);
    const named = this.tools.find((t) => lines.some((l) => word(t.name).test(l)));
    // Of the tools that restore, one taking what the lines say to roll back with ("using backup_id") first.
    const takes = (t: DraftTool) => Object.keys((t.inputSchema?.['properties'] ?? {}) as object).some((p) => lines.some((l) => word(p).test(l)));
    const restoring = this.tools.filter((t) => /restore|rollback|roll_back/.test(t.name)).sort((a, b) => Number(takes(b)) - Number(takes(a)));
    const bindable = restoring.find((t) => !JSON.stringify(bindArguments(t, this.rollbackContext())).includes('"TODO:'));
    const tool = named ?? bindable ?? restoring[0];
    const id = this.uniqueId(`rollback_${tool?.name ?? 'step'}`);
    if (!tool) return { id, tool: 'TODO: the tool that undoes the changes (the prompt says to roll back)' };
    const args = bindArguments(tool, this.rollbackContext());
    return { id, title: 'Roll back', tool: tool.name, ...(Object.keys(args).length ? { arguments: args } : {}) };
  }

  private rollbackContext() {
    return { earlier: this.earlier, promptArguments: this.prompt.arguments, literals: new Map<string, string>(), inputs: this.inputs, approved: false, rollback: true };
  }

  private toolOf(name: string): DraftTool {
    return this.tools.find((t) => t.name === name) ?? { name };
  }

  private uniqueId(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z_]/, '_$&');
    let id = clean;
    for (let i = 2; this.ids.has(id); i++) id = `${clean}_${i}`;
    this.ids.add(id);
    return id;
  }
}

/** Retry rules from guidance naming error codes: wait retry_after, exponential backoff (up to N retries), never. */
function retryRules(text: string): Record<string, RetryRule> | undefined {
  const rules: Record<string, RetryRule> = {};
  for (const { code, index } of findGuidanceCodes(text)) {
    const sentence = sentenceAt(text, index);
    if (rules[code]) continue;
    if (/\b(?:do not|don't|never|no)\s+retry/i.test(sentence)) rules[code] = { strategy: 'never' };
    else if (/retry_after|retry-after/i.test(sentence)) rules[code] = { strategy: 'retry_after', maxAttempts: 3 };
    else if (/\bretr(?:y|ies)\b/i.test(sentence)) {
      const times = /up to (\d+) times/i.exec(sentence)?.[1];
      rules[code] = { strategy: 'exponential', maxAttempts: times ? Number(times) + 1 : 3 };
    }
  }
  return Object.keys(rules).length ? rules : undefined;
}

function sentenceAt(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('.', index - 1), text.lastIndexOf('\n', index - 1)) + 1;
  const ends = ['.', '\n'].map((c) => text.indexOf(c, index)).filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) : text.length);
}
