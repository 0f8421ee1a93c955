// `mcp-workflow record-to-workflow TRACE`: a session the proxy traced, written as a workflow file (the calls in
// order, overlapping calls in parallel, IDs bound to the result that minted them), so the runner can replay it.
import { writeFileSync } from 'node:fs';
import { workflowFromTrace } from '../../core/proxy/record-workflow';
import { formatWorkflow } from '../../core/workflow/draft-format';
import { parseCommand, writeError, type CliCommand } from '../command';
import { CliError } from '../server-session';
import { readTraceLines } from '../trace-file';

const help = `Usage: mcp-workflow record-to-workflow TRACE [--out FILE] [--server NAME] [--id ID]

Writes the workflow file a trace written by mcp-workflow proxy describes: each tool call a step in the order it
ran, calls that overlapped a "parallel" group, an argument equal to an identifier an earlier result carried a
\${steps.X.result.path} reference, and "expect" checks on each result's shape. Failed attempts that were retried
are left out.

Options:
  --out FILE     where to write it (default: stdout); the file is replaced
  --server NAME  the server key of .vscode/mcp.json (default: the one the trace names)
  --id ID        the workflow's id (default recorded-SERVER)

Exit code: 0 written, 2 bad usage or an unreadable trace.`;

const options = {
  out: { type: 'string' as const },
  server: { type: 'string' as const },
  id: { type: 'string' as const },
};

/** The `record-to-workflow` command. */
export const runRecordToWorkflow: CliCommand = async (argv) => {
  const parsed = parseCommand('record-to-workflow', help, argv, options);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    process.stderr.write(`mcp-workflow record-to-workflow: give one trace file\n\n${help}\n`);
    return 2;
  }
  try {
    const lines = await readTraceLines(positionals[0]!);
    const { workflow, warnings } = workflowFromTrace(lines, { ...(values.server ? { server: values.server } : {}), ...(values.id ? { id: values.id } : {}) });
    const text = formatWorkflow(workflow);
    for (const w of warnings) process.stderr.write(`mcp-workflow record-to-workflow: warning: ${w}\n`);
    if (!values.out || values.out === '-') process.stdout.write(text);
    else write(values.out, text);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    writeError('record-to-workflow', error.message, 2, false);
    return 2;
  }
};

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as Error).message}`);
  }
}
