// schema/ref-unresolved: a `$ref` a client cannot resolve. A local reference (`#/$defs/x`, `#anchor`) that points at
// nothing fails validation of every call; a reference to another document (`https://…`, `defs.json`) is one MCP
// clients do not fetch (tool schemas are self-contained JSON Schema 2020-12), so it validates nothing.
import { valueAtPointer } from '../json/json-doc';
import type { JsonDoc } from '../model';
import type { Rule } from './rule';
import { checkableSchemas, subSchemas } from './schema-walk';
import { spanAtPointer } from './spans';
import { closest } from './util';

/** The `$id`s and `$anchor`s declared in a schema, for references that use them. */
function declaredNames(doc: JsonDoc): { ids: Set<string>; anchors: Set<string> } {
  const ids = new Set<string>();
  const anchors = new Set<string>();
  for (const { schema } of subSchemas(doc)) {
    if (typeof schema['$id'] === 'string') ids.add(schema['$id'].replace(/#$/, ''));
    for (const key of ['$anchor', '$dynamicAnchor']) if (typeof schema[key] === 'string') anchors.add(schema[key] as string);
  }
  return { ids, anchors };
}

/** True when a JSON pointer fragment (`/$defs/a~1b`) reaches a value of the document. */
function reaches(value: unknown, fragment: string): boolean {
  let pointer: string;
  try {
    pointer = decodeURIComponent(fragment);
  } catch {
    return false;
  }
  return pointer === '' || valueAtPointer(value, pointer) !== undefined;
}

/** What is wrong with a reference, with its severity, or undefined when it resolves. */
function problemOf(ref: string, doc: JsonDoc, names: ReturnType<typeof declaredNames>): { severity: 'error' | 'warning'; why: string } | undefined {
  const hash = ref.indexOf('#');
  const base = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  if (base !== '' && !names.ids.has(base)) return { severity: 'warning', why: 'it points into another document, which MCP clients do not fetch: put the definition under `$defs` and refer to it as "#/$defs/…"' };
  if (fragment === '' || fragment.startsWith('/')) {
    // A reference into another resource of this document (`$id` base) is not followed here: not judged.
    if (base !== '' || reaches(doc.value, fragment)) return undefined;
    const defs = /^\/(\$defs|definitions)\/([^/]+)$/.exec(fragment);
    const near = defs ? closest(defs[2]!, Object.keys((valueAtPointer(doc.value, `/${defs[1]}`) as Record<string, unknown> | undefined) ?? {})) : undefined;
    return { severity: 'error', why: `nothing in this schema is at that pointer${near ? ` (did you mean "#/${defs![1]}/${near}"?)` : ''}` };
  }
  return names.anchors.has(fragment) ? undefined : { severity: 'error', why: `no $anchor "${fragment}" is declared in this schema` };
}

export const schemaRefUnresolved: Rule = {
  id: 'schema/ref-unresolved',
  severity: 'error',
  scope: 'file',
  description: 'A `$ref` that points at nothing in its schema (error), or into another document MCP clients do not fetch (warning).',
  check(ctx, report) {
    for (const { tool, doc, which } of checkableSchemas(ctx)) {
      const refs = subSchemas(doc).filter(({ schema }) => typeof schema['$ref'] === 'string');
      if (refs.length === 0) continue;
      const names = declaredNames(doc);
      for (const { schema, pointer } of refs) {
        const ref = schema['$ref'] as string;
        const problem = problemOf(ref, doc, names);
        if (!problem) continue;
        report({
          file: doc.file ?? tool.file, span: spanAtPointer(doc, `${pointer}/$ref`), severity: problem.severity,
          message: `The ${which} schema of \`${tool.name}\` refers to ${JSON.stringify(ref)}, but ${problem.why}.`,
        });
      }
    }
  },
};
