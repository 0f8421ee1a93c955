// The JSON Schema a `#[derive(JsonSchema)]` type gives (what rmcp sends for `Parameters<T>` and `Json<T>`), read from
// the struct or enum as written in the file: fields, `///` and `#[schemars(description)]` descriptions, `Option<T>`
// and `#[serde(default)]` as not required, serde renames. A type not declared in the file, a generic, a tuple
// struct or `#[serde(flatten)]` is not read: the schema is unknown (it has errors), never `{}`.
import type { JsonDoc, JsonLocation, SourceSpan, TextValue } from '../../model';
import type { SourceContext } from '../../source-context';
import { pointerSegment } from '../../json/json-doc';
import { argsOf, docText, itemPrefix, literalString, type AttributeArg } from './items';
import { descendants, namedChildren } from './syntax';
import type { SyntaxNode } from '../tree-sitter';

type Schema = Record<string, unknown>;

const INTEGERS = new Set(['i8', 'i16', 'i32', 'i64', 'i128', 'isize']);
const UNSIGNED = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize']);
const ARRAYS = new Set(['Vec', 'VecDeque', 'HashSet', 'BTreeSet', 'IndexSet']);
const MAPS = new Set(['HashMap', 'BTreeMap', 'IndexMap']);
const WRAPPERS = new Set(['Box', 'Arc', 'Rc', 'Cow']);

/** A field's name as serde sends it, under a container's `rename_all`. */
export function renamed(name: string, rule: string | undefined): string {
  const words = name.split('_').filter(Boolean);
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  switch (rule) {
    case 'camelCase': return words.map((w, i) => (i === 0 ? w : cap(w))).join('');
    case 'PascalCase': return words.map(cap).join('');
    case 'kebab-case': return words.join('-');
    case 'SCREAMING_SNAKE_CASE': return name.toUpperCase();
    case 'SCREAMING-KEBAB-CASE': return words.join('-').toUpperCase();
    case 'lowercase': return name.toLowerCase();
    case 'UPPERCASE': return name.toUpperCase();
    default: return name;
  }
}

/** One field of a struct, as a schema property (also what a prompt's `Parameters<T>` argument is made of). */
export interface FieldRead {
  /** The Rust field name, which handler code reads (`args.customer_id`). */
  field: string;
  /** The name the client sees (after serde renames). */
  name: string;
  nameSpan: SourceSpan;
  required: boolean;
  description?: TextValue;
}

/** Reads the types a file declares into JSON Schemas with locations. */
export class RustTypeReader {
  private readonly types = new Map<string, SyntaxNode>();
  private locations: Record<string, JsonLocation> = {};
  private errors: JsonDoc['errors'] = [];

  constructor(
    root: SyntaxNode,
    private readonly ctx: SourceContext,
  ) {
    for (const item of descendants(root, ['struct_item', 'enum_item'])) {
      const name = item.childForFieldName('name')?.text;
      if (name && !this.types.has(name)) this.types.set(name, item);
    }
  }

  /** The struct or enum the file declares with this name. */
  declared(name: string): SyntaxNode | undefined {
    return this.types.get(name);
  }

  /** The schema of a type written at `typeNode` (`T` of `Parameters<T>`), or undefined when it names no type. */
  document(typeNode: SyntaxNode): JsonDoc {
    this.locations = {};
    this.errors = [];
    const value = this.typeSchema(typeNode, '', new Set()).schema;
    const item = this.declaredItem(typeNode);
    const span = item ? this.ctx.span(item.startIndex, item.endIndex) : this.ctx.span(typeNode.startIndex, typeNode.endIndex);
    this.locations[''] = { value: span };
    return { value, span, origin: 'rust-type', locations: this.locations, errors: this.errors };
  }

  /** The fields of a declared struct, for a prompt's arguments; undefined when the struct is not read. */
  fields(typeNode: SyntaxNode): FieldRead[] | undefined {
    const item = this.declaredItem(typeNode);
    if (item?.type !== 'struct_item' || item.childForFieldName('type_parameters')) return undefined;
    const body = item.childForFieldName('body');
    if (body?.type !== 'field_declaration_list') return undefined;
    const rule = literalString(argsOf(itemPrefix(item), 'serde').get('rename_all')?.value);
    const out: FieldRead[] = [];
    for (const field of namedChildren(body).filter((n) => n.type === 'field_declaration')) {
      const read = this.readField(field, rule);
      if (read === 'unread') return undefined;
      if (read) out.push(read.field);
    }
    return out;
  }

