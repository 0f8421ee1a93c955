// MCP progress notifications for long tools. A client asks for them by putting a progressToken in the
// request's _meta; without one the tool stays silent, as the spec requires.
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';

/** The `extra` argument the SDK gives every tool handler. */
export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Sends notifications/progress for the current request when the client asked for progress. */
export async function reportProgress(extra: ToolExtra, progress: number, total: number, message: string): Promise<void> {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return;
  await extra.sendNotification({
    method: 'notifications/progress',
    params: { progressToken, progress, total, message },
  });
}

/** Waits `ms`, or rejects early when the request is cancelled (the client sent notifications/cancelled). */
export function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Error('cancelled'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Lets a progress notification leave before the response that follows it. The SDK client handles a
 * notification a microtask later than a response that arrives in the same read, and drops progress for a
 * request that has already answered (typescript-sdk issue #2580); a few milliseconds apart, both arrive.
 */
export function settleProgress(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5));
}
