// Python type hints read as the JSON Schema FastMCP (pydantic) builds from them: str/int/float/bool, list, dict,
// Optional/Union/`|`, Literal, Enum and pydantic BaseModel/TypedDict classes of the same file, module-level
// aliases, and `Annotated[…, Field(description=…)]`. A hint that is not read (an imported class) makes the
// schema unknown: an error on the document, never a guessed `{}`.
import type { JsonDoc, JsonLocation } from '../../model';
import type { SourceContext } from '../../source-context';
import type { SyntaxNode } from '../tree-sitter';
import { callArguments, docstring, lastName, moduleValue, named, resolvePyText, unwrap, type PyText } from './syntax';
import { pyScalar, pyValueToJson } from './values';

export type Schema = Record<string, unknown>;

const SCALARS: Record<string, Schema> = {
  str: { type: 'string' }, int: { type: 'integer' }, float: { type: 'number' }, bool: { type: 'boolean' },
  bytes: { type: 'string', format: 'binary' }, Any: {}, object: {},
  datetime: { type: 'string', format: 'date-time' }, date: { type: 'string', format: 'date' }, UUID: { type: 'string', format: 'uuid' },
  dict: { additionalProperties: true, type: 'object' }, Dict: { additionalProperties: true, type: 'object' },
  list: { items: {}, type: 'array' }, List: { items: {}, type: 'array' },
};
const LISTS = new Set(['list', 'List', 'Sequence', 'Iterable', 'set', 'Set', 'frozenset', 'FrozenSet']);
const DICTS = new Set(['dict', 'Dict', 'Mapping', 'MutableMapping']);
/** `Field(...)` keywords copied into the schema as pydantic names them. */
const FIELD_KEYWORDS: Record<string, string> = {
  description: 'description', title: 'title', ge: 'minimum', le: 'maximum', gt: 'exclusiveMinimum', lt: 'exclusiveMaximum',
  min_length: 'minLength', max_length: 'maxLength', pattern: 'pattern', examples: 'examples',
};

/** A Field(...) call's metadata: the keywords it sets, and its default when it has one. */
interface FieldInfo {
  call: SyntaxNode;
  default?: { value: unknown } | 'unknown';
}

export class HintReader {
  readonly locations: Record<string, JsonLocation> = {};
  readonly unread: JsonDoc['errors'] = [];
  /** The string values read, by pointer (descriptions), for a prompt argument's description with its offset map. */
  readonly texts = new Map<string, PyText>();
  /** `classes`: the file's classes by name (PyFile lists them once), for models and enums. */
  constructor(
    readonly root: SyntaxNode,
    readonly ctx: SourceContext,
    private readonly classes: ReadonlyMap<string, SyntaxNode>,
    private readonly classCache = new Map<number, ClassInfo>(),
  ) {}

  /** The schema of a hint at a JSON pointer, recording where it is written. */
  read(node: SyntaxNode | null | undefined, pointer: string, depth = 0): Schema {
    const n = unwrap(node);
    if (!n) return {};
    this.locate(pointer, n);
    if (depth > 12) return this.unknown(n, 'the deeply nested hint');
    switch (n.type) {
      case 'identifier': case 'attribute': return this.readName(n, pointer, depth);
      case 'none': return { type: 'null' };
      case 'string': {
        // A forward reference: `"Customer"`.
        const name = resolvePyText(n, this.root)?.decoded.text;
        const cls = name ? this.classes.get(name) : undefined;
        return cls ? this.readClass(cls, pointer, depth) : this.unknown(n, 'the hint');
      }
      case 'binary_operator':
        return n.childForFieldName('operator')?.text === '|' ? { anyOf: this.unionMembers(n).map((m, i) => this.read(m, `${pointer}/anyOf/${i}`, depth + 1)) } : this.unknown(n, 'the hint');
      case 'union_type': return { anyOf: named(n).map((m, i) => this.read(m, `${pointer}/anyOf/${i}`, depth + 1)) };
      case 'generic_type': case 'subscript': return this.readGeneric(n, pointer, depth);
      default: return this.unknown(n, 'the hint');
    }
  }

