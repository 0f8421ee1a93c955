// Finds tool names in prompt text, the ways authors write them: `tool` in backticks, "Use tool" / "call tool"
// (and the names listed after it: "use x, y and z"), and list items `- tool(args)`. Names with `{{…}}` parts name a family of tools (`{{entity_type}}_list`).
import type { InstructionsDef, ToolDef, ToolMention, TextValue } from '../model';
import type { SourceContext } from '../source-context';

// A tool-like name: snake/kebab case with at least one separator, optionally with `{{…}}` parts.
// Single-brace parts are `format!`/guidance placeholders (`{entity_type}_list`).
const PART = String.raw`\{\{[^{}]+\}\}|\{[A-Za-z_]\w*\}`;
const NAME = String.raw`(?:[A-Za-z0-9]|${PART})(?:[A-Za-z0-9_.-]|${PART})*`;
const TOOL = String.raw`(?=\s+tool\b)`;
/** Each pattern runs only on a text holding its `needs` (most texts are short and hold few of them). */
const PATTERNS: { form: ToolMention['form']; re: RegExp; needs?: string }[] = [
  { form: 'backtick', re: new RegExp(String.raw`\`(${NAME})\``, 'g'), needs: '`' },
  // "use X", "call the X tool", "invoke X first", "use it with X". A name followed by `:` or `=` is data
  // ("Use customer_id: 42"), not a tool.
  { form: 'verb', re: new RegExp(String.raw`\b(?:[Uu]se|[Cc]all|[Ii]nvoke|[Rr]un)\s+(?:(?:it\s+)?with\s+)?(?:the\s+)?(${NAME})(?![\w{}]*\s*[:=])`, 'g') },
  { form: 'verb', re: new RegExp(String.raw`\b[Tt]he\s+(${NAME})${TOOL}`, 'g'), needs: 'tool' },
  { form: 'call', re: new RegExp(String.raw`(?:^|\n)[ \t]*(?:[-*]|\d+\.)[ \t]+(${NAME})\(`, 'g'), needs: '(' },
];
const NAME_ONLY = new RegExp(String.raw`^${NAME}$`);
/** The next item of a list after a verb's name: "use X, Y and Z", "call X or Y", "X, then Y" (each `the` optional). */
const LIST_ITEM = new RegExp(String.raw`(?:[ \t]*,[ \t]*(?:(?:and|or|then)[ \t]+)?|[ \t]+(?:and|or|then)[ \t]+)(?:the[ \t]+)?(${NAME})`, 'y');

/** The names listed after a verb's first one, up to the first item that is no tool name (or is data: `x: 1`). */
function* listedAfter(value: string, end: number): Generator<{ name: string; from: number }> {
  LIST_ITEM.lastIndex = end;
  for (let m = LIST_ITEM.exec(value); m; m = LIST_ITEM.exec(value)) {
    const name = m[1]!.replace(/[.-]+$/, '');
    const from = m.index + m[0].lastIndexOf(m[1]!);
    if (!looksLikeToolName(name) || /^[\w{}]*\s*[:=]/.test(value.slice(from + name.length))) return;
    yield { name, from };
    LIST_ITEM.lastIndex = from + name.length;
  }
}

