// Workflow inputs for the CLI: from --input (converted to the declared type), a resumed run's saved
// values, the declared default, or a question on the terminal; a password input is asked without echo.
import type { Workflow } from '../core/workflow/types';
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
    if (given !== undefined) inputs[name] = convert(name, given, spec.type);
    else if (name in saved) inputs[name] = saved[name];
    else if (spec.default !== undefined) inputs[name] = spec.default;
    else if (process.stdin.isTTY) inputs[name] = convert(name, await askLine(`${spec.description ?? name}: `, { hidden: spec.password ?? false }), spec.type);
    else throw new CliError(`the workflow needs input "${name}"${spec.description ? ` (${spec.description})` : ''}; pass --input ${name}=VALUE`);
  }
  return { inputs, passwords };
}

function convert(name: string, text: string, type: string | undefined): unknown {
  if (type === 'number' || type === 'integer') {
    const n = Number(text);
    if (text.trim() === '' || Number.isNaN(n) || (type === 'integer' && !Number.isInteger(n))) throw new CliError(`--input ${name}=${text}: expected ${type === 'integer' ? 'an integer' : 'a number'}`);
    return n;
  }
  if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new CliError(`--input ${name}=${text}: expected true or false`);
    return text === 'true';
  }
  return text;
}
