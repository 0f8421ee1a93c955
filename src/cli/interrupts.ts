// How `run` stops: SIGINT (Ctrl-C), SIGTERM and SIGHUP each cancel the calls in flight and let the runner
// write `run-done` with outcome "interrupted"; the exit code is 128 + the signal's number. A rollback that
// starts after the first signal is not cut short by it: it has its own signal, which only a second one fires.
import { constants } from 'node:os';

const handled = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type HandledSignal = (typeof handled)[number];

const label = (signal: HandledSignal): string => (signal === 'SIGINT' ? 'Ctrl-C' : signal);

/** The signals of one run and what they did. */
export interface Interrupts {
  /** Aborted by the first signal (or Ctrl-C typed at a prompt): stops the run. */
  readonly signal: AbortSignal;
  /** Aborted by a signal that arrives while a rollback runs: stops the rollback. */
  readonly rollbackSignal: AbortSignal;
  /** Records an interruption that did not come as a signal (Ctrl-C typed at a prompt in raw mode). */
  interrupt(signal: HandledSignal): void;
  /** Tells the handler that a rollback is running (a further signal stops it) or has ended. */
  setRollingBack(running: boolean): void;
  /** 128 + the number of the first signal, or undefined when nothing interrupted the run. */
  exitCode(): number | undefined;
  dispose(): void;
}

/** Installs the handlers; `say` prints one line to the user (stderr). */
export function installInterrupts(say: (line: string) => void): Interrupts {
  const stop = new AbortController();
  const stopRollback = new AbortController();
  let first: HandledSignal | undefined;
  let rollingBack = false;
  const interrupt = (signal: HandledSignal): void => {
    if (!first) {
      first = signal;
      stop.abort(new Error(`interrupted (${label(signal)})`));
      if (rollingBack) say(`mcp-workflow: ${label(signal)}: the rollback keeps running; ${label(signal)} again stops it`);
      return;
    }
    if (rollingBack && !stopRollback.signal.aborted) {
      stopRollback.abort(new Error(`rollback stopped by a second ${label(signal)}`));
      say(`mcp-workflow: ${label(signal)} again: stopping the rollback; the server may be left half rolled back`);
      return;
    }
    // Nothing is left that a second signal could stop gracefully: the user wants out now.
    say(`mcp-workflow: ${label(signal)} again: exiting at once`);
    process.exit(128 + constants.signals[signal]);
  };
  const listeners = handled.map((signal) => [signal, () => interrupt(signal)] as const);
  for (const [signal, listener] of listeners) process.on(signal, listener);
  return {
    signal: stop.signal,
    rollbackSignal: stopRollback.signal,
    interrupt,
    setRollingBack(running) {
      rollingBack = running;
      if (running && first) say(`mcp-workflow: rolling back after ${label(first)}; ${label(first)} again stops the rollback`);
    },
    exitCode: () => (first ? 128 + constants.signals[first] : undefined),
    dispose() {
      for (const [signal, listener] of listeners) process.removeListener(signal, listener);
    },
  };
}
