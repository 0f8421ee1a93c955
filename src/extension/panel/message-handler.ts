// The boundary between a webview and the host: every message is parsed against its schema before anything
// acts on it. An invalid message is dropped and logged once, with a short reason (never its content, which
// could be huge or hold a secret someone pasted), and the panel carries on.
import { parseMessage, WebviewMessage } from '../../shared/panel-protocol';

/** What the handler needs: where valid messages go and where refusals are logged. */
export interface MessageSink {
  handle(message: WebviewMessage): void | Promise<void>;
  warn(line: string): void;
}

/** Returns the function to hand to `webview.onDidReceiveMessage`. */
export function createMessageHandler(panel: string, sink: MessageSink): (raw: unknown) => void {
  let dropped = 0;
  return (raw) => {
    const parsed = parseMessage(WebviewMessage, raw);
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
