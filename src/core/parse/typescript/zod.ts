// Reads zod schemas written in the source (`z.string().describe(..)`, `.optional()`, `z.enum([..])`, shapes) into
// JSON Schema with locations, without running them: what the MCP SDK would send in tools/list.
import type { JsonDoc, JsonLocation } from '../../model';
import type { SourceContext } from '../../source-context';
import { pointerSegment } from '../../json/json-doc';
import { findConst, keyName, named, resolveTsText, tsValueToJson, unwrap } from './syntax';
import { calledSchema, chain, isZodExpression, isZodNamespace, isZodShape } from './zod-syntax';
import { importedValueOf } from './imports';
import type { SyntaxNode } from '../tree-sitter';

type Schema = Record<string, unknown>;

interface ZodRead {
  schema: Schema;
  optional: boolean;
}

export class ZodReader {
  readonly locations: Record<string, JsonLocation> = {};

  constructor(
    private readonly root: SyntaxNode,
    private readonly ctx: SourceContext,
  ) {}

  /** A JSON value written in the source; one computed at run time (an imported constant) makes the schema unknown. */
  private literal(node: SyntaxNode | undefined): unknown {
    const doc = node ? tsValueToJson(node, this.root, this.ctx) : undefined;
    for (const e of doc?.errors ?? []) this.unread.push({ ...e, message: `${e.message.replace(/, so it cannot be checked here$/, '')}, so this schema is not checked` });
    return doc?.value;
  }

  /** Parts of the schema that are not read (another validator, `z.lazy`, an import): the schema is unknown. */
  readonly unread: JsonDoc['errors'] = [];

  private unknown(node: SyntaxNode, pointer: string, what: string): ZodRead {
    this.unread.push({ message: `${what} \`${node.text.slice(0, 40)}\` is not read statically, so this schema is not checked`, span: this.ctx.span(node.startIndex, node.endIndex) });
    this.locations[pointer] = { ...this.locations[pointer], value: this.ctx.span(node.startIndex, node.endIndex) };
    return { schema: {}, optional: false };
  }

  read(node: SyntaxNode, pointer: string, depth = 0): ZodRead {
    const n = unwrap(node) ?? node;
    if (depth > 8) return this.unknown(n, pointer, 'the deeply nested');
    if (n.type === 'identifier') {
      const value = findConst(n.text, this.root);
      return value ? this.read(value, pointer, depth + 1) : this.unknown(n, pointer, 'the schema');
    }
    const { calls, bottom } = chain(n);
    let base: ZodRead;
    let modifiers = calls;
    // What a helper call returns (`stringArg()`), looked up once.
    let called: SyntaxNode | undefined;
    if (isZodNamespace(bottom) && calls[0]) {
      base = this.construct(calls[0].method, calls[0].args, n, pointer, depth);
      modifiers = calls.slice(1);
    } else if (bottom?.type === 'identifier' && findConst(bottom.text, this.root)) {
      base = this.read(bottom, pointer, depth + 1);
    } else if (bottom?.type === 'call_expression' && (called = calledSchema(bottom, this.root))) {
      base = this.read(called, pointer, depth + 1);
    } else {
      return this.unknown(n, pointer, 'the schema');
    }
    const schema: Schema = { ...base.schema };
    let optional = base.optional;
    for (const { method, args } of modifiers) optional = this.modify(schema, method, args, pointer, depth) ?? optional;
    this.locations[pointer] = { ...this.locations[pointer], value: this.ctx.span(n.startIndex, n.endIndex) };
    return { schema, optional };
  }

  private readAll(list: SyntaxNode | undefined, pointer: string, depth: number): Schema[] {
    const array = unwrap(list);
    return (array?.type === 'array' ? named(array) : []).map((e, i) => this.read(e, `${pointer}/${i}`, depth + 1).schema);
  }

