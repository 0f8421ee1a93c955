// Turns the extension-host results that the test-runner extension wrote into node:test subtests, so every
// mocha test shows up by name in the suite's report and a failing one fails `npm run test:editor`.
import type { TestContext } from 'node:test';
import type { EditorSession } from './session';

/** Waits for the session's extension-host results and reports each as a subtest of `t`. */
export async function reportHostResults(t: TestContext, session: EditorSession): Promise<void> {
  const results = await session.hostResults();
  if (results.error) throw new Error(`the extension-host suite could not run:\n${results.error}`);
  if (results.results.length === 0) throw new Error('the extension-host suite ran no tests');
  for (const result of results.results) {
    await t.test(result.fullTitle, { skip: result.state === 'pending' }, () => {
      if (result.state !== 'failed') return;
      // The extension host's stack is the one that matters; the harness's own frames would only bury it.
      const error = new Error(result.error ?? 'failed without an error message');
      error.stack = result.error ?? error.message;
      throw error;
    });
  }
}
