// One proxied session: the transport a client talks to, paired with a fresh transport to the real server,
// every message recorded in the trace on its way through.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ServerLaunch } from '../mcp/client';
import { forwardMessages, type ForwardedPair } from './forward';
import type { TraceDirection, TraceRecorder } from './trace';
import { openUpstream } from './upstream';

/** What a session needs besides its client transport. */
export interface ProxySessionOptions {
  launch: ServerLaunch;
  recorder: TraceRecorder;
  server: string;
  workflow?: string;
  /** The HTTP session id; a stdio proxy has one session and leaves it out. */
  session?: string;
  onStderr?: (text: string) => void;
  onFailure?: (direction: TraceDirection, error: unknown) => void;
}

/** Starts the real server (or reaches it) and forwards between it and `client` until either side closes. */
export function startProxySession(client: Transport, options: ProxySessionOptions): Promise<ForwardedPair> {
  const { recorder, session } = options;
  recorder.start({ server: options.server, ...(session ? { session } : {}), ...(options.workflow ? { workflow: options.workflow } : {}) });
  const upstream = openUpstream(options.launch, options.onStderr ? { onStderr: options.onStderr } : {});
  return forwardMessages(client, upstream, {
    observe: (direction, message) => recorder.record(direction, message, session),
    ...(options.onFailure ? { onFailure: options.onFailure } : {}),
  });
}