  /** The schema a `z.<method>(…)` constructor builds. */
  private construct(method: string, args: SyntaxNode[], node: SyntaxNode, pointer: string, depth: number): ZodRead {
    const [a0, a1] = args;
    const schema: Schema = {};
    switch (method) {
      case 'string': case 'number': case 'boolean': case 'null':
        schema['type'] = method;
        break;
      case 'bigint': case 'int':
        schema['type'] = 'integer';
        break;
      case 'any': case 'unknown':
        break;
      case 'date': case 'datetime': case 'iso':
        schema['type'] = 'string';
        schema['format'] = 'date-time';
        break;
      case 'email': case 'uuid': case 'url':
        schema['type'] = 'string';
        schema['format'] = method === 'url' ? 'uri' : method;
        break;
      case 'literal':
        schema['const'] = this.literal(a0);
        break;
      case 'enum':
        schema['type'] = 'string';
        schema['enum'] = this.literal(a0);
        break;
      case 'array':
        schema['type'] = 'array';
        if (a0) schema['items'] = this.read(a0, `${pointer}/items`, depth + 1).schema;
        break;
      case 'object': case 'strictObject': case 'looseObject':
        Object.assign(schema, a0 ? this.shape(a0, pointer) : { type: 'object' });
        break;
      case 'record':
        schema['type'] = 'object';
        break;
      case 'union':
        schema['anyOf'] = this.readAll(a0, `${pointer}/anyOf`, depth);
        break;
      case 'discriminatedUnion':
        schema['anyOf'] = this.readAll(a1, `${pointer}/anyOf`, depth);
        break;
      case 'intersection':
        schema['allOf'] = [a0, a1].flatMap((x, i) => (x ? [this.read(x, `${pointer}/allOf/${i}`, depth + 1).schema] : []));
        break;
      case 'preprocess':
        // `z.preprocess(fn, schema)`: the JSON Schema is the target schema's.
        return a1 ? this.read(a1, pointer, depth + 1) : this.unknown(node, pointer, 'the schema');
      case 'optional': case 'nullable':
        return a0 ? { schema: this.read(a0, pointer, depth + 1).schema, optional: method === 'optional' } : this.unknown(node, pointer, 'the schema');
      default:
        // `z.lazy`, `z.custom`, `z.instanceof`, `z.nativeEnum`, …: what they accept is decided at run time.
        return this.unknown(node, pointer, `the zod ${method}() schema`);
    }
    return { schema, optional: false };
  }

  /** Applies a method of a chain to the schema built so far; returns whether the value became optional. */
  private modify(schema: Schema, method: string, args: SyntaxNode[], pointer: string, depth: number): boolean | undefined {
    const [a0] = args;
    switch (method) {
      case 'describe': {
        const text = resolveTsText(a0, this.root, this.ctx);
        // A description built from values known only at run time (`The ${what} ID`) is not read.
        if (text && text.interpolations.length === 0) schema['description'] = text.decoded.text;
        return undefined;
      }
      case 'optional': case 'nullish':
        return true;
      case 'default':
        schema['default'] = this.literal(a0);
        return true;
      case 'int':
        schema['type'] = 'integer';
        return undefined;
      case 'min': case 'gte':
        schema[schema['type'] === 'string' ? 'minLength' : schema['type'] === 'array' ? 'minItems' : 'minimum'] = this.literal(a0);
        return undefined;
      case 'max': case 'lte':
        schema[schema['type'] === 'string' ? 'maxLength' : schema['type'] === 'array' ? 'maxItems' : 'maximum'] = this.literal(a0);
        return undefined;
      case 'positive':
        schema['exclusiveMinimum'] = 0;
        return undefined;
      case 'nonnegative':
        schema['minimum'] = 0;
        return undefined;
      case 'email': case 'uuid': case 'url':
        schema['format'] = method === 'url' ? 'uri' : method;
        return undefined;
      case 'extend': case 'merge': case 'safeExtend': {
        // `.extend({ … })` adds members; `.merge(other)` adds another object schema's.
        const added = a0 && unwrap(a0)?.type === 'object' ? this.shape(a0, pointer) : a0 ? this.read(a0, pointer, depth + 1).schema : {};
        schema['properties'] = { ...(schema['properties'] as Schema | undefined), ...(added['properties'] as Schema | undefined) };
        const required = [...((schema['required'] as string[] | undefined) ?? []), ...((added['required'] as string[] | undefined) ?? [])];
        if (required.length) schema['required'] = [...new Set(required)];
        return undefined;
      }
      case 'partial':
        delete schema['required'];
        return undefined;
      default:
        // Refinements, transforms and string checks (`.refine`, `.trim`, `.regex`, …) leave the JSON Schema's shape.
        return undefined;
    }
  }

  /** The members of an object literal, with `...shape` spreads of a const shape expanded in place. */
  private members(object: SyntaxNode, depth = 0): SyntaxNode[] {
    return named(object).flatMap((member) => {
      if (member.type !== 'spread_element' || depth > 4) return [member];
      const target = unwrap(named(member)[0]);
      const value = target?.type === 'identifier' ? unwrap(findConst(target.text, this.root)) : target;
      if (value?.type === 'object') return this.members(value, depth + 1);
      // `...Base.shape`: the members of the object schema Base.
      const base = value ? shapeOf(value, this.root) : undefined;
      return base ? this.members(base, depth + 1) : [member];
    });
  }

