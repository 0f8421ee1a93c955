// The processes a stdio server started itself (a wrapper script's real server, a helper it spawned): when the
// client closes the server, they go too, instead of being left running with nobody to stop them. Found
// through /proc (Linux); elsewhere the list is empty and only the server itself is stopped, by the SDK.
import { readFileSync, readdirSync } from 'node:fs';

/** Every descendant of `pid` that is running now, children before grandchildren. */
export function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const child of childrenOf(parent)) {
      if (out.includes(child)) continue;
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Whether `pid` is a live process (not gone, not a zombie waiting to be reaped). */
export function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX] /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** Sends SIGTERM to those of `pids` still running, then SIGKILL to any left after `graceMs`, and waits until all are gone. */
export async function stopProcesses(pids: number[], graceMs = 2000): Promise<void> {
  const running = (): number[] => pids.filter(isRunning);
  for (const pid of running()) signal(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (running().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  for (const pid of running()) signal(pid, 'SIGKILL');
  while (running().length > 0 && Date.now() < deadline + graceMs) await new Promise((resolve) => setTimeout(resolve, 10));
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
