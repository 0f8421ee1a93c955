// Scopes of a TypeScript file: what an identifier stands for where it is used, and which server instance a
// registration (`x.registerTool(…)`) is made on. Guides and examples hold many
// programs in one package, often two servers in one file (`server` and `referenceServer`), each in its own factory
// function: a duplicate name matters only on one instance.
import type { ServerKey } from '../../model';
import type { SyntaxNode } from '../tree-sitter';
import { findConst, named, unwrap } from './syntax';

const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function']);
const DECLARATIONS = new Set(['lexical_declaration', 'variable_declaration']);

/** True when a binding pattern binds the name: `x`, `{ x }`, `{ key: x }`, `{ x = 1 }`, `[x]`, `...x`, `x = 1`.
 * The keys of an object pattern (`{ server: s }`) bind nothing. */
function patternBinds(pattern: SyntaxNode | null | undefined, name: string): boolean {
  if (!pattern) return false;
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      return pattern.text === name;
    case 'pair_pattern':
      return patternBinds(pattern.childForFieldName('value'), name);
    case 'object_assignment_pattern':
    case 'assignment_pattern':
      return patternBinds(pattern.childForFieldName('left'), name);
    case 'required_parameter':
    case 'optional_parameter':
      return patternBinds(pattern.childForFieldName('pattern'), name);
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      return named(pattern).some((p) => patternBinds(p, name));
    default:
      return false;
  }
}

/** The names a parameter list binds (plain, defaulted, typed and destructured parameters). */
function bindsParameter(fn: SyntaxNode, name: string): boolean {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return false;
  if (params.type === 'identifier') return params.text === name;
  return named(params).some((p) => patternBinds(p, name));
}

const declaredByBlock = new WeakMap<SyntaxNode['tree'], Map<string, Map<string, SyntaxNode>>>();

/** The declarator of `name` among a block's own statements (`const server = …`, `export const server = …`). A
 * block's declarators are listed once per tree: a file asks about the same blocks for every registration. */
function declaredIn(block: SyntaxNode, name: string): SyntaxNode | undefined {
  let byBlock = declaredByBlock.get(block.tree);
  if (!byBlock) declaredByBlock.set(block.tree, (byBlock = new Map()));
  const key = `${block.type}:${block.startIndex}`;
  let names = byBlock.get(key);
  if (!names) {
    names = new Map();
    for (const statement of named(block)) {
      const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
      if (!declaration || !DECLARATIONS.has(declaration.type)) continue;
      for (const d of named(declaration)) {
        const declared = d.type === 'variable_declarator' ? d.childForFieldName('name')?.text : undefined;
        if (declared !== undefined && !names.has(declared)) names.set(declared, d);
      }
    }
    byBlock.set(key, names);
  }
  return names.get(name);
}

/** The innermost binding of an identifier seen from a node: its declarator, `parameter`, or undefined (an import,
 * or a name declared nowhere the scopes above it see). */
function bindingOf(from: SyntaxNode, name: string): SyntaxNode | 'parameter' | undefined {
  for (let scope: SyntaxNode | null = from.parent; scope; scope = scope.parent) {
    if (FUNCTIONS.has(scope.type) && bindsParameter(scope, name)) return 'parameter';
    if (scope.type === 'statement_block' || scope.type === 'program' || scope.type === 'class_body') {
      const d = declaredIn(scope, name);
      if (d) return d;
    }
  }
  return undefined;
}

/** The value an identifier stands for where it is used: the `const` of the innermost scope that declares it (so a
 * function's own `const config` wins over the module's), else the file's first `const` of that name; undefined
 * for a parameter. */
export function localValue(identifier: SyntaxNode, root: SyntaxNode): SyntaxNode | undefined {
  const binding = bindingOf(identifier, identifier.text);
  if (binding === 'parameter') return undefined;
  return binding ? (binding.childForFieldName('value') ?? undefined) : findConst(identifier.text, root);
}

/**
 * The server a method call is made on, as a key unique in the file, or undefined when the source does not show it.
 * A server kept in a const from a factory of the file (`const app = createServer()`) is also the server that
 * factory made and registered on: `factories` records that (app's key → the factory's server key).
 */
export function serverOfCall(call: SyntaxNode, factories?: Map<ServerKey, ServerKey>): ServerKey | undefined {
  const receiver = unwrap(call.childForFieldName('function')?.childForFieldName('object') ?? undefined);
  return receiver ? serverOfExpression(receiver, factories) : undefined;
}

