// A Go type of the file read as the JSON Schema github.com/google/jsonschema-go infers from it (what the official
// go-sdk's `mcp.AddTool` and mcp-go's `WithInputSchema[T]` send): structs as closed objects whose fields are named
// by their `json` tag, required unless `omitempty`/`omitzero`, described by the whole `jsonschema` tag; slices as
// `["null","array"]`, pointers as nullable. Named types are looked up in the file, then in the other files of its
// package (see package.ts); a type declared in neither is unknown: an error on the doc.
import type { JsonDoc, JsonLocation } from '../../model';
import type { SourceContext } from '../../source-context';
import { pointerSegment } from '../../json/json-doc';
import type { SyntaxNode } from '../tree-sitter';
import { named } from './syntax';

type Schema = Record<string, unknown>;

const INTEGER_BOUNDS: Record<string, [number, number] | [number]> = {
  int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647], rune: [-2147483648, 2147483647],
  uint8: [0, 255], byte: [0, 255], uint16: [0, 65535], uint32: [0, 4294967295], uint: [0], uint64: [0], uintptr: [0],
};

/** A type declared under a name, with the context of the file it is declared in; undefined when none is. */
export type GoTypeLookup = (name: string) => { type: SyntaxNode; ctx: SourceContext } | undefined;

export class GoSchemaReader {
  readonly locations: Record<string, JsonLocation> = {};
  readonly errors: JsonDoc['errors'] = [];
  private readonly seen = new Set<string>();
  /** While a type of another file than the doc's is read: the name in the doc's file that led there, where every
   * location and error inside it is placed (a doc's spans are all in its own file). */
  private anchor: SyntaxNode | undefined;

  constructor(
    private readonly lookup: GoTypeLookup,
    private readonly ctx: SourceContext,
    /** Where a type is looked for, for the message of one not found. */
    private readonly where = 'this file',
  ) {}

  private span(start: number, end: number) {
    return this.anchor ? this.ctx.span(this.anchor.startIndex, this.anchor.endIndex) : this.ctx.span(start, end);
  }

  /** Reads a declared type, anchored at `at` when it stands in another file. */
  private declared(found: { type: SyntaxNode; ctx: SourceContext }, at: SyntaxNode, read: (t: SyntaxNode) => Schema): Schema {
    const outer = this.anchor;
    if (found.ctx !== this.ctx) this.anchor ??= at;
    try {
      return read(found.type);
    } finally {
      this.anchor = outer;
    }
  }

  /** The schema of a named type declared in the doc's own file (a handler's argument type declared apart from the
   * handler), located at the root. */
  readType(name: string, type: SyntaxNode): Schema {
    this.seen.add(name);
    try {
      return this.read(type, '', { topLevel: true });
    } finally {
      this.seen.delete(name);
    }
  }

  /** The schema of a type expression, located at `pointer`. */
  read(t: SyntaxNode, pointer: string, options: { topLevel?: boolean } = {}): Schema {
    this.locations[pointer] ??= { value: this.span(t.startIndex, t.endIndex) };
    switch (t.type) {
      case 'pointer_type': {
        const inner = this.read(named(t)[0] ?? t, pointer);
        // The go-sdk takes a pointer's element type for a tool's input and output: no null at the top.
        return options.topLevel ? inner : nullable(inner);
      }
      case 'slice_type':
        return { type: ['null', 'array'], items: this.read(t.childForFieldName('element') ?? t, `${pointer}/items`) };
      case 'array_type': {
        const length = Number(t.childForFieldName('length')?.text);
        return { type: 'array', items: this.read(t.childForFieldName('element') ?? t, `${pointer}/items`), minItems: length, maxItems: length };
      }
      case 'map_type':
        return { type: 'object', additionalProperties: this.read(t.childForFieldName('value') ?? t, `${pointer}/additionalProperties`) };
      case 'struct_type':
        return this.struct(t, pointer);
      case 'interface_type':
        return {};
      case 'type_identifier':
      case 'identifier':
        return this.named(t, pointer);
      default:
        return this.unknown(t);
    }
  }

  private named(t: SyntaxNode, pointer: string): Schema {
    const name = t.text;
    if (name === 'string') return { type: 'string' };
    if (name === 'bool') return { type: 'boolean' };
    if (name === 'float32' || name === 'float64') return { type: 'number' };
    if (name === 'any') return {};
    if (/^u?int(?:8|16|32|64)?$|^(?:byte|rune|uintptr)$/.test(name)) {
      const bounds = INTEGER_BOUNDS[name];
      return { type: 'integer', ...(bounds ? { minimum: bounds[0] } : {}), ...(bounds?.[1] !== undefined ? { maximum: bounds[1] } : {}) };
    }
    const declared = this.lookup(name);
    if (!declared || this.seen.has(name)) return this.unknown(t);
    this.seen.add(name);
    try {
      return this.declared(declared, t, (type) => this.read(type, pointer));
    } finally {
      this.seen.delete(name);
    }
  }

