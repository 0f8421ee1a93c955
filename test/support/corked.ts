// Parallel calls as a parallel client makes them: their requests reach the server in one write. Node's scheduler
// may otherwise let the reader take the first request alone and answer it before the second arrives, and a trace
// would then show calls the client started together as one after another.
import type { Writable } from 'node:stream';
import type { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

/** Holds the child's stdin while `start` sends its requests (all before the next macrotask), then writes them at once. */
export async function corked<T>(transport: StdioClientTransport, start: () => Promise<T>[]): Promise<T[]> {
  // The SDK keeps its child process private; a small write of several messages on a pipe is one read for the reader.
  const stdin = (transport as unknown as { _process?: { stdin?: Writable } })._process?.stdin;
  if (!stdin) throw new Error('the stdio transport has no child process');
  stdin.cork();
  const calls = start();
  await new Promise((resolve) => setImmediate(resolve));
  stdin.uncork();
  return Promise.all(calls);
}