  /** A field's or parameter's default, when it is a literal (`= 10`, `= None`, `= Color.RED`). */
  defaultOf(node: SyntaxNode | null | undefined): { value: unknown } | 'unknown' {
    const n = unwrap(node);
    const scalar = pyScalar(n, this.root);
    if (scalar) return scalar;
    if (n?.type === 'list' || n?.type === 'dictionary') {
      const doc = pyValueToJson(n, this.root, this.ctx);
      if (doc && doc.errors.length === 0) return { value: doc.value };
    }
    if (n?.type === 'attribute') {
      const member = this.enumMember(n);
      if (member) return member;
    }
    return 'unknown';
  }

  /** `Field(default=…, description=…)` as a parameter default or in `Annotated[…]`. */
  fieldCall(node: SyntaxNode | null | undefined): FieldInfo | undefined {
    const n = unwrap(node);
    if (n?.type !== 'call' || lastName(n.childForFieldName('function')) !== 'Field') return undefined;
    const { positional, keywords } = callArguments(n);
    const given = keywords.get('default') ?? positional[0];
    if (!given || given.type === 'ellipsis') return keywords.has('default_factory') ? { call: n, default: 'unknown' } : { call: n };
    return { call: n, default: this.defaultOf(given) };
  }

  /** Applies a Field(...)'s keywords to a schema, locating each. */
  applyField(schema: Schema, field: FieldInfo, pointer: string): void {
    const { keywords } = callArguments(field.call);
    for (const [keyword, key] of Object.entries(FIELD_KEYWORDS)) {
      const value = keywords.get(keyword);
      if (!value) continue;
      const scalar = pyScalar(value, this.root) ?? (value.type === 'list' ? { value: pyValueToJson(value, this.root, this.ctx)?.value } : undefined);
      if (!scalar) {
        this.unknown(value, `the Field ${keyword}`);
        continue;
      }
      // pydantic writes a length bound of an array as minItems/maxItems.
      const named = schema['type'] === 'array' ? key.replace(/^(min|max)Length$/, '$1Items') : key;
      schema[named] = scalar.value;
      this.locations[`${pointer}/${named}`] = { value: this.ctx.span(value.startIndex, value.endIndex) };
      const text = typeof scalar.value === 'string' ? resolvePyText(value, this.root) : undefined;
      if (text) this.texts.set(`${pointer}/${named}`, text);
    }
  }

  /** An object schema of named, hinted members (a model's fields, a function's parameters). */
  objectOf(members: Member[], pointer: string, depth: number): Schema {
    const properties: Schema = {};
    const required: string[] = [];
    for (const m of members) {
      const at = `${pointer}/properties/${m.name.text}`;
      const schema = m.hint ? this.read(m.hint, at, depth + 1) : {};
      this.locations[at] = { key: this.ctx.span(m.name.startIndex, m.name.endIndex), value: this.ctx.span((m.hint ?? m.name).startIndex, (m.hint ?? m.name).endIndex) };
      const field = this.fieldCall(m.default);
      if (field) this.applyField(schema, field, at);
      const given = field ? field.default : m.default ? this.defaultOf(m.default) : undefined;
      if (given === undefined && !m.optional) required.push(m.name.text);
      else if (given !== undefined && given !== 'unknown') {
        schema['default'] = given.value;
        // A default written after `=` is found there (a finding on it points at the literal, not the hint).
        if (!field && m.default) this.locations[`${at}/default`] = { value: this.ctx.span(m.default.startIndex, m.default.endIndex) };
      }
      properties[m.name.text] = schema;
    }
    return { properties, ...(required.length ? { required } : {}), type: 'object' };
  }

  private readName(n: SyntaxNode, pointer: string, depth: number): Schema {
    const name = lastName(n);
    const cls = n.type === 'identifier' ? this.classes.get(name) : undefined;
    if (cls) return this.readClass(cls, pointer, depth);
    const scalar = SCALARS[name];
    if (scalar) return structuredClone(scalar);
    const alias = n.type === 'identifier' ? moduleValue(name, this.root) : undefined;
    if (alias && depth < 8) return this.read(alias, pointer, depth + 1);
    return this.unknown(n, 'the type');
  }

