// `mcp-workflow … | head`: the reader of standard output may leave before the command is done. Node then emits EPIPE
// on process.stdout, unhandled, which printed a stack trace. Instead what is still written is dropped: a one-shot
// command finishes and exits with its own code, `check --watch` ends (nothing it prints can be seen any more), and
// `run` goes on to its end (its audit log and checkpoints are the record; a run cut short by its reader leaving would
// leave a workflow half done). Any other failure to write standard output ends the command with one line and 74
// (EX_IOERR). Not for `proxy` and `replay`, whose standard output is an MCP transport.

interface State {
  installed: boolean;
  closed: boolean;
  listeners: (() => void)[];
}

// The process's one state, whichever bundle asks: main.ts (dist/cli.js) installs the handler, and the commands of
// dist/cli-heavy.js, which holds a copy of this module, listen.
const state: State = ((globalThis as { [key: symbol]: State })[Symbol.for('mcp-workflow.stdout-closed')] ??= { installed: false, closed: false, listeners: [] });

/** Handles standard output's write errors for the rest of the process (once; later calls add nothing). */
export function handleStdoutClosing(): void {
  if (state.installed) return;
  state.installed = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      process.stderr.write(`mcp-workflow: cannot write to standard output: ${error.message}\n`);
      process.exit(74);
    }
    // Each write after the first failed one fails too: the reader left once.
    if (state.closed) return;
    state.closed = true;
    for (const listener of state.listeners.splice(0)) listener();
  });
}

/** Calls `listener` once, when the reader of standard output has left. */
export function onStdoutClosed(listener: () => void): void {
  if (state.closed) listener();
  else state.listeners.push(listener);
}
