// Gives extension-host tests the facts of the session they run in (trusted or not, the workspace, the
// extension under test), read from the harness's RunnerConfig.
import { readFileSync } from 'node:fs';
import { CONFIG_ENV, type RunnerConfig, type SessionParams } from '../protocol';

/** The SessionParams the harness wrote for this editor session. */
export function sessionParams(): SessionParams {
  const path = process.env[CONFIG_ENV];
  if (!path) throw new Error(`${CONFIG_ENV} is not set: extension-host tests run only under test/editor/run.ts`);
  return (JSON.parse(readFileSync(path, 'utf8')) as RunnerConfig).params;
}
