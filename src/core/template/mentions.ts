// Finds tool names in prompt text, the ways authors write them: `tool` in backticks, "Use tool" / "call tool",
// and list items `- tool(args)`. Names with `{{…}}` parts name a family of tools (`{{entity_type}}_list`).
import type { ToolMention, TextValue } from '../model';
import type { SourceContext } from '../source-context';

// A tool-like name: snake/kebab case with at least one separator, optionally with `{{…}}` parts.
// Single-brace parts are `format!`/guidance placeholders (`{entity_type}_list`).
const PART = String.raw`\{\{[^{}]+\}\}|\{[A-Za-z_]\w*\}`;
const NAME = String.raw`(?:[A-Za-z0-9]|${PART})(?:[A-Za-z0-9_.-]|${PART})*`;
const PATTERNS: { form: ToolMention['form']; re: RegExp }[] = [
  { form: 'backtick', re: new RegExp(String.raw`\`(${NAME})\``, 'g') },
  // A name followed by `:` or `=` is data ("Use customer_id: 42"), not a tool.
  { form: 'verb', re: new RegExp(String.raw`\b(?:[Uu]se|[Cc]all|[Ii]nvoke|[Rr]un)\s+(${NAME})(?![\w{}]*\s*[:=])`, 'g') },
  { form: 'call', re: new RegExp(String.raw`(?:^|\n)[ \t]*(?:[-*]|\d+\.)[ \t]+(${NAME})\(`, 'g') },
];

/** True for a word shaped like a tool name: has `_`, `-` or `.` between word parts, or a template part. */
function looksLikeToolName(name: string): boolean {
  return /\{/.test(name) || /[A-Za-z0-9][_.-][A-Za-z0-9{]/.test(name);
}

/** Turns a templated name into a regular expression source matching the concrete names of its family. */
export function familyPattern(name: string): string {
  return `^${name
    .split(/(\{\{[^{}]+\}\}|\{[A-Za-z_]\w*\})/)
    .map((part) => (part.startsWith('{') ? '[A-Za-z0-9_-]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('')}$`;
}

export function findToolMentions(text: TextValue, ctx: SourceContext): ToolMention[] {
  const seen = new Set<number>();
  const mentions: ToolMention[] = [];
  for (const { form, re } of PATTERNS) {
    for (const match of text.value.matchAll(re)) {
      const name = (match[1] ?? '').replace(/[.-]+$/, '');
      if (!looksLikeToolName(name)) continue;
      const from = (match.index ?? 0) + match[0].indexOf(match[1] ?? '');
      if (seen.has(from)) continue;
      seen.add(from);
      const templated = name.includes('{');
      mentions.push({
        name,
        span: ctx.spanInDecoded(text.decoded, from, from + name.length),
        form,
        templated,
        ...(templated ? { pattern: familyPattern(name) } : {}),
      });
    }
  }
  return mentions.sort((a, b) => a.span.start - b.span.start);
}
