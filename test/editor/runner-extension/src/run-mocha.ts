// Runs extension-host test files with mocha and collects one result per test. Shared by the test-runner
// extension (code-server) and the @vscode/test-electron entry, so both run the same suite the same way.
import type MochaType from 'mocha';
import type { HostTestResult } from '../../protocol';

/** Runs `files` (CommonJS, using mocha's tdd globals `suite`/`test`) with the mocha found at `mochaPath`. */
export function runMocha(mochaPath: string, files: readonly string[], timeoutMs: number): Promise<HostTestResult[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- mocha is loaded from the repo at run time.
  const Mocha = require(mochaPath) as typeof MochaType;
  const results: HostTestResult[] = [];
  // A reporter of our own: the harness prints results, so mocha must not write to the extension host's stdout.
  class CollectingReporter extends Mocha.reporters.Base {
    constructor(runner: MochaType.Runner, options?: MochaType.MochaOptions) {
      super(runner, options);
      runner.on('pass', (t) => results.push({ fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }));
      runner.on('pending', (t) => results.push({ fullTitle: t.fullTitle(), state: 'pending', durationMs: 0 }));
      runner.on('fail', (t, err) =>
        results.push({ fullTitle: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0, error: describeError(err) }),
      );
    }
  }
  const mocha = new Mocha({ ui: 'tdd', timeout: timeoutMs, color: false, reporter: CollectingReporter });
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run(() => resolve(results));
    } catch (err) {
      reject(err);
    }
  });
}

/** The stack of an Error (it starts with the message), or the value as text. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}