  /** A member the shape cannot read (a spread of something not declared here) makes the schema unknown. */
  private unreadMember(member: SyntaxNode): void {
    this.unread.push({ message: `the spread \`${member.text.slice(0, 40)}\` is not read statically, so this schema is not checked`, span: this.ctx.span(member.startIndex, member.endIndex) });
  }

  /** A zod shape (object literal of zod schemas) as a JSON Schema object. */
  shape(node: SyntaxNode, pointer: string): Schema {
    // `z.object(customerShape)`: a shape kept in a const, located where its members are written.
    const direct = unwrap(node);
    const n = direct?.type === 'identifier' ? (unwrap(findConst(direct.text, this.root)) ?? direct) : direct;
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const pair of n?.type === 'object' ? this.members(n) : []) {
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (pair.type === 'spread_element') this.unreadMember(pair);
      if (pair.type !== 'pair' || !key || !value) continue;
      const name = keyName(key);
      const at = `${pointer}/properties/${pointerSegment(name)}`;
      const read = this.read(value, at);
      this.locations[at] = { key: this.ctx.span(key.startIndex, key.endIndex), value: this.ctx.span(value.startIndex, value.endIndex) };
      properties[name] = read.schema;
      if (!read.optional) required.push(name);
    }
    if (n) this.locations[pointer] = { value: this.ctx.span(n.startIndex, n.endIndex) };
    return { type: 'object', properties, ...(required.length ? { required } : {}) };
  }
}

/** Reads an `inputSchema`/`outputSchema`/`argsSchema` value: a zod shape, a `z.object(..)`, or a JSON Schema literal. */
export function readSchemaValue(node: SyntaxNode | undefined, root: SyntaxNode, ctx: SourceContext, options: { sdkShape?: boolean } = {}): JsonDoc | undefined {
  let n = unwrap(node);
  if (n?.type === 'identifier' && !findConst(n.text, root)) {
    // A schema exported by a sibling module: read there, its locations that file's.
    const imported = importedValueOf(n.text, root);
    const doc = imported ? readSchemaValue(imported.node, imported.root, imported.ctx, options) : undefined;
    if (doc) doc.file ??= imported!.ctx.file;
    if (doc) return doc;
  }
  if (n?.type === 'identifier') n = unwrap(findConst(n.text, root)) ?? n;
  if (!n) return undefined;
  // `inputSchema: ReadArgs.shape`: the SDK reads the raw shape of an object schema, which is that schema.
  const shaped = n.type === 'member_expression' && n.childForFieldName('property')?.text === 'shape' ? unwrap(n.childForFieldName('object') ?? undefined) : undefined;
  if (shaped && isZodExpression(shaped, root)) n = shaped;
  // Where the SDK takes a zod raw shape (registerTool, tool(), argsSchema), `{}` is an empty shape: an object
  // with no properties, not the empty JSON Schema.
  const emptyShape = options.sdkShape === true && n.type === 'object' && named(n).filter((c) => c.type === 'pair').length === 0;
  if (emptyShape || isZodShape(n, root) || isZodExpression(n, root)) {
    const reader = new ZodReader(root, ctx);
    const value = n.type === 'object' ? reader.shape(n, '') : reader.read(n, '').schema;
    return { value, span: ctx.span(n.startIndex, n.endIndex), origin: 'zod', locations: reader.locations, errors: reader.unread };
  }
  return tsValueToJson(n, root, ctx);
}

/** The shape literal of `X.shape` where X is `z.object({ … })` (followed through consts). */
function shapeOf(node: SyntaxNode, root: SyntaxNode, depth = 0): SyntaxNode | undefined {
  if (node.type !== 'member_expression' || node.childForFieldName('property')?.text !== 'shape' || depth > 4) return undefined;
  let target = unwrap(node.childForFieldName('object') ?? undefined);
  if (target?.type === 'identifier') target = unwrap(findConst(target.text, root));
  const { calls, bottom } = target ? chain(target) : { calls: [], bottom: undefined };
  const shape = isZodNamespace(bottom) && calls[0]?.method === 'object' ? unwrap(calls[0].args[0]) : undefined;
  return shape?.type === 'object' ? shape : undefined;
}
