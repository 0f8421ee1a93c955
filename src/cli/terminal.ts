// Small terminal helpers for the CLI: asking a line (optionally without echo) and colours that turn
// themselves off when the output is not a terminal or NO_COLOR is set.
import { createInterface } from 'node:readline';

const useColour = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
const paint = (code: string) => (text: string) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);

/** ANSI styles; plain text when colours are off. */
export const style = { bold: paint('1'), dim: paint('2'), red: paint('31'), green: paint('32'), yellow: paint('33'), cyan: paint('36'), magenta: paint('35') };

/**
 * A question that got no answer: Ctrl-C at the prompt (`SIGINT`), end of input such as Ctrl-D (`EOF`), or the
 * run being stopped by a signal while it waited (`aborted`). The prompt puts the terminal in raw mode, so
 * Ctrl-C there reaches readline as a key, not as a signal: without this it would be swallowed.
 */
export class PromptInterrupted extends Error {
  constructor(readonly how: 'SIGINT' | 'EOF' | 'aborted') {
    super(how === 'SIGINT' ? 'interrupted (Ctrl-C)' : how === 'EOF' ? 'end of input (Ctrl-D)' : 'the run was stopped');
  }
}

/**
 * Asks one line on the terminal (stderr), hiding what is typed when `hidden`. Rejects with PromptInterrupted
 * on Ctrl-C, end of input, or when `signal` aborts.
 */
export function askLine(question: string, options: { hidden?: boolean; signal?: AbortSignal } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new PromptInterrupted('aborted'));
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (options.hidden) {
      // Echo nothing but the question: readline writes typed characters through _writeToOutput.
      const internal = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
      internal._writeToOutput = (s: string) => {
        if (s.startsWith(question) || s === '\r\n' || s === '\n') internal.output.write(s);
      };
    }
    let settled = false;
    const finish = (outcome: string | PromptInterrupted): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (typeof outcome !== 'string') process.stderr.write('\n');
      rl.close();
      if (typeof outcome === 'string') resolve(outcome.trim());
      else reject(outcome);
    };
    const onAbort = (): void => finish(new PromptInterrupted('aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    rl.on('SIGINT', () => finish(new PromptInterrupted('SIGINT')));
    rl.on('close', () => finish(new PromptInterrupted('EOF')));
    rl.question(question, (answer) => finish(answer));
  });
}