/** Inline `x(…)`: the name before each `(` (not `(s)`, not a method `.x(`, not inside backticks). */
function* inlineCalls(value: string): Generator<{ name: string; from: number }> {
  for (let at = value.indexOf('('); at >= 0; at = value.indexOf('(', at + 1)) {
    if (value.startsWith('(s)', at)) continue;
    let from = at;
    while (from > 0 && /[\w.{}-]/.test(value[from - 1]!)) from--;
    if (from === at || (from > 0 && value[from - 1] === '`')) continue;
    const name = value.slice(from, at);
    if (!name.startsWith('.') && NAME_ONLY.test(name)) yield { name, from };
  }
}
/** A tool's title in quotes before the word "tool" ("before 'Query Documentation' tool"). */
const TITLE = /(['"\u2018\u201c])([A-Z][^'"\u2018\u2019\u201c\u201d\n]{1,60}?)['"\u2019\u201d]\s+tool\b/g;

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

/**
 * The tools a text names. A name shaped like a tool (`order_history`, `{{entity}}_list`) counts in any of the
 * forms; a plain word (`search`) only as "the search tool", "use the search tool" or `search(…)`, and then
 * weakly: it names a tool when one has that name, and is never reported as unknown. A quoted title before
 * "tool" names the tool of that title, weakly too.
 */
/** The tools named in each tool description of a file (kept on the tool). */
export function readDescriptionMentions(tools: ToolDef[], ctxOf: (text: TextValue) => SourceContext): void {
  for (const tool of tools) {
    const mentions = tool.description ? findToolMentions(tool.description, ctxOf(tool.description)) : [];
    if (mentions.length) tool.mentions = mentions;
  }
}

/** The tools named in each server's instructions of a file (kept on the instructions). */
export function readInstructionsMentions(instructions: InstructionsDef[] | undefined, ctxOf: (text: TextValue) => SourceContext): void {
  for (const def of instructions ?? []) def.mentions = findToolMentions(def.text, ctxOf(def.text));
}

export function findToolMentions(text: TextValue, ctx: SourceContext): ToolMention[] {
  const seen = new Set<number>();
  const mentions: ToolMention[] = [];
  const add = (name: string, from: number, form: ToolMention['form'], weak: boolean) => {
    if (seen.has(from)) return;
    seen.add(from);
    const templated = name.includes('{');
    mentions.push({ name, span: ctx.spanInDecoded(text.decoded, from, from + name.length), form, templated, ...(templated ? { pattern: familyPattern(name) } : {}), ...(weak ? { weak } : {}) });
  };
  for (const { form, re, needs } of PATTERNS) {
    if (needs && !text.value.includes(needs)) continue;
    for (const match of text.value.matchAll(re)) {
      const name = (match[1] ?? '').replace(/[.-]+$/, '');
      const from = (match.index ?? 0) + match[0].lastIndexOf(match[1] ?? '');
      const after = text.value.slice(from + name.length);
      // Inline `x.y(…)` is more often code (`Date.now()`) than a tool, and "use read-only mode" or "use ISO-8601"
      // English: without an underscore, a name after a verb is weak unless the word "tool" follows it.
      const weakCall = form === 'call' && name.includes('.') && !/^\s*(?:[-*]|\d+\.)[ \t]+$/.test(text.value.slice(text.value.lastIndexOf('\n', from) + 1, from));
      const weakVerb = form === 'verb' && !name.includes('_') && !name.includes('{') && !/^\s+tool\b/.test(after);
      if (looksLikeToolName(name)) {
        add(name, from, form, weakCall || weakVerb);
        // "use order_history, support_tickets and engagement_metrics": each listed name is named as the first is.
        if (form === 'verb') {
          for (const item of listedAfter(text.value, from + name.length)) {
            add(item.name, item.from, form, weakVerb || (!item.name.includes('_') && !item.name.includes('{') && !/^\s+tools?\b/.test(text.value.slice(item.from + item.name.length))));
          }
        }
      } else if (/^[A-Za-z][\w-]*$/.test(name) && (form === 'call' || /^\s+tool\b/.test(after))) add(name, from, form, true);
    }
  }
  for (const { name: raw, from } of inlineCalls(text.value)) {
    const name = raw.replace(/[.-]+$/, '');
    if (looksLikeToolName(name)) add(name, from, 'call', name.includes('.'));
    else if (/^[A-Za-z][\w-]*$/.test(name)) add(name, from, 'call', true);
  }
  for (const match of text.value.includes('tool') ? text.value.matchAll(TITLE) : []) add(match[2]!, (match.index ?? 0) + 1, 'title', true);
  return mentions.sort((a, b) => a.span.start - b.span.start);
}
