// Reads zod schemas written in the source (`z.string().describe(..)`, `.optional()`, `z.enum([..])`, shapes) into
// JSON Schema with locations, without running them: what the MCP SDK would send in tools/list.
import type { JsonDoc, JsonLocation } from '../model';
import type { SourceContext } from '../source-context';
import { pointerSegment } from '../json/json-doc';
import { findConst, keyName, named, resolveTsText, tsValueToJson, unwrap } from './ts-syntax';
import type { SyntaxNode } from './tree-sitter';

type Schema = Record<string, unknown>;

interface ZodRead {
  schema: Schema;
  optional: boolean;
}

/** True when an expression is a zod schema (`z.…` at the bottom of its call chain). */
export function isZodExpression(node: SyntaxNode | undefined, root?: SyntaxNode): boolean {
  let n = unwrap(node);
  if (n?.type === 'identifier' && root) n = unwrap(findConst(n.text, root));
  return /^\s*z\s*\.\s*\w+/.test(n?.text ?? '');
}

/** True for an object literal whose values are zod schemas: the SDK's `inputSchema`/`argsSchema` shape. */
export function isZodShape(node: SyntaxNode | undefined, root?: SyntaxNode): boolean {
  const n = unwrap(node);
  if (n?.type !== 'object') return false;
  const values = named(n).filter((p) => p.type === 'pair').map((p) => p.childForFieldName('value') ?? undefined);
  return values.length > 0 && values.every((v) => isZodExpression(v, root));
}

/** The calls of a chain from the bottom: `z.string().min(1).describe("x")` -> [string(), min(1), describe("x")]. */
function chain(node: SyntaxNode): { method: string; args: SyntaxNode[] }[] {
  const calls: { method: string; args: SyntaxNode[] }[] = [];
  let current: SyntaxNode | undefined = unwrap(node);
  while (current?.type === 'call_expression') {
    const fn = current.childForFieldName('function');
    const args = named(current.childForFieldName('arguments'));
    if (fn?.type !== 'member_expression') break;
    calls.unshift({ method: fn.childForFieldName('property')?.text ?? '', args });
    current = unwrap(fn.childForFieldName('object') ?? undefined);
  }
  return calls;
}

export class ZodReader {
  readonly locations: Record<string, JsonLocation> = {};

  constructor(
    private readonly root: SyntaxNode,
    private readonly ctx: SourceContext,
  ) {}

  private literal(node: SyntaxNode | undefined): unknown {
    return node ? tsValueToJson(node, this.root, this.ctx)?.value : undefined;
  }

  read(node: SyntaxNode, pointer: string, depth = 0): ZodRead {
    const n = unwrap(node);
    if (n?.type === 'identifier' && depth < 8) {
      const value = findConst(n.text, this.root);
      if (value) return this.read(value, pointer, depth + 1);
    }
    const schema: Schema = {};
    let optional = false;
    for (const { method, args } of n ? chain(n) : []) {
      const [a0] = args;
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
          schema['type'] ??= 'string';
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
        case 'object':
          Object.assign(schema, a0 ? this.shape(a0, pointer) : { type: 'object' });
          break;
        case 'record':
          schema['type'] = 'object';
          break;
        case 'union':
          schema['anyOf'] = (unwrap(a0)?.type === 'array' ? named(unwrap(a0)) : []).map((e, i) => this.read(e, `${pointer}/anyOf/${i}`, depth + 1).schema);
          break;
        case 'describe':
          schema['description'] = resolveTsText(a0, this.root, this.ctx)?.decoded.text;
          break;
        case 'optional': case 'nullish':
          optional = true;
          break;
        case 'default':
          optional = true;
          schema['default'] = this.literal(a0);
          break;
        case 'min': case 'gte':
          schema[schema['type'] === 'string' ? 'minLength' : schema['type'] === 'array' ? 'minItems' : 'minimum'] = this.literal(a0);
          break;
        case 'max': case 'lte':
          schema[schema['type'] === 'string' ? 'maxLength' : schema['type'] === 'array' ? 'maxItems' : 'maximum'] = this.literal(a0);
          break;
        case 'positive':
          schema['exclusiveMinimum'] = 0;
          break;
        default:
      }
    }
    if (n) this.locations[pointer] = { ...this.locations[pointer], value: this.ctx.span(n.startIndex, n.endIndex) };
    return { schema, optional };
  }

  /** The members of an object literal, with `...shape` spreads of a const shape expanded in place. */
  private members(object: SyntaxNode, depth = 0): SyntaxNode[] {
    return named(object).flatMap((member) => {
      if (member.type !== 'spread_element' || depth > 4) return [member];
      const target = unwrap(named(member)[0]);
      const value = target?.type === 'identifier' ? unwrap(findConst(target.text, this.root)) : target;
      return value?.type === 'object' ? this.members(value, depth + 1) : [];
    });
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
  if (n?.type === 'identifier') n = unwrap(findConst(n.text, root)) ?? n;
  if (!n) return undefined;
  // Where the SDK takes a zod raw shape (registerTool, tool(), argsSchema), `{}` is an empty shape: an object
  // with no properties, not the empty JSON Schema.
  const emptyShape = options.sdkShape === true && n.type === 'object' && named(n).filter((c) => c.type === 'pair').length === 0;
  if (emptyShape || isZodShape(n, root) || isZodExpression(n, root)) {
    const reader = new ZodReader(root, ctx);
    const value = n.type === 'object' ? reader.shape(n, '') : reader.read(n, '').schema;
    return { value, span: ctx.span(n.startIndex, n.endIndex), origin: 'zod', locations: reader.locations, errors: [] };
  }
  return tsValueToJson(n, root, ctx);
}