  private struct(t: SyntaxNode, pointer: string): Schema {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    const list = named(t).find((c) => c.type === 'field_declaration_list');
    for (const field of named(list).filter((f) => f.type === 'field_declaration')) {
      const type = field.childForFieldName('type');
      if (!type) continue;
      const names = field.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
      const tag = field.childForFieldName('tag');
      if (names.length === 0) {
        this.embedded(type, pointer, properties, required);
        continue;
      }
      for (const nameNode of names) {
        if (!/^[A-Z]/.test(nameNode.text)) continue;
        const info = jsonInfo(tag, nameNode.text);
        if (info.omit) continue;
        const at = `${pointer}/properties/${pointerSegment(info.name)}`;
        this.locations[at] = { key: this.span((info.nameSpan ?? [nameNode.startIndex, nameNode.endIndex])[0], (info.nameSpan ?? [nameNode.startIndex, nameNode.endIndex])[1]), value: this.span(field.startIndex, field.endIndex) };
        const schema = this.read(type, at);
        const description = tag ? tagValue(tag, 'jsonschema') : undefined;
        if (description) {
          schema['description'] = description.value;
          this.locations[`${at}/description`] = { value: this.span(description.start, description.end) };
        }
        properties[info.name] = schema;
        if (!info.omitEmpty) required.push(info.name);
      }
    }
    return { type: 'object', ...(Object.keys(properties).length || list?.namedChildCount ? { properties } : {}), ...(required.length ? { required } : {}), additionalProperties: false };
  }

  /** An embedded struct's fields are promoted into the outer object, as encoding/json promotes them. */
  private embedded(type: SyntaxNode, pointer: string, properties: Record<string, Schema>, required: string[]): void {
    const name = type.type === 'pointer_type' ? named(type)[0]?.text : type.text;
    const declared = name ? this.lookup(name) : undefined;
    if (declared?.type.type !== 'struct_type') {
      this.unknown(type);
      return;
    }
    const inner = this.declared(declared, type, (t) => this.struct(t, pointer));
    Object.assign(properties, inner['properties'] ?? {});
    required.push(...((inner['required'] as string[] | undefined) ?? []));
  }

  private unknown(t: SyntaxNode): Schema {
    this.errors.push({ message: `\`${t.text.slice(0, 40)}\` is not a type declared in ${this.where}, so this schema is not checked`, span: this.span(t.startIndex, t.endIndex) });
    return {};
  }
}

function nullable(s: Schema): Schema {
  if (typeof s['type'] === 'string') return { ...s, type: ['null', s['type']] };
  if (Array.isArray(s['type']) && !s['type'].includes('null')) return { ...s, type: ['null', ...s['type']] };
  return s;
}

/** A field's JSON name and options from its `json:"name,omitempty"` tag. */
function jsonInfo(tag: SyntaxNode | null, field: string): { name: string; omit: boolean; omitEmpty: boolean; nameSpan?: [number, number] } {
  const json = tag ? tagValue(tag, 'json') : undefined;
  if (!json) return { name: field, omit: false, omitEmpty: false };
  const [name = '', ...rest] = json.value.split(',');
  if (name === '-' && rest.length === 0) return { name: field, omit: true, omitEmpty: false };
  return {
    name: name || field,
    omit: false,
    omitEmpty: rest.includes('omitempty') || rest.includes('omitzero'),
    ...(name ? { nameSpan: [json.start, json.start + name.length] as [number, number] } : {}),
  };
}

/** The value of one key of a struct tag (`json:"x"`), with its source offsets; quoted escapes are kept as written. */
export function tagValue(tag: SyntaxNode, key: string): { value: string; start: number; end: number } | undefined {
  const raw = tag.text;
  const body = raw.startsWith('`') ? raw.slice(1, -1) : raw.slice(1, -1).replace(/\\"/g, '"');
  const re = /([^\s:"]+):"((?:[^"\\]|\\.)*)"/g;
  for (const m of body.matchAll(re)) {
    if (m[1] !== key) continue;
    const start = tag.startIndex + 1 + (m.index ?? 0) + m[1].length + 2;
    return { value: m[2]!.replace(/\\(.)/g, '$1'), start, end: start + m[2]!.length };
  }
  return undefined;
}
