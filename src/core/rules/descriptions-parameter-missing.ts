// descriptions/parameter-missing: a tool input property with no description, and an output property another
// tool's input takes by name. The client fills arguments from their descriptions; an ID argument that does not
// say which tool's output it comes from is the seed's exact failure (the client invents or skips the ID), so
// for one that another tool outputs the message names that tool and the fix writes "ID from X output".
import type { Fix } from '../diagnostic';
import type { JsonDoc, SourceSpan, ToolDef } from '../model';
import { pointerSegment, valueAtPointer } from '../json/json-doc';
import { isIdName } from './id-sources';
import { perContext } from './memo';
import type { CheckContext, Rule } from './rule';
import { subjectSchemas, subSchemas } from './schema-walk';
import { spanAtPointer } from './spans';
import { propertyNamesOf } from './util';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** True when the property schema says what it is (a description or title, on it or on each of its alternatives),
 * or when what it says cannot be read here (a `$ref`, a boolean schema). */
function isDescribed(schema: unknown): boolean {
  if (!isObject(schema)) return true;
  if (typeof schema['description'] === 'string' && schema['description'].trim()) return true;
  if (typeof schema['title'] === 'string' && schema['title'].trim()) return true;
  if ('$ref' in schema || '$dynamicRef' in schema) return true;
  return ['anyOf', 'oneOf', 'allOf'].some((k) => Array.isArray(schema[k]) && (schema[k] as unknown[]).length > 0 && (schema[k] as unknown[]).every(isDescribed));
}

/**
 * Tool names in declaration order, read without the tool a finding is about: a project may have thousands of tools
 * taking one name, and a finding names a few of them, so none is copied or filtered per finding.
 */
class ToolNames {
  private readonly all: string[] = [];
  private readonly distinct: string[] = [];
  private readonly times = new Map<string, number>();

  add(name: string): void {
    const n = this.times.get(name) ?? 0;
    if (n === 0) this.distinct.push(name);
    this.times.set(name, n + 1);
    this.all.push(name);
  }

  /** How many entries are not `except`, the first of them, and the first few distinct ones with their number. */
  without(except: string, few = 3): { count: number; first: string | undefined; distinct: string[]; distinctCount: number } {
    const first = this.all.find((n) => n !== except);
    const distinct: string[] = [];
    for (const n of this.distinct) {
      if (distinct.length >= few) break;
      if (n !== except) distinct.push(n);
    }
    return { count: this.all.length - (this.times.get(except) ?? 0), first, distinct, distinctCount: this.distinct.length - (this.times.has(except) ? 1 : 0) };
  }
}

const NONE = new ToolNames();

/** The tools of each project that output a field of a name (not echoing an input of that name), by name. */
const producersByProject = perContext((ctx: CheckContext) => {
  const out = new Map<string, Map<string, ToolNames>>();
  // Each tool once per name, without searching the list (a project of thousands of tools outputting one name).
  const listed = new Set<string>();
  for (const tool of ctx.tools) {
    if (!tool.outputSchema || tool.outputSchema.errors.length > 0) continue;
    const inputs = tool.inputSchema ? propertyNamesOf(tool.inputSchema) : new Set<string>();
    const project = ctx.projectOf(tool.file);
    const byName = out.get(project) ?? new Map<string, ToolNames>();
    out.set(project, byName);
    for (const name of propertyNamesOf(tool.outputSchema)) {
      const key = `${project}\u0000${name}\u0000${tool.name}`;
      if (inputs.has(name) || listed.has(key)) continue;
      listed.add(key);
      let tools = byName.get(name);
      if (!tools) byName.set(name, (tools = new ToolNames()));
      tools.add(tool.name);
    }
  }
  return out;
});

/** The tools of each project that take an input of a name, by name (in declaration order, a tool once per name). */
const consumersByProject = perContext((ctx: CheckContext) => {
  const out = new Map<string, Map<string, ToolNames>>();
  for (const tool of ctx.tools) {
    if (!tool.inputSchema || tool.inputSchema.errors.length > 0) continue;
    const project = ctx.projectOf(tool.file);
    let byName = out.get(project);
    if (!byName) out.set(project, (byName = new Map()));
    for (const name of propertyNamesOf(tool.inputSchema)) {
      let tools = byName.get(name);
      if (!tools) byName.set(name, (tools = new ToolNames()));
      tools.add(tool.name);
    }
  }
  return out;
});

/** The edit that writes `description` into the property at `pointer`: `.describe(…)` after a zod expression, a
 * `description` member after the opening brace of an inline JSON Schema object; none where the value is not one. */
export function describeFix(tool: ToolDef, doc: JsonDoc, pointer: string, description: string): Fix[] {
  const value = doc.locations[pointer]?.value;
  if (!value) return [];
  const text = JSON.stringify(description);
  if (doc.origin === 'zod') {
    const at = value.range.end;
    return [{ title: `Describe it as "${description}"`, edits: [{ file: doc.file ?? tool.file, range: { start: at, end: at }, newText: `.describe(${text})` }] }];
  }
  // Only an object written in place has a member inside it; a constant or a call would be edited elsewhere.
  const inline = Object.entries(doc.locations).some(([p, l]) => p.startsWith(`${pointer}/`) && l.value.start > value.start && l.value.end < value.end);
  if (!inline) return [];
  const key = doc.origin === 'json' ? '"description"' : 'description';
  const at = { line: value.range.start.line, character: value.range.start.character + 1 };
  return [{ title: `Describe it as "${description}"`, edits: [{ file: doc.file ?? tool.file, range: { start: at, end: at }, newText: ` ${key}: ${text},` }] }];
}

