// Reads a proxy trace for the commands that take one (record-to-workflow, replay): every line must parse.
import { describeFsError, readTextFile } from '../core/node-host';
import { parseTrace, type NumberedTraceLine } from '../core/proxy/trace';
import { CliError } from './server-session';

/** The lines of a trace file; an unreadable file or line is a CliError naming it. */
export async function readTraceLines(traceFile: string): Promise<NumberedTraceLine[]> {
  let text: string;
  try {
    text = await readTextFile(traceFile);
  } catch (error) {
    throw new CliError(`cannot read the trace ${traceFile}: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
  const { lines, problems } = parseTrace(text);
  const first = problems[0];
  if (first) throw new CliError(`${traceFile}:${first.line}: ${first.message}`);
  return lines;
}