  private readGeneric(n: SyntaxNode, pointer: string, depth: number): Schema {
    const { head, args } = genericParts(n);
    if (head === 'Annotated') return this.readAnnotated(args, pointer, depth);
    // TypedDict qualifiers: the member's own type (whether it is required is the object's business).
    if ((head === 'NotRequired' || head === 'Required' || head === 'ReadOnly') && args[0]) return this.read(args[0], pointer, depth + 1);
    if (head === 'Optional' && args[0]) return { anyOf: [this.read(args[0], `${pointer}/anyOf/0`, depth + 1), { type: 'null' }] };
    if (head === 'Union') return { anyOf: args.map((a, i) => this.read(a, `${pointer}/anyOf/${i}`, depth + 1)) };
    if (head === 'Literal') return this.readLiteral(n, args);
    if (LISTS.has(head)) {
      const items = args[0] ? this.read(args[0], `${pointer}/items`, depth + 1) : {};
      return { items, type: 'array', ...(/^(?:set|Set|frozenset|FrozenSet)$/.test(head) ? { uniqueItems: true } : {}) };
    }
    if (DICTS.has(head)) {
      // pydantic writes a value of any type as `true`.
      const anyValue = !args[1] || /^(?:Any|object)$/.test(lastName(args[1]));
      return { additionalProperties: anyValue ? true : this.read(args[1], `${pointer}/additionalProperties`, depth + 1), type: 'object' };
    }
    return this.unknown(n, 'the generic type');
  }

  private readAnnotated(args: SyntaxNode[], pointer: string, depth: number): Schema {
    const [type, ...meta] = args;
    const schema = this.read(type, pointer, depth + 1);
    for (const m of meta) {
      const field = this.fieldCall(m);
      if (field) this.applyField(schema, field, pointer);
      const text = unwrap(m)?.type === 'string' ? resolvePyText(m, this.root) : undefined;
      // A plain string in Annotated is the description, as FastMCP reads it.
      if (text && !text.formatted) {
        schema['description'] = text.decoded.text;
        this.locations[`${pointer}/description`] = { value: this.ctx.span(text.start, text.end) };
        this.texts.set(`${pointer}/description`, text);
      }
    }
    return schema;
  }

  private readLiteral(n: SyntaxNode, args: SyntaxNode[]): Schema {
    const values = args.map((a) => pyScalar(a, this.root));
    if (values.some((v) => !v)) return this.unknown(n, 'the Literal');
    const list = values.map((v) => v!.value);
    const types = new Set(list.map((v) => (v === null ? 'null' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)));
    const type = types.size === 1 ? [...types][0] : undefined;
    return list.length === 1 ? { const: list[0], ...(type ? { type } : {}) } : { enum: list, ...(type ? { type } : {}) };
  }

  private readClass(cls: SyntaxNode, pointer: string, depth: number): Schema {
    const info = this.classInfo(cls);
    if (info.kind === 'enum') return this.readEnum(cls, info.bases);
    if (info.kind === 'other') return this.unknown(cls.childForFieldName('name') ?? cls, 'the class');
    const schema = this.objectOf(info.members, pointer, depth);
    if (info.doc) schema['description'] = info.doc;
    return schema;
  }

  /** What a class is, read once per class (a model is read again for every tool that uses it). */
  private classInfo(cls: SyntaxNode): ClassInfo {
    const cached = this.classCache.get(cls.id);
    if (cached) return cached;
    const superclasses = cls.childForFieldName('superclasses');
    const bases = named(superclasses).map((b) => lastName(b));
    const decorated = cls.parent?.type === 'decorated_definition' ? this.ctx.text.slice(cls.parent.startIndex, cls.startIndex) : '';
    const dataclass = /^@(?:dataclasses\.)?dataclass\b/m.test(decorated);
    let info: ClassInfo;
    if (bases.some((b) => /^(?:Str|Int)?Enum$/.test(b))) info = { kind: 'enum', bases, members: [] };
    else if (!dataclass && !bases.some((b) => b === 'BaseModel' || b === 'TypedDict' || this.classes.has(b))) info = { kind: 'other', bases, members: [] };
    else {
      const total = !/\btotal\s*=\s*False\b/.test(superclasses?.text ?? '');
      const inherited = bases.flatMap((b) => (this.classes.has(b) ? classMembers(this.classes.get(b)!, total) : []));
      const doc = docstring(cls, this.root)?.decoded.text;
      info = { kind: 'object', bases, members: [...inherited, ...classMembers(cls, total)], ...(doc ? { doc } : {}) };
    }
    this.classCache.set(cls.id, info);
    return info;
  }