/** An ID name that says which ID it is (`invoice_id`, `ticketId`): a bare `id` names a different thing in each tool,
 * so a tool outputting `id` is not taken as the source of another tool's `id`. */
const isNamedId = (name: string): boolean => isIdName(name) && !/^(?:id|ids|ID|IDs)$/.test(name);

/** The first three of `count` names, and how many more. */
const list = (names: string[], count: number) => names.slice(0, 3).map((n) => `\`${n}\``).join(', ') + (count > 3 ? ` and ${count - 3} more` : '');

interface Missing {
  tool: ToolDef;
  doc: JsonDoc;
  pointer: string;
  name: string;
}

function reportInput(ctx: CheckContext, { tool, doc, pointer, name }: Missing, report: Parameters<Rule['check']>[1]): void {
  const span: SourceSpan = spanAtPointer(doc, pointer, 'key');
  // Each producer is listed once per name.
  const producers = (producersByProject(ctx).get(ctx.projectOf(tool.file))?.get(name) ?? NONE).without(tool.name);
  if (isNamedId(name) && producers.count > 0) {
    const description = `ID from ${producers.first} output`;
    report({
      file: doc.file ?? tool.file, span, severity: 'warning',
      message: `\`${name}\` of tool \`${tool.name}\` has no description, but ${list(producers.distinct, producers.distinctCount)} output${producers.count === 1 ? 's' : ''} \`${name}\`: describe it as "${description}" so the client calls that tool first and passes its ID on.`,
      fixes: describeFix(tool, doc, pointer, description),
    });
    return;
  }
  report({
    file: doc.file ?? tool.file, span,
    message: `Input \`${name}\` of tool \`${tool.name}\` has no description; say what the value is, its format or units, and where it comes from (the client fills arguments from their descriptions).`,
  });
}

function reportOutput(ctx: CheckContext, { tool, doc, pointer, name }: Missing, report: Parameters<Rule['check']>[1]): void {
  const consumers = (consumersByProject(ctx).get(ctx.projectOf(tool.file))?.get(name) ?? NONE).without(tool.name);
  if (consumers.count === 0) return;
  const description = `The ${name.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/ id$/, ' ID')}; pass it to ${consumers.first}`;
  report({
    file: doc.file ?? tool.file, span: spanAtPointer(doc, pointer, 'key'), severity: 'warning',
    message: `Output \`${name}\` of tool \`${tool.name}\` has no description, and ${list(consumers.distinct, consumers.distinctCount)} take${consumers.count === 1 ? 's' : ''} \`${name}\` as input: say what it is and that it is passed on (e.g. "Pass to ${consumers.first}"), so the client carries it between the calls.`,
    fixes: describeFix(tool, doc, pointer, description),
  });
}

export const descriptionsParameterMissing: Rule = {
  id: 'descriptions/parameter-missing',
  // A hint for an ordinary argument (real servers leave `path` or `query` undescribed and clients cope); a warning
  // where the workflow depends on it: an ID another tool produces or consumes (set per finding).
  severity: 'hint',
  // What it reads of other tools is their schemas' property names (check-facts.ts records them).
  scope: 'names',
  description: 'A tool input property with no description (an ID another tool outputs named as its source), or an undescribed output ID another tool takes as input.',
  check(ctx, reportFinding) {
    // One schema constant shared by several tools is one place to fix: reported once.
    const seen = new Set<string>();
    const report: typeof reportFinding = (f) => {
      const key = `${f.file}\u0000${f.span.start}`;
      if (!seen.has(key)) reportFinding(f);
      seen.add(key);
    };
    for (const { tool, doc, which } of subjectSchemas(ctx)) {
      if (which === 'input') {
        const props = (doc.value as { properties?: unknown } | null)?.properties;
        if (!isObject(props)) continue;
        for (const [name, schema] of Object.entries(props)) {
          if (!isDescribed(schema)) reportInput(ctx, { tool, doc, pointer: `/properties/${pointerSegment(name)}`, name }, report);
        }
        continue;
      }
      // A tool that takes the ID as input and echoes it back is not where the ID comes from.
      const inputs = tool.inputSchema ? propertyNamesOf(tool.inputSchema) : new Set<string>();
      for (const { pointer } of subSchemas(doc)) {
        const segment = /\/properties\/([^/]+)$/.exec(pointer)?.[1];
        const name = segment?.replace(/~1/g, '/').replace(/~0/g, '~');
        if (!name || !isNamedId(name) || inputs.has(name) || isDescribed(valueAtPointer(doc.value, pointer))) continue;
        reportOutput(ctx, { tool, doc, pointer, name }, report);
      }
    }
  },
};
