// Process handling for the editor harness: every long-lived process (code-server, Chromium) starts in a
// process group of its own, is recorded in the run's pid folder, and is stopped by group (SIGTERM, wait for
// it to exit, SIGKILL) so that its children (extension host, renderer, GPU process) go with it.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A process that leads its own process group. */
export interface GroupProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the exit code (or signal name) when the group leader exits. */
  readonly exited: Promise<number | string>;
}

/** Starts `command` as the leader of a new process group and records its pid under `pidDir`. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions, pidDir: string): GroupProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  mkdirSync(pidDir, { recursive: true });
  writeFileSync(join(pidDir, String(pid)), `${command} ${args.join(' ')}\n`);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return { child, pid, exited };
}

/** Stops a process group: SIGTERM to the whole group, up to `graceMs` for the leader to exit, then SIGKILL. */
export async function stopGroup(proc: GroupProcess, pidDir: string, graceMs = 3000): Promise<void> {
  signalGroup(proc.pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([proc.exited, timeout]);
  clearTimeout(timer);
  // Children may outlive a leader that exited on SIGTERM, so the group is killed either way.
  signalGroup(proc.pid, 'SIGKILL');
  rmSync(join(pidDir, String(proc.pid)), { force: true });
}

/** Kills (SIGKILL) every process group still recorded under `pidDir`; returns the pids it found. */
export function killRecordedGroups(pidDir: string): number[] {
  let pids: number[] = [];
  try {
    pids = readdirSync(pidDir).map(Number).filter((n) => Number.isInteger(n) && n > 1);
  } catch {
    return [];
  }
  for (const pid of pids) {
    signalGroup(pid, 'SIGKILL');
    rmSync(join(pidDir, String(pid)), { force: true });
  }
  return pids;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    // ESRCH means the group is already gone, which is the goal.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Resolves with the first line of the process's output that matches `pattern`; rejects when the process
 * exits first or `timeoutMs` passes, with the output's tail in the message.
 */
export function waitForOutput(proc: GroupProcess, pattern: RegExp, timeoutMs: number, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let tail = '';
    const onData = (chunk: Buffer): void => {
      tail = (tail + chunk.toString()).slice(-4000);
      const match = tail.match(pattern);
      if (match) finish(() => resolve(match));
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`${what}: not seen within ${timeoutMs} ms; output:\n${tail}`))), timeoutMs);
    const onExit = (code: number | null, signal: string | null): void =>
      finish(() => reject(new Error(`${what}: process exited (${code ?? signal}) first; output:\n${tail}`)));
    function finish(settle: () => void): void {
      clearTimeout(timer);
      proc.child.stdout?.off('data', onData);
      proc.child.stderr?.off('data', onData);
      proc.child.off('exit', onExit);
      settle();
    }
    proc.child.stdout?.on('data', onData);
    proc.child.stderr?.on('data', onData);
    proc.child.once('exit', onExit);
  });
}

/** A live process that carries the run's marker in its environment. */
export interface MarkedProcess {
  readonly pid: number;
  readonly command: string;
}

/**
 * Lists live processes whose environment holds `name=value`. Every process the harness starts gets the run's
 * marker and passes it on to its children (extension host, Chromium's renderers), so this finds exactly this
 * run's processes, whatever their command line and process group.
 */
export function findMarkedProcesses(name: string, value: string): MarkedProcess[] {
  const needle = `${name}=${value}\0`;
  const found: MarkedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      // A zombie has an empty command line and will vanish with its parent; it is not a running process.
      if (command) found.push({ pid, command });
    } catch {
      // The process ended while it was being read.
    }
  }
  return found;
}

/** SIGKILLs every live process whose environment holds `name=value`; returns what it killed. */
export function killMarkedProcesses(name: string, value: string): MarkedProcess[] {
  const found = findMarkedProcesses(name, value);
  for (const p of found) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // It ended on its own in the meantime.
    }
  }
  return found;
}

/** Live (not zombie) processes whose command line matches `pattern`, like `pgrep -af` without the zombies. */
export function findLiveProcesses(pattern: RegExp): MarkedProcess[] {
  const found: MarkedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      // The state letter follows the command name in parentheses, which may itself contain spaces.
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      if (pattern.test(command)) found.push({ pid, command });
    } catch {
      // The process ended while it was being read.
    }
  }
  return found;
}
