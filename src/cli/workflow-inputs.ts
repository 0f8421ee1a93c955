// Workflow inputs for the CLI: from --input (converted to the declared type), a resumed run's saved
// values, the declared default, or a question on the terminal; a password input is asked without echo.
import { inputValue } from '../core/workflow/input-values';
import type { Workflow, WorkflowInput } from '../core/workflow/types';
import { CliError } from './server-session';
import { askLine } from './terminal';

/** The typed input values and the names of the password inputs among them. */
export async function resolveWorkflowInputs(
  workflow: Workflow,
  flags: Map<string, string>,
  saved: Record<string, unknown>,
): Promise<{ inputs: Record<string, unknown>; passwords: string[] }> {
  const inputs: Record<string, unknown> = {};
  const passwords: string[] = [];
  for (const [name, spec] of Object.entries(workflow.inputs ?? {})) {
    if (spec.password) passwords.push(name);
    const given = flags.get(name);
    if (given !== undefined) inputs[name] = convert(name, given, spec.type, spec.password ?? false);
    else if (name in saved) inputs[name] = saved[name];
    else if (spec.default !== undefined) inputs[name] = spec.default;
    else if (process.stdin.isTTY) inputs[name] = convert(name, await askLine(`${spec.description ?? name}: `, { hidden: spec.password ?? false }), spec.type, spec.password ?? false);
    else throw new CliError(`the workflow needs input "${name}"${spec.description ? ` (${spec.description})` : ''}; pass --input ${name}=VALUE`);
  }
  return { inputs, passwords };
}

/** Converts a given value to the input's type; the error about a password input never shows its value. */
function convert(name: string, text: string, type: WorkflowInput['type'], hidden: boolean): unknown {
  const converted = inputValue(text, type);
  if (!converted.ok) throw new CliError(`--input ${hidden ? name : `${name}=${text}`}: expected ${converted.expected}`);
  return converted.value;
}