function serverOfExpression(receiver: SyntaxNode, factories?: Map<ServerKey, ServerKey>, depth = 0): ServerKey | undefined {
  switch (receiver.type) {
    case 'identifier': {
      const d = bindingOf(receiver, receiver.text);
      if (!d || d === 'parameter') return undefined;
      const key = `${receiver.text}@${d.startIndex}`;
      const made = factories && depth < 3 ? factoryServer(d, depth) : undefined;
      if (made) factories!.set(key, made);
      return key;
    }
    case 'member_expression': {
      // `this.server` inside a class: one server per class (its field).
      if (receiver.childForFieldName('object')?.type !== 'this') return undefined;
      let cls: SyntaxNode | null = receiver.parent;
      while (cls && cls.type !== 'class_declaration' && cls.type !== 'class') cls = cls.parent;
      return cls ? `this.${receiver.childForFieldName('property')?.text ?? ''}@${cls.startIndex}` : undefined;
    }
    case 'new_expression':
    case 'call_expression':
      // A chain (`new McpServer(…).registerTool(…)`): the server is the expression it starts from.
      return `chain@${receiver.startIndex}`;
    default:
      return undefined;
  }
}

/**
 * The server a construction (`new McpServer(…)`) makes, keyed as the registrations on it are (see serverOfCall):
 * the const or variable it is kept in, the class field (`this.server = new …`, `server = new …` in a class body),
 * or the chain it starts. Undefined when the source does not keep it where a registration could name it.
 */
export function serverOfConstruction(construction: SyntaxNode): ServerKey | undefined {
  const same = (n: SyntaxNode | undefined) => n?.type === construction.type && n.startIndex === construction.startIndex && n.endIndex === construction.endIndex;
  // Through the parentheses, `as` and `await` around it.
  let node = construction;
  while (node.parent && same(unwrap(node.parent))) node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'variable_declarator' && parent.childForFieldName('value')?.startIndex === node.startIndex) {
    const name = parent.childForFieldName('name');
    return name?.type === 'identifier' ? `${name.text}@${parent.startIndex}` : undefined;
  }
  if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.startIndex === node.startIndex) {
    const left = parent.childForFieldName('left');
    return left ? serverOfExpression(left) : undefined;
  }
  if (parent.type === 'public_field_definition') {
    let cls: SyntaxNode | null = parent.parent;
    while (cls && cls.type !== 'class_declaration' && cls.type !== 'class') cls = cls.parent;
    const field = parent.childForFieldName('name')?.text;
    return cls && field ? `this.${field}@${cls.startIndex}` : undefined;
  }
  if (parent.type === 'member_expression' && parent.childForFieldName('object')?.startIndex === node.startIndex) return `chain@${construction.startIndex}`;
  return undefined;
}

/** The server a local factory returns, when a declarator's value calls one: `const app = createServer()`. */
function factoryServer(declarator: SyntaxNode, depth: number): ServerKey | undefined {
  const call = unwrap(declarator.childForFieldName('value') ?? undefined);
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
  if (callee?.type !== 'identifier') return undefined;
  const fn = functionNamed(callee.text, declarator);
  const body = fn?.childForFieldName('body');
  if (!body) return undefined;
  // An arrow function's expression body is what it returns; otherwise its own `return x` statements (not those of
  // functions nested in it).
  const returned = body.type === 'statement_block' ? returnsOf(body) : [body];
  const servers = new Set(returned.map((r) => (r ? serverOfExpression(unwrap(r) ?? r, undefined, depth + 1) : undefined)));
  const [only] = servers;
  return servers.size === 1 ? only : undefined;
}

/** The function a name declares in a scope above a node: `function f() {…}` or `const f = () => …`. */
function functionNamed(name: string, from: SyntaxNode): SyntaxNode | undefined {
  for (let scope: SyntaxNode | null = from.parent; scope; scope = scope.parent) {
    if (scope.type !== 'statement_block' && scope.type !== 'program') continue;
    for (const statement of named(scope)) {
      const s = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
      if (s?.type === 'function_declaration' && s.childForFieldName('name')?.text === name) return s;
    }
    const value = unwrap(declaredIn(scope, name)?.childForFieldName('value') ?? undefined);
    if (value && (value.type === 'arrow_function' || value.type === 'function_expression' || value.type === 'function')) return value;
  }
  return undefined;
}

/** The values a function body returns (undefined for a bare `return;`), leaving out nested functions' and classes'
 * returns. */
export function returnsOf(body: SyntaxNode): (SyntaxNode | undefined)[] {
  const out: (SyntaxNode | undefined)[] = [];
  const visit = (n: SyntaxNode) => {
    for (const c of named(n)) {
      if (FUNCTIONS.has(c.type) || c.type === 'class_declaration' || c.type === 'class') continue;
      if (c.type === 'return_statement') out.push(named(c)[0]);
      else visit(c);
    }
  };
  visit(body);
  return out;
}

/** The server of the request handler a low-level tool or prompt list stands in (`server.setRequestHandler(…)`). */
export function serverOfHandler(node: SyntaxNode): ServerKey | undefined {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    if (n.type === 'call_expression' && /\.setRequestHandler$/.test(n.childForFieldName('function')?.text ?? '')) return serverOfCall(n);
  }
  return undefined;
}