  private declaredItem(typeNode: SyntaxNode): SyntaxNode | undefined {
    return typeNode.type === 'type_identifier' ? this.types.get(typeNode.text) : undefined;
  }

  private unknown(node: SyntaxNode, what: string): { schema: Schema; optional: boolean } {
    this.errors.push({ message: `${what} \`${node.text.slice(0, 40)}\` is not read statically, so this schema is not checked`, span: this.ctx.span(node.startIndex, node.endIndex) });
    return { schema: {}, optional: false };
  }

  private typeSchema(node: SyntaxNode, pointer: string, visiting: Set<string>): { schema: Schema; optional: boolean } {
    switch (node.type) {
      case 'primitive_type': return { schema: primitive(node.text), optional: false };
      case 'reference_type': {
        const inner = node.childForFieldName('type');
        return inner ? this.typeSchema(inner, pointer, visiting) : this.unknown(node, 'the type');
      }
      case 'array_type': {
        const inner = node.childForFieldName('element');
        return { schema: { type: 'array', ...(inner ? { items: this.typeSchema(inner, `${pointer}/items`, visiting).schema } : {}) }, optional: false };
      }
      case 'type_identifier':
      case 'scoped_type_identifier': return this.namedType(node, pointer, visiting);
      case 'generic_type': return this.genericType(node, pointer, visiting);
      default: return this.unknown(node, 'the type');
    }
  }

  private namedType(node: SyntaxNode, pointer: string, visiting: Set<string>): { schema: Schema; optional: boolean } {
    const name = node.text.split('::').at(-1) ?? '';
    if (name === 'String') return { schema: { type: 'string' }, optional: false };
    if (name === 'Value') return { schema: {}, optional: false };
    // schemars writes a map of JSON values as an object that allows any property.
    if (name === 'JsonObject') return { schema: { type: 'object', additionalProperties: true }, optional: false };
    const item = node.type === 'type_identifier' ? this.types.get(name) : undefined;
    if (!item) return this.unknown(node, 'the type');
    if (visiting.has(name)) return this.unknown(node, 'the recursive type');
    visiting.add(name);
    const schema = item.type === 'struct_item' ? this.structSchema(item, pointer, visiting) : this.enumSchema(item);
    visiting.delete(name);
    return { schema, optional: false };
  }

  private genericType(node: SyntaxNode, pointer: string, visiting: Set<string>): { schema: Schema; optional: boolean } {
    const outer = node.childForFieldName('type')?.text.split('::').at(-1) ?? '';
    const args = namedChildren(node.childForFieldName('type_arguments')).filter((n) => n.type !== 'lifetime');
    const first = args[0];
    if (!first) return this.unknown(node, 'the type');
    if (outer === 'Option') return { schema: this.typeSchema(first, pointer, visiting).schema, optional: true };
    if (WRAPPERS.has(outer)) return this.typeSchema(first, pointer, visiting);
    if (ARRAYS.has(outer)) {
      const items = this.typeSchema(first, `${pointer}/items`, visiting).schema;
      return { schema: { type: 'array', items, ...(outer.endsWith('Set') ? { uniqueItems: true } : {}) }, optional: false };
    }
    if (MAPS.has(outer) && args[1]) {
      return { schema: { type: 'object', additionalProperties: this.typeSchema(args[1], `${pointer}/additionalProperties`, visiting).schema }, optional: false };
    }
    return this.unknown(node, 'the type');
  }

  private structSchema(item: SyntaxNode, pointer: string, visiting: Set<string>): Schema {
    const body = item.childForFieldName('body');
    if (item.childForFieldName('type_parameters')) return this.unknown(item.childForFieldName('name') ?? item, 'the generic type').schema;
    if (body?.type !== 'field_declaration_list') return this.unknown(item.childForFieldName('name') ?? item, 'the tuple struct').schema;
    const prefix = itemPrefix(item);
    const serde = argsOf(prefix, 'serde');
    const rule = literalString(serde.get('rename_all')?.value);
    const schema: Schema = { type: 'object' };
    const description = describe(prefix.docs, argsOf(prefix, 'schemars').get('description'), this.ctx);
    if (description) schema['description'] = description.value;
    const properties: Schema = {};
    const required: string[] = [];
    for (const field of namedChildren(body).filter((n) => n.type === 'field_declaration')) {
      const read = this.readField(field, rule);
      if (read === 'unread') continue;
      if (!read) continue;
      const at = `${pointer}/properties/${pointerSegment(read.field.name)}`;
      const type = field.childForFieldName('type');
      const property = type ? this.typeSchema(type, at, visiting) : { schema: {}, optional: false };
      properties[read.field.name] = { ...property.schema, ...read.extra, ...(read.field.description ? { description: read.field.description.value } : {}) };
      this.locations[at] = { key: read.field.nameSpan, value: this.ctx.span(field.startIndex, field.endIndex) };
      if (read.field.description) this.locations[`${at}/description`] = { value: read.field.description.span };
      if (read.field.required && !property.optional) required.push(read.field.name);
    }
    schema['properties'] = properties;
    if (required.length) schema['required'] = required;
    if (serde.has('deny_unknown_fields')) schema['additionalProperties'] = false;
    return schema;
  }

