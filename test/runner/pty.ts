// The built CLI on a real terminal: util-linux `script` gives it a pseudo-terminal, so Ctrl-C and Ctrl-D
// typed at a prompt go through the terminal driver exactly as a person's keys do. Tests wait for output, never
// for time.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from './helpers';

/** A CLI process on a pseudo-terminal. */
export interface PtyCli {
  readonly child: ChildProcess;
  /** Everything the CLI wrote to the terminal so far (stdout and stderr share it), without carriage returns. */
  output(): string;
  /** Resolves once the output matches. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Types keys (e.g. "\x03" for Ctrl-C, "\x04" for Ctrl-D). */
  type(keys: string): void;
  /** The CLI's own process id (not the terminal's), for sending it real signals. */
  pid(): Promise<number>;
  /** The CLI's exit code. */
  readonly exited: Promise<number | null>;
  /** Ends the terminal (the CLI gets SIGHUP) if the CLI is still running: a failed test leaves nothing behind. */
  stop(): void;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts `mcp-workflow ARGS` on a pseudo-terminal in `cwd`. */
export function spawnCliOnPty(args: string[], cwd: string): PtyCli {
  // The shell prints its pid and then becomes the CLI (exec), so that pid is the CLI's.
  const command = `echo "cli-pid $$"; exec ${[process.execPath, join(root, 'bin', 'mcp-workflow.js'), ...args].map(quote).join(' ')}`;
  // -e: script exits with the CLI's exit code; -q: no "Script started" banner.
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd, env: { ...process.env, NO_COLOR: '1', SHELL: '/bin/sh' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.stdout!.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8').replace(/\r/g, '');
    for (const w of [...waiters]) {
      if (w.pattern.test(text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const waitFor = (pattern: RegExp): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (pattern.test(text)) return resolve();
      waiters.push({ pattern, resolve });
      void exited.then(() => {
        if (!pattern.test(text)) reject(new Error(`the CLI exited before printing ${pattern}; it printed:\n${text}`));
      });
    });
  return {
    child,
    output: () => text.replace(/^cli-pid \d+\n/, ''),
    pid: async () => {
      await waitFor(/^cli-pid \d+$/m);
      return Number(/^cli-pid (\d+)$/m.exec(text)![1]);
    },
    waitFor,
    type: (keys) => child.stdin!.write(keys),
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}
