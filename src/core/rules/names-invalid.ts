// names/invalid: a tool or prompt name outside MCP's rules (1-128 characters of A-Z, a-z, 0-9, `_`, `-`, `.`).
// Clients may refuse such a tool or mangle its name, and the AI then cannot call it.
import type { PromptDef, ToolDef } from '../model';
import type { Fix } from '../diagnostic';
import { replaceFix, type Rule } from './rule';

/** MCP's name rules: 1 to 128 letters, digits, `_`, `-` and `.`. */
export const VALID_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/** A name fixed to the rules: other characters become `_`, and it is cut at 128. */
export const sanitizeName = (name: string): string => name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 128) || 'unnamed';

function fixFor(def: PromptDef | ToolDef, fixed: string): Fix[] {
  const { start, end } = def.nameSpan.range;
  // Only a plain one-line literal (quote, name, quote) can be rewritten in place.
  if (start.line !== end.line || def.nameSpan.end - def.nameSpan.start !== def.name.length + 2) return [];
  const inner = { start: def.nameSpan.start + 1, end: def.nameSpan.end - 1, range: { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } } };
  return [replaceFix(`Rename to \`${fixed}\``, def.file, inner, fixed)];
}

export const namesInvalid: Rule = {
  id: 'names/invalid',
  severity: 'error',
  scope: 'file',
  description: 'A tool name (error) or prompt name (warning) that breaks MCP\'s naming rules: 1 to 128 characters of letters, digits, `_`, `-` and `.`.',
  check(ctx, report) {
    for (const def of [...ctx.tools, ...ctx.prompts]) {
      if (VALID_NAME.test(def.name)) continue;
      const fixed = sanitizeName(def.name);
      const problem = def.name.length === 0 ? 'is empty' : def.name.length > 128 ? `is ${def.name.length} characters long (at most 128)` : `contains ${[...new Set(def.name.match(/[^A-Za-z0-9_.-]/g) ?? [])].map((c) => JSON.stringify(c)).join(', ')}`;
      report({
        file: def.file,
        span: def.nameSpan,
        severity: def.kind === 'tool' ? 'error' : 'warning',
        message: `The ${def.kind} name ${JSON.stringify(def.name)} ${problem}; MCP names are 1-128 characters of letters, digits, "_", "-" and ".": rename it, e.g. to \`${fixed}\`.`,
        fixes: fixFor(def, fixed),
      });
    }
  },
};