  private readEnum(cls: SyntaxNode, bases: string[]): Schema {
    const values = classAssignments(cls).map((a) => pyScalar(a.childForFieldName('right') ?? undefined, this.root));
    if (values.length === 0 || values.some((v) => !v)) return this.unknown(cls.childForFieldName('name') ?? cls, 'the enum');
    const list = values.map((v) => v!.value);
    const type = bases.includes('IntEnum') || list.every((v) => typeof v === 'number') ? 'integer' : list.every((v) => typeof v === 'string') ? 'string' : undefined;
    return { enum: list, ...(type ? { type } : {}) };
  }

  private enumMember(n: SyntaxNode): { value: unknown } | undefined {
    const cls = this.classes.get(n.childForFieldName('object')?.text ?? '');
    const member = n.childForFieldName('attribute')?.text;
    const assignment = cls ? classAssignments(cls).find((a) => a.childForFieldName('left')?.text === member) : undefined;
    return assignment ? pyScalar(assignment.childForFieldName('right') ?? undefined, this.root) : undefined;
  }

  private unionMembers(n: SyntaxNode): SyntaxNode[] {
    const u = unwrap(n);
    if (u?.type === 'binary_operator' && u.childForFieldName('operator')?.text === '|') return [...this.unionMembers(u.childForFieldName('left')!), ...this.unionMembers(u.childForFieldName('right')!)];
    return u ? [u] : [];
  }

  private locate(pointer: string, n: SyntaxNode): void {
    this.locations[pointer] ??= { value: this.ctx.span(n.startIndex, n.endIndex) };
  }

  private unknown(n: SyntaxNode, what: string): Schema {
    this.unread.push({ message: `${what} \`${n.text.slice(0, 40)}\` is not read statically, so this schema is not checked`, span: this.ctx.span(n.startIndex, n.endIndex) });
    return {};
  }
}

/** A class as hints read it: an enum, an object (model, TypedDict, dataclass) with its fields, or other. */
export interface ClassInfo {
  kind: 'enum' | 'object' | 'other';
  bases: string[];
  members: Member[];
  doc?: string;
}

/** A named member with an optional hint and default: a parameter or a model field. */
export interface Member {
  name: SyntaxNode;
  hint?: SyntaxNode;
  default?: SyntaxNode;
  /** A TypedDict key that may be left out (`NotRequired[…]`, or `total=False` without `Required[…]`). */
  optional?: boolean;
}

/** `list[str]` in a hint (`generic_type`) or an expression (`subscript`): its head name and its arguments. */
export function genericParts(n: SyntaxNode): { head: string; args: SyntaxNode[] } {
  if (n.type === 'subscript') {
    const args = n.childrenForFieldName('subscript').filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
    return { head: lastName(n.childForFieldName('value')), args: args.length === 1 && args[0]!.type === 'tuple' ? named(args[0]) : args };
  }
  const [head, params] = named(n);
  return { head: lastName(head), args: named(params).map((p) => unwrap(p) ?? p) };
}

function classAssignments(cls: SyntaxNode): SyntaxNode[] {
  return named(cls.childForFieldName('body')).flatMap((s) => (s.type === 'expression_statement' ? named(s).filter((a) => a.type === 'assignment') : []));
}

/** A model's annotated fields (`name: str`, `x: int = Field(...)`); class variables without a hint are not fields. */
function classMembers(cls: SyntaxNode, total = true): Member[] {
  return classAssignments(cls).flatMap((a): Member[] => {
    const name = a.childForFieldName('left');
    const hint = a.childForFieldName('type');
    const text = unwrap(hint)?.text ?? '';
    if (name?.type !== 'identifier' || !hint || /^ClassVar\b/.test(text)) return [];
    const value = a.childForFieldName('right');
    const optional = /^(?:typing\.)?NotRequired\[/.test(text) || (!total && !/^(?:typing\.)?Required\[/.test(text));
    return [{ name, hint, ...(value ? { default: value } : {}), ...(optional ? { optional } : {}) }];
  });
}
