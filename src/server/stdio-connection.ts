// The language server's connection over stdio (`--stdio`, how every LSP client but VS Code starts it; VS Code's
// client uses Node IPC). vscode-jsonrpc's stream writer sends each message as two writes, the header and then, once
// the header's write has called back, the body, each message after a setImmediate of its write lock: a
// publishDiagnostics left the server 0.2–0.8 ms after it was sent. FrameWriter writes each message whole, at once,
// in the order sent. Everything else is the library's: its reader, its exit when stdin closes, the console kept off
// stdout (which carries the protocol).
import { format } from 'node:util';
import { AbstractMessageWriter, createConnection, ProposedFeatures, StreamMessageReader, type Connection, type Message, type MessageWriter } from 'vscode-languageserver/node';

/** Writes each JSON-RPC message as one frame (`Content-Length` header and UTF-8 body) in one write. */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const body = JSON.stringify(msg);
    const frame = `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    return new Promise((resolve, reject) => {
      this.stream.write(frame, 'utf8', (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, msg, ++this.errors);
        reject(error);
      });
    });
  }

  end(): void {
    this.stream.end();
  }
}

/** The connection over this process's stdin and stdout. */
export function createStdioConnection(): Connection {
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new FrameWriter(process.stdout));
  // As the library does for --stdio: the client going away ends the server, with 1 unless it asked for a shutdown.
  // (This is the only onShutdown handler; the server registers none of its own.)
  let shutdown = false;
  connection.onShutdown(() => {
    shutdown = true;
  });
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  // A dependency's console output must not land in the protocol's stream: it goes to the client's log.
  /* eslint-disable no-console -- the console is redirected here, not written to */
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  /* eslint-enable no-console */
  return connection;
}
