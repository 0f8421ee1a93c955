// Golden test of every rule on the Python fixture servers: each folder of test/fixtures/python is a project of its
// own (its pyproject.toml), checked as one workspace; expected.json holds every diagnostic as
// "line:col-endLine:endCol rule-id" (1-based), per file. The comparison is exact. `UPDATE_GOLDEN=1` rewrites it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixture } from '../helpers';
import { checkFixtureFolders, messageOf } from '../language-golden';

describe('Python fixture servers: every rule (golden)', () => {
  it('matches expected.json exactly', async () => {
    const run = await checkFixtureFolders(fixture('python'));
    assert.deepEqual(run.lines, run.expected);
  });

  it('says what to write in Python: an f-string, never Handlebars or format!', async () => {
    const run = await checkFixtureFolders(fixture('python'));
    assert.match(messageOf(run, 'template/unused-argument'), /\{region\} in an f-string|\{account_id\} in an f-string/);
    assert.match(messageOf(run, 'template/literal-braces'), /f-string with \{account_id\}/);
    assert.match(messageOf(run, 'template/undeclared-variable'), /NameError.*Did you mean "account_id"/);
  });
});
