// Reading a workflow file for a command that needs it valid (proxy, verify): its problems are one CliError.
import { resolve } from 'node:path';
import { describeFsError, readTextFile } from '../core/node-host';
import { loadWorkflowText } from '../core/workflow/loader';
import type { Workflow } from '../core/workflow/types';
import { CliError } from './server-session';

/** Loads and validates `file`; a missing, unreadable or invalid file is a CliError naming its first problem. */
export async function readWorkflowFile(file: string): Promise<Workflow> {
  let text: string;
  try {
    text = await readTextFile(resolve(file));
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  const loaded = loadWorkflowText(file, text);
  const first = loaded.diagnostics.find((d) => d.severity === 'error');
  if (!loaded.workflow || first) {
    const at = first ? `:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}` : ': invalid';
    throw new CliError(`${file}${at}; mcp-workflow check ${file} lists every problem`);
  }
  return loaded.workflow;
}