  /** A field as a property; undefined when serde skips it, `unread` (and an error) when its shape is not read. */
  private readField(field: SyntaxNode, rule: string | undefined): { field: FieldRead; extra: Schema } | undefined | 'unread' {
    const nameNode = field.childForFieldName('name');
    if (!nameNode) return undefined;
    const prefix = itemPrefix(field);
    const serde = argsOf(prefix, 'serde');
    const schemars = argsOf(prefix, 'schemars');
    if (serde.has('skip') || serde.has('skip_deserializing')) return undefined;
    if (serde.has('flatten')) {
      this.unknown(field, 'the flattened field');
      return 'unread';
    }
    const rename = serde.get('rename')?.value;
    const explicit = literalString(rename);
    const name = explicit ?? renamed(nameNode.text, rule);
    const nameSpan = explicit && rename ? this.ctx.span(rename.startIndex + 1, rename.endIndex - 1) : this.ctx.span(nameNode.startIndex, nameNode.endIndex);
    const description = describe(prefix.docs, schemars.get('description'), this.ctx);
    const isOption = /^Option\s*</.test(field.childForFieldName('type')?.text ?? '');
    const required = !serde.has('default') && !isOption;
    return { field: { field: nameNode.text, name, nameSpan, required, ...(description ? { description } : {}) }, extra: rangeOf(schemars.get('range')) };
  }

  /** A unit-only enum is a string enum; one with data is not read. */
  private enumSchema(item: SyntaxNode): Schema {
    const rule = literalString(argsOf(itemPrefix(item), 'serde').get('rename_all')?.value);
    const variants = namedChildren(item.childForFieldName('body')).filter((n) => n.type === 'enum_variant');
    if (variants.some((v) => v.childForFieldName('body'))) return this.unknown(item.childForFieldName('name') ?? item, 'the enum with data').schema;
    const names = variants.map((v) => {
      const explicit = literalString(argsOf(itemPrefix(v), 'serde').get('rename')?.value);
      return explicit ?? renamed(v.childForFieldName('name')?.text ?? '', rule);
    });
    return { type: 'string', enum: names };
  }
}

function primitive(name: string): Schema {
  if (name === 'bool') return { type: 'boolean' };
  if (INTEGERS.has(name)) return { type: 'integer' };
  if (UNSIGNED.has(name)) return { type: 'integer', minimum: 0 };
  if (name === 'f32' || name === 'f64') return { type: 'number' };
  return { type: 'string' };
}

/** `#[schemars(range(min = 1, max = 100))]` as minimum and maximum. */
function rangeOf(range: AttributeArg | undefined): Schema {
  const out: Schema = {};
  const text = range?.nested?.text ?? '';
  const min = /\bmin\s*=\s*(-?[\d.]+)/.exec(text)?.[1];
  const max = /\bmax\s*=\s*(-?[\d.]+)/.exec(text)?.[1];
  if (min !== undefined) out['minimum'] = Number(min);
  if (max !== undefined) out['maximum'] = Number(max);
  return out;
}

/** A description: `#[schemars(description = "…")]` wins over the `///` lines, as in schemars. */
function describe(docs: SyntaxNode[], attr: AttributeArg | undefined, ctx: SourceContext): TextValue | undefined {
  const literal = attr?.value;
  const value = literalString(literal);
  if (literal && value !== undefined) {
    const start = literal.startIndex + 1;
    const units = Array.from({ length: value.length }, (_, i) => start + i);
    const decoded = { text: value, starts: units, ends: units.map((u) => u + 1) };
    return ctx.textValue(decoded, literal.startIndex, literal.endIndex);
  }
  return docText(docs, ctx);
}
