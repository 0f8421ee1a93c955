// A schema written as a literal in Go: a `&jsonschema.Schema{Type: "object", Properties: map[string]*jsonschema.Schema{…}}`
// (github.com/google/jsonschema-go, which the go-sdk takes), or `json.RawMessage(`{…}`)` holding JSON. Read as
// JSON Schema with every member located; a field computed at run time makes the schema unknown (an error on it).
import type { JsonDoc, JsonLocation } from '../../model';
import { parseJsonDoc, pointerSegment } from '../../json/json-doc';
import type { SyntaxNode } from '../tree-sitter';
import type { GoFile } from './go-file';
import { argumentsOf, calleeOf, compositeOf, descendantsOf, goStringValue, literalElements, literalFields, named, typeName, unwrap, type GoScope } from './syntax';

/** jsonschema.Schema's fields and the JSON keys they are sent as. */
const KEYS: Record<string, string> = {
  Type: 'type', Types: 'type', Description: 'description', Title: 'title', Properties: 'properties', Required: 'required',
  Items: 'items', Enum: 'enum', Default: 'default', Const: 'const', Minimum: 'minimum', Maximum: 'maximum',
  ExclusiveMinimum: 'exclusiveMinimum', ExclusiveMaximum: 'exclusiveMaximum', MinLength: 'minLength', MaxLength: 'maxLength',
  MinItems: 'minItems', MaxItems: 'maxItems', Pattern: 'pattern', Format: 'format', AdditionalProperties: 'additionalProperties',
  AnyOf: 'anyOf', OneOf: 'oneOf', AllOf: 'allOf', Not: 'not', UniqueItems: 'uniqueItems', MinProperties: 'minProperties',
  MaxProperties: 'maxProperties', Examples: 'examples', Deprecated: 'deprecated', ReadOnly: 'readOnly', Schema: '$schema',
  ID: '$id', Ref: '$ref', Defs: '$defs', Definitions: 'definitions', PropertyOrder: 'propertyOrder',
};
const LISTS = new Set(['anyOf', 'oneOf', 'allOf']);
const SCHEMA_MAPS = new Set(['properties', '$defs', 'definitions']);

/** Reads a schema expression given to a tool (`InputSchema: …`), or undefined when it is not a literal. */
export function readSchemaExpression(file: GoFile, node: SyntaxNode, scope: GoScope): JsonDoc | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'identifier') {
    const value = scope.locals?.get(n.text) ?? scope.globals.get(n.text);
    if (!value || value.startIndex === n.startIndex) return undefined;
    const doc = readSchemaExpression(file, value, scope);
    // A schema kept in a local and handed to a helper (`addPagination(schema)`) may be changed there.
    const passed = doc && handedOn(n, scope);
    if (doc && passed) doc.errors.push({ message: `\`${n.text}\` is passed to \`${passed}\`, which may change it, so this schema is not checked whole`, span: file.ctx.span(n.startIndex, n.endIndex) });
    return doc;
  }
  if (n.type === 'call_expression' && /^(?:RawMessage)$/.test(calleeOf(n).name)) {
    const text = goStringValue(argumentsOf(n)[0], scope);
    if (!text || text.decoded.starts.some((s, i) => i > 0 && s !== text.decoded.starts[i - 1]! + 1)) return undefined;
    return parseJsonDoc(text.decoded.text, (text.decoded.starts[0] ?? text.start), file.ctx);
  }
  const lit = compositeOf(n);
  if (!lit || typeName(lit.childForFieldName('type')) !== 'Schema') return undefined;
  const reader = new LiteralReader(file, scope);
  const value = reader.schema(lit, '');
  return { value, span: file.ctx.span(n.startIndex, n.endIndex), origin: 'object-literal', locations: reader.locations, errors: reader.errors };
}

/** The name of a call the local is an argument of, outside its own declaration. */
function handedOn(id: SyntaxNode, scope: GoScope): string | undefined {
  let fn: SyntaxNode | null = id.parent;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'func_literal' && fn.type !== 'method_declaration') fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body || !scope.locals?.has(id.text)) return undefined;
  for (const call of descendantsOf(body, ['call_expression'])) {
    if (argumentsOf(call).some((a) => unwrap(a)?.text === id.text || unwrap(a)?.text === `&${id.text}`)) return calleeOf(call).name;
  }
  return undefined;
}

