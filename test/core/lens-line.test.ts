// Code lenses go above a declaration's attributes and doc comments (Rust), where the item starts for a reader.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { extractFile } from '../../src/core/extract';
import { lensLine } from '../../src/core/lens-line';

const fixtures = join(__dirname, '..', 'fixtures');

describe('lensLine', () => {
  it('moves a Rust method up over its one-line attribute and doc comment', () => {
    const text = ['impl S {', '    /// Top customers.', '    #[tool(name = "top")]', '    async fn top(&self) {}', '}'].join('\n');
    assert.equal(lensLine(text, 'rust', 3), 1);
  });

  it('moves up over an attribute written over several lines, and no further than the item before', () => {
    const text = ['    fn before() {}', '    #[tool(', '        name = "x",', '        annotations(read_only_hint = true)', '    )]', '    async fn x(&self) {}'].join('\n');
    assert.equal(lensLine(text, 'rust', 5), 1);
  });

  it('stays where an expression ends in a bracket that opens no attribute', () => {
    const text = ['let v = vec![', '    1,', '];', 'Tool::new("t")'].join('\n');
    assert.equal(lensLine(text, 'rust', 3), 3);
  });

  it('keeps other languages where their declaration starts (decorators and calls start the item)', () => {
    assert.equal(lensLine('# comment\n@mcp.tool()\ndef f(): ...', 'python', 1), 1);
    assert.equal(lensLine('// [x]\nserver.registerTool(', 'typescript', 1), 1);
  });

  it('puts every rmcp tool and prompt of the fixture server on its first attribute or doc line', async () => {
    for (const name of ['tools.rs', 'prompts.rs']) {
      const file = join(fixtures, 'rust', 'rmcp-server', 'src', name);
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      const model = await extractFile(file, text);
      for (const d of [...model.tools, ...model.prompts]) {
        const at = lensLine(text, 'rust', d.span.range.start.line);
        assert.ok(at < d.span.range.start.line, `${d.name}: ${lines[at]}`);
        assert.match(lines[at]!.trim(), /^(\/\/\/|#\[(tool|prompt)\b)/, `${d.name}: ${lines[at]}`);
        // The line before the lens is not part of the item.
        assert.doesNotMatch(lines[at - 1]!.trim(), /^(\/\/\/|#\[)|\]$/, `${d.name}: ${lines[at - 1]}`);
      }
    }
  });
});
