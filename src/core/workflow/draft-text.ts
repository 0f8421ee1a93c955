// Reads a guided prompt's text for drafting a workflow: which tools it names and where (in the order a reader
// meets them), which section it says may run in parallel, where it asks for confirmation, which steps it says
// to roll back on failure, and `name=value` literals next to a tool. Plain text in, offsets out.
import type { MessageDef, PromptDef, ToolDef, ToolMention } from '../model';
import { promptMessages } from '../rules/util';

/** A tool the text names, resolved to a workspace tool when one fits, with the line it stands on. */
export interface NamedTool {
  /** The tool's name: the workspace's tool for a templated family name (`{{entity_type}}_get`) when one fits. */
  name: string;
  /** Where the name stands in the prompt's text (all messages joined by a blank line). */
  at: number;
  /** The whole line the name stands on. */
  line: string;
  /** The name as the text writes it (`{{entity_type}}_get` for a family). */
  written: string;
  /** The tools a templated name could mean, when not exactly one (empty: none is declared). */
  candidates?: string[];
}

/** A prompt's messages as one text, with every line's start. */
export interface PromptText {
  text: string;
  lines: { start: number; text: string }[];
}

const PARALLEL = /\b(?:in parallel|simultaneously|at the same time|concurrently)\b|^\s*(?:#+\s*|\*\*)?parallel\b/i;
const APPROVAL = /\b(?:confirm|confirms|confirmed|confirmation|approve|approval)\b/i;
const ROLLBACK = /\broll\s?back\b/i;
const HEADING = /^\s*(?:\*\*|#{1,6}\s)/;

/** The prompt's messages joined into one text (a blank line between two), split into lines. */
export function readPromptText(prompt: PromptDef): PromptText & { messages: { message: MessageDef; offset: number }[] } {
  const messages: { message: MessageDef; offset: number }[] = [];
  let text = '';
  for (const message of promptMessages(prompt)) {
    if (text) text += '\n\n';
    messages.push({ message, offset: text.length });
    text += message.text.value;
  }
  const lines: PromptText['lines'] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    lines.push({ start, text: part });
    start += part.length + 1;
  }
  return { text, lines, messages };
}

/**
 * The tools the text names, in reading order, each once (its first mention). A templated family name becomes the
 * one workspace tool that matches it; the mention itself is kept when none or several do.
 */
export function namedTools(prompt: PromptDef, tools: readonly ToolDef[]): { text: PromptText; named: NamedTool[] } {
  const read = readPromptText(prompt);
  const seen = new Set<string>();
  const named: NamedTool[] = [];
  for (const { message, offset } of read.messages) {
    for (const mention of message.template.mentions) {
      const local = message.text.decoded.starts.indexOf(mention.span.start);
      if (local < 0 || !mentionsATool(mention, tools)) continue;
      const resolved = resolveMention(mention, tools);
      if (seen.has(resolved.name)) continue;
      seen.add(resolved.name);
      const at = offset + local;
      named.push({ ...resolved, at, line: lineAt(read, at).text, written: mention.name });
    }
  }
  return { text: read, named: named.sort((a, b) => a.at - b.at) };
}

/** A weak mention (a plain word, a title) counts only when a tool has that name. */
function mentionsATool(mention: ToolMention, tools: readonly ToolDef[]): boolean {
  return !mention.weak || tools.some((t) => t.name === mention.name || t.title === mention.name);
}

function resolveMention(mention: ToolMention, tools: readonly ToolDef[]): Pick<NamedTool, 'name' | 'candidates'> {
  if (mention.form === 'title') return { name: tools.find((t) => t.title === mention.name)?.name ?? mention.name };
  if (!mention.templated || !mention.pattern) return { name: mention.name };
  const re = new RegExp(mention.pattern);
  const matches = [...new Set(tools.map((t) => t.name).filter((n) => re.test(n)))].sort();
  return matches.length === 1 ? { name: matches[0]! } : { name: mention.name, candidates: matches };
}

/** The line holding an offset. */
export function lineAt(text: PromptText, at: number): { start: number; text: string; index: number } {
  let index = 0;
  while (index + 1 < text.lines.length && text.lines[index + 1]!.start <= at) index++;
  return { ...text.lines[index]!, index };
}

/** The lines of the section a line opens or stands in: up to the next blank line or heading. */
function sectionOf(text: PromptText, index: number): { from: number; to: number } {
  let first = index;
  while (first > 0 && !HEADING.test(text.lines[first]!.text) && text.lines[first - 1]!.text.trim() !== '') first--;
  let last = index;
  while (last + 1 < text.lines.length && text.lines[last + 1]!.text.trim() !== '' && !HEADING.test(text.lines[last + 1]!.text)) last++;
  return { from: text.lines[first]!.start, to: text.lines[last]!.start + text.lines[last]!.text.length };
}

/** Each section the text says may run in parallel: its offsets and a title from its heading. */
export function parallelSections(text: PromptText): { from: number; to: number; title: string }[] {
  const out: { from: number; to: number; title: string }[] = [];
  text.lines.forEach((line, index) => {
    if (!PARALLEL.test(line.text)) return;
    const section = HEADING.test(line.text) ? sectionFrom(text, index) : sectionOf(text, index);
    if (!out.some((s) => s.from === section.from)) out.push({ ...section, title: headingTitle(line.text) });
  });
  return out;
}

/** A section opened by the heading at `index`: the heading and the lines below it up to a blank line or heading. */
function sectionFrom(text: PromptText, index: number): { from: number; to: number } {
  let last = index;
  while (last + 1 < text.lines.length && text.lines[last + 1]!.text.trim() !== '' && !HEADING.test(text.lines[last + 1]!.text)) last++;
  return { from: text.lines[index]!.start, to: text.lines[last]!.start + text.lines[last]!.text.length };
}

/** "**Step 2: Gather Data** (can run in parallel)" reads "Gather Data". */
function headingTitle(line: string): string {
  const title = line
    .replace(/\((?:[^()]*\b(?:parallel|simultaneously|same time)\b[^()]*)\)/gi, '')
    .replace(/[*#]/g, '')
    .replace(/^\s*[-*]?\s*(?:step|phase)\s+\d+\s*:\s*/i, '')
    .replace(/[:\s]+$/, '')
    .trim();
  return title || 'In parallel';
}

/** The tools the text asks to confirm before: the first tool named at or after each confirmation phrase. */
export function confirmedTools(text: PromptText, named: readonly NamedTool[], tools: readonly ToolDef[]): Set<string> {
  const out = new Set<string>();
  for (const line of text.lines) {
    const match = APPROVAL.exec(line.text);
    if (!match) continue;
    const next = named.find((n) => n.at >= line.start + match.index);
    if (next) out.add(next.name);
  }
  // A tool whose own description asks for confirmation ("ask the user to confirm first") is gated too.
  for (const n of named) if (APPROVAL.test(tools.find((t) => t.name === n.name)?.description?.value ?? '')) out.add(n.name);
  return out;
}

/** The tools in a section that says to roll back when it fails ("If any batch fails: rollback using backup_id"). */
export function rollbackTools(text: PromptText, named: readonly NamedTool[]): Set<string> {
  const out = new Set<string>();
  text.lines.forEach((line, index) => {
    if (!ROLLBACK.test(line.text) || !/\bfail/i.test(line.text)) return;
    const section = sectionOf(text, index);
    for (const n of named) if (n.at >= section.from && n.at <= section.to) out.add(n.name);
  });
  return out;
}

/** Whether the text asks for a checkpoint, or a backup to roll back to. */
export function asksForCheckpoint(text: PromptText): boolean {
  return /\bcheckpoint\b/i.test(text.text) || (/\bbackup\b/i.test(text.text) && ROLLBACK.test(text.text));
}

/** The lines that speak of rolling back, for finding the tool that does it. */
export function rollbackLines(text: PromptText): string[] {
  return text.lines.filter((l) => ROLLBACK.test(l.text)).map((l) => l.text);
}

/** `limit=1`, `criterion="at_risk"` after a tool's name on its line (`limit=${count}` is not a literal). */
export function literalsAfter(line: string, name: string): Map<string, string> {
  const out = new Map<string, string>();
  const from = line.indexOf(name);
  const rest = from >= 0 ? line.slice(from + name.length) : line;
  for (const m of rest.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("[^"]*"|'[^']*'|-?\d+(?:\.\d+)?\b|[A-Za-z0-9_-]+)(?![\w{$])/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** "in batches of 100" / "in batches of {{batch_size}}" on a line: the size, or the argument that gives it. */
export function batchesOn(line: string): { size: number } | { argument: string } | undefined {
  const m = /\bin batches of\s+(?:(\d+)|\{\{\s*([A-Za-z_]\w*)\s*\}\}|\$\{\s*([A-Za-z_]\w*)\s*\}|\{([A-Za-z_]\w*)\})/i.exec(line);
  if (!m) return undefined;
  return m[1] ? { size: Number(m[1]) } : { argument: (m[2] ?? m[3] ?? m[4])! };
}
