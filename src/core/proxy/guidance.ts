// What the server's own guidance asks for, when there is no workflow file: the steps a guided prompt names under its
// headings, in order (a heading or line that says "in parallel" makes a parallel group; a line with "if", "when" or
// "rollback" makes its tools optional), and the "ID from X output" links of the tools' input descriptions.
import { findSourceMentions } from '../rules/id-sources';
import { parallelSections } from '../rules/ids-parallel-dependency';
import type { PlannedStep } from './plan';
import type { TracedTool } from './trace';

const HEADING = /^\s*(?:#{1,6}\s|\*\*)/;
const CONDITIONAL = /\b(?:if|when|unless|otherwise|rollback|on failure|on denial|on error)\b/i;

/** An argument that takes its value from another tool's output, as the argument's description says. */
export interface CarriedArgument {
  tool: string;
  argument: string;
  from: string;
}

/** The "ID from X output" links of every listed tool's input properties. */
export function carriedArguments(tools: Map<string, TracedTool>): CarriedArgument[] {
  const out: CarriedArgument[] = [];
  for (const tool of tools.values()) {
    const properties = (tool.inputSchema?.['properties'] ?? {}) as Record<string, { description?: unknown }>;
    for (const [argument, schema] of Object.entries(properties)) {
      if (typeof schema?.description !== 'string') continue;
      for (const m of findSourceMentions(schema.description, (name) => tools.has(name))) {
        if (tools.has(m.name) && m.name !== tool.name) out.push({ tool: tool.name, argument, from: m.name });
      }
    }
  }
  return out;
}

/**
 * The steps a guided prompt's text names: each heading with tools under it is a step (a group when it runs in
 * parallel), after the heading before it. A text with no heading that names a tool is no guided workflow: empty.
 */
export function planFromPrompt(text: string, tools: Map<string, TracedTool>, carried: readonly CarriedArgument[]): PlannedStep[] {
  const parallel = parallelSections(text);
  const out: PlannedStep[] = [];
  let previous: string[] = [];
  let at = 0;
  sectionsOf(text).forEach((section, n) => {
    const steps = stepsOf(section, at, tools, parallel, n, previous, out);
    at += section.reduce((length, line) => length + line.length + 1, 0);
    if (steps.length === 0) return;
    out.push(...steps);
    previous = steps.filter((s) => !s.optional).map((s) => s.id);
    if (previous.length === 0) previous = steps.map((s) => s.id);
  });
  for (const step of out) step.takesFrom = carried.filter((c) => c.tool === step.tool && out.some((s) => s.tool === c.from)).map((c) => out.find((s) => s.tool === c.from)!.id);
  return out.some((s) => s.after.length > 0 || s.group) ? out : [];
}

/** The text cut at each heading: the first part (before any heading) is left out, as it names no step. */
function sectionsOf(text: string): string[][] {
  const sections: string[][] = [[]];
  for (const line of text.split('\n')) {
    if (HEADING.test(line)) sections.push([line]);
    else sections[sections.length - 1]!.push(line);
  }
  return sections;
}

/** The tools one section names, in the order first named, each a step. */
function stepsOf(section: string[], start: number, tools: Map<string, TracedTool>, parallel: [number, number][], n: number, previous: string[], earlier: PlannedStep[]): PlannedStep[] {
  if (n === 0) return [];
  const header = section[0] ?? '';
  const steps: PlannedStep[] = [];
  let offset = start;
  for (const line of section) {
    const inParallel = parallel.some(([from, to]) => offset >= from && offset < to);
    for (const tool of mentionedTools(line, tools)) {
      if (steps.some((s) => s.tool === tool)) continue;
      const optional = CONDITIONAL.test(line) || /^\W*(?:on|if|when)\b/i.test(header);
      const id = uniqueId(tool, [...earlier, ...steps]);
      steps.push({ id, tool, arguments: {}, takesFrom: [], after: previous, optional, repeated: false, ...(inParallel ? { group: `section ${n}` } : {}) });
    }
    offset += line.length + 1;
  }
  // A group of one runs alone: nothing to say about its parallelism.
  if (steps.filter((s) => s.group).length < 2) for (const s of steps) delete s.group;
  return steps;
}

/** The listed tools a line names (as whole words), in the order they appear. */
function mentionedTools(line: string, tools: Map<string, TracedTool>): string[] {
  const found: [number, string][] = [];
  for (const name of tools.keys()) {
    const m = new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).exec(line);
    if (m) found.push([m.index, name]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, name]) => name);
}

function uniqueId(tool: string, steps: PlannedStep[]): string {
  let id = tool;
  for (let i = 2; steps.some((s) => s.id === id); i++) id = `${tool}#${i}`;
  return id;
}
