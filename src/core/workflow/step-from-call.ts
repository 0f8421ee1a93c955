// A call made by hand (from the editor's call form or its history) written as a workflow step, so what
// worked once becomes part of a workflow file. Arguments the person marks as inputs become `${inputs.NAME}`
// references, and the inputs they need are declared with the value used as their default.
import type { ToolStep, WorkflowInput } from './types';

/** The step, and the `inputs` entries it refers to. */
export interface StepFromCall {
  step: ToolStep;
  inputs: Record<string, WorkflowInput>;
}

/** Builds the step for calling `tool` with `args`; `asInputs` names the top-level arguments to turn into inputs. */
export function stepFromCall(tool: string, args: Record<string, unknown>, asInputs: readonly string[] = []): StepFromCall {
  const inputs: Record<string, WorkflowInput> = {};
  const stepArgs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (!asInputs.includes(key)) {
      stepArgs[key] = escapeReferences(value);
      continue;
    }
    const name = inputName(key);
    stepArgs[key] = `\${inputs.${name}}`;
    inputs[name] = { ...inputType(value), default: value };
  }
  return { step: { id: stepId(tool), tool, arguments: stepArgs }, inputs };
}

/** The text put on the clipboard: the step, with the inputs it needs as a comment above it (workflow files are JSONC). */
export function formatStepFromCall(built: StepFromCall): string {
  const step = JSON.stringify(built.step, null, 2);
  const names = Object.keys(built.inputs);
  if (names.length === 0) return step;
  const declared = names.map((n) => `//   ${JSON.stringify(n)}: ${JSON.stringify(built.inputs[n])}`).join(',\n');
  return `// Add to the workflow's "inputs":\n${declared}\n${step}`;
}

/** A literal `${` in a value would read as a reference; the workflow format writes it `$${`. */
export function escapeReferences(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\{/g, () => '$${');
  if (Array.isArray(value)) return value.map(escapeReferences);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeReferences(v)]));
  return value;
}

function inputType(value: unknown): Pick<WorkflowInput, 'type'> {
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  if (typeof value === 'string') return { type: 'string' };
  return {};
}

/** Reference paths are dotted names: anything else in an argument name becomes `_`. */
function inputName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `_${name}`;
}

function stepId(tool: string): string {
  return tool.replace(/[^A-Za-z0-9_-]/g, '_') || 'step';
}
