// The boundary between a webview and the host: every message is parsed against its schema before anything
// acts on it. An invalid message is dropped and logged once, with a short reason (never its content, which
// could be huge or hold a secret someone pasted), and the panel carries on.
import type * as z from 'zod/mini';
import { parseMessage } from '../../shared/panel-protocol';

/** What the handler needs: where valid messages go and where refusals are logged. */
export interface MessageSink<T extends { type: string }> {
  handle(message: T): void | Promise<void>;
  warn(line: string): void;
}

/** Returns the function to hand to `webview.onDidReceiveMessage`, accepting only what `schema` allows. */
export function createMessageHandler<T extends { type: string }>(panel: string, schema: z.ZodMiniType<T>, sink: MessageSink<T>): (raw: unknown) => void {
  let dropped = 0;
  return (raw) => {
    const parsed = parseMessage(schema, raw);
    if (!parsed.ok) {
      dropped++;
      sink.warn(`${panel}: dropped an invalid message from the webview (${dropped} so far): ${parsed.why.slice(0, 200)}`);
      return;
    }
    try {
      const done = sink.handle(parsed.message);
      if (done) done.catch((error: unknown) => sink.warn(`${panel}: handling ${parsed.message.type} failed: ${error instanceof Error ? error.message : String(error)}`));
    } catch (error) {
      sink.warn(`${panel}: handling ${parsed.message.type} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