class LiteralReader {
  readonly locations: Record<string, JsonLocation> = {};
  readonly errors: JsonDoc['errors'] = [];

  constructor(
    private readonly file: GoFile,
    private readonly scope: GoScope,
  ) {}

  /** A `jsonschema.Schema{…}` literal (or its elided `{…}` body in a map or slice). */
  schema(lit: SyntaxNode, pointer: string): Record<string, unknown> {
    this.locations[pointer] ??= { value: this.file.ctx.span(lit.startIndex, lit.endIndex) };
    const out: Record<string, unknown> = {};
    for (const [field, { key, value }] of literalFields(lit)) {
      const json = KEYS[field];
      if (!json) {
        this.unread(value);
        continue;
      }
      const at = `${pointer}/${pointerSegment(json)}`;
      this.locations[at] = { key: this.file.ctx.span(key.startIndex, key.endIndex), value: this.file.ctx.span(value.startIndex, value.endIndex) };
      const read = this.member(json, value, at);
      if (read !== undefined) out[json] = read;
    }
    return out;
  }

  private member(json: string, value: SyntaxNode, at: string): unknown {
    if (SCHEMA_MAPS.has(json)) return this.schemaMap(value, at);
    if (LISTS.has(json)) {
      const list = compositeOf(value);
      if (!list) return this.unread(value);
      return literalElements(list).map((e, i) => this.nested(e, `${at}/${i}`));
    }
    if (json === 'items' || json === 'not' || json === 'additionalProperties') return this.nested(value, at);
    return this.scalar(value);
  }

  private nested(node: SyntaxNode, at: string): unknown {
    const n = unwrap(node);
    if (n?.type === 'literal_value') return this.schema(n, at);
    const lit = compositeOf(n);
    if (lit && typeName(lit.childForFieldName('type')) === 'Schema') return this.schema(lit, at);
    return this.unread(node);
  }

  private schemaMap(node: SyntaxNode, at: string): unknown {
    const map = compositeOf(node);
    if (!map) return this.unread(node);
    const out: Record<string, unknown> = {};
    for (const el of named(map.childForFieldName('body')).filter((e) => e.type === 'keyed_element')) {
      const [k, v] = named(el).map((c) => (c.type === 'literal_element' ? (named(c)[0] ?? c) : c));
      const name = k ? goStringValue(k, this.scope)?.decoded.text : undefined;
      if (name === undefined || !v) {
        this.unread(el);
        continue;
      }
      const pointer = `${at}/${pointerSegment(name)}`;
      this.locations[pointer] = { key: this.file.ctx.span(k!.startIndex, k!.endIndex), value: this.file.ctx.span(v.startIndex, v.endIndex) };
      out[name] = this.nested(v, pointer);
    }
    return out;
  }

  /** Strings, numbers, bools, `[]string{…}` / `[]any{…}`, `jsonschema.Ptr(x)` / `&x`, `json.RawMessage(`…`)`. */
  private scalar(node: SyntaxNode): unknown {
    const n = unwrap(node);
    if (!n) return undefined;
    const text = goStringValue(n, this.scope);
    if (text) return text.decoded.text;
    if (/^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/.test(n.text)) return Number(n.text);
    if (n.type === 'true' || n.type === 'false') return n.type === 'true';
    if (n.type === 'nil') return undefined;
    if (n.type === 'call_expression') {
      const { name } = calleeOf(n);
      const [arg] = argumentsOf(n);
      if (name === 'RawMessage' && arg) {
        const raw = goStringValue(arg, this.scope);
        try {
          return raw ? JSON.parse(raw.decoded.text) : this.unread(n);
        } catch {
          return this.unread(n);
        }
      }
      // `jsonschema.Ptr(10)`, `float64(1)`, `github.Ptr(…)`.
      if (arg && argumentsOf(n).length === 1) return this.scalar(arg);
    }
    const list = compositeOf(n);
    if (list && list.childForFieldName('type')?.type === 'slice_type') {
      const values = literalElements(list).map((e) => this.scalar(e));
      return values.some((v) => v === undefined) ? this.unread(n) : values;
    }
    return this.unread(n);
  }

  private unread(n: SyntaxNode): undefined {
    this.errors.push({ message: `\`${n.text.slice(0, 40)}\` is computed at run time, so this schema is not checked`, span: this.file.ctx.span(n.startIndex, n.endIndex) });
    return undefined;
  }
}
