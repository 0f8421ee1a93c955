// The snippet expander reads bodies the way VS Code does; if it did not, the other snippet tests would check text
// the editor never inserts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SnippetSyntaxError, expandSnippet } from './expand';

test('placeholders become their defaults, mirrors their tab stop, choices their first option, $0 nothing', () => {
  assert.equal(expandSnippet('fn ${1:name}() { $1(); ${2|a,b|} ${2} }$0'), 'fn name() { name(); a a }');
});

test('nested placeholders and mirrors inside defaults expand', () => {
  assert.equal(expandSnippet('${1:top} ${2:Customer, or \'${1}\' for ${3:best}}'), "top Customer, or 'top' for best");
});

test('escapes: \\$ and \\} are literal, other backslashes stay', () => {
  assert.equal(expandSnippet('Total: \\$X ${1:a\\}b} `\\`` \\n'), 'Total: $X a}b `\\`` \\n');
});

test('transforms rewrite the tab stop value, including case changes', () => {
  assert.equal(expandSnippet('${1:customer-analysis} ${1/[^A-Za-z0-9]+/_/g}_prompt'), 'customer-analysis customer_analysis_prompt');
  assert.equal(expandSnippet('${1:find_candidates} ${1/(.*)/${1:/pascalcase}/}Tool'), 'find_candidates FindCandidatesTool');
});

test('a stray $NAME is refused, since the editor would read it as a variable', () => {
  assert.throws(() => expandSnippet('Total: $X'), SnippetSyntaxError);
});
