// A port given on the command line (`--http PORT`, `--port N`): 0 to 65535, 0 picking a free one.
import { CliError } from './server-session';

/** The port `text` names; a CliError naming `flag` when it is not one. */
export function parsePortOption(flag: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new CliError(`${flag} ${text}: expected a port number (0 to 65535)`);
  return port;
}
