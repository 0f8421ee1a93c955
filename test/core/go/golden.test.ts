// Golden test of every rule on the Go fixture servers: test/fixtures/go is one Go module (its go.mod) whose
// folders are programs of their own, each checked as one workspace; expected.json holds every diagnostic as
// "line:col-endLine:endCol rule-id" (1-based), per file. The comparison is exact. `UPDATE_GOLDEN=1` rewrites it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixture } from '../helpers';
import { checkFixtureFolders, messageOf } from '../language-golden';

describe('Go fixture servers: every rule (golden)', () => {
  it('matches expected.json exactly', async () => {
    const run = await checkFixtureFolders(fixture('go'));
    assert.deepEqual(run.lines, run.expected);
  });

  it('says what to write in Go: fmt.Sprintf reading request.Params.Arguments', async () => {
    const run = await checkFixtureFolders(fixture('go'));
    assert.match(messageOf(run, 'template/unused-argument'), /Arguments\["(?:region|owner)"\] in the handler/);
    assert.match(messageOf(run, 'template/literal-braces'), /fmt\.Sprintf/);
    assert.match(messageOf(run, 'template/undeclared-variable'), /empty string.*Did you mean "account_id"/);
  });
});
