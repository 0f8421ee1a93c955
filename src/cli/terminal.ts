// Small terminal helpers for the CLI: asking a line (optionally without echo) and colours that turn
// themselves off when the output is not a terminal or NO_COLOR is set.
import { createInterface } from 'node:readline';

const useColour = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
const paint = (code: string) => (text: string) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);

/** ANSI styles; plain text when colours are off. */
export const style = { bold: paint('1'), dim: paint('2'), red: paint('31'), green: paint('32'), yellow: paint('33'), cyan: paint('36'), magenta: paint('35') };

/** Asks one line on the terminal (stderr), hiding what is typed when `hidden`. */
export function askLine(question: string, options: { hidden?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    if (options.hidden) {
      // Echo nothing but the question: readline writes typed characters through _writeToOutput.
      const internal = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
      internal._writeToOutput = (s: string) => {
        if (s.startsWith(question) || s === '\r\n' || s === '\n') internal.output.write(s);
      };
    }
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer.trim());
    });
  });
}
