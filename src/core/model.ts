// The model every part speaks: prompts, tools, arguments, schemas and templates found in a source file, each with
// exact source ranges. Plain, serialisable data (no tree-sitter nodes), so it crosses process boundaries as is.
import type { Range } from './diagnostic';
import type { DecodedText } from './text/decoded-text';

export type SourceLanguage = 'rust' | 'typescript' | 'python' | 'go';

/** A range in a file as UTF-16 offsets and as a line/character range. */
export interface SourceSpan {
  start: number;
  end: number;
  range: Range;
}

/** A string value from the source: its decoded text, where it is, and how each unit maps back. */
export interface TextValue {
  value: string;
  span: SourceSpan;
  decoded: DecodedText;
  /** How the source literal opens (`"`, `r#"`, `'`, `` ` ``), so a fix can encode its new text for it. */
  opening: string;
  /** The file it is written in, when not its declaration's (a const imported from a sibling module): its spans,
   * and those of everything found in it, are offsets and ranges of that file. */
  file?: string;
}

/** Where a key and its value stand, for one JSON pointer of a schema. */
export interface JsonLocation {
  key?: SourceSpan;
  value: SourceSpan;
}

/** A JSON Schema (or JSON value) read from the source, with the location of every member by JSON pointer. */
export interface JsonDoc {
  value: unknown;
  span: SourceSpan;
  /** How it was written: a `json!` body (or a Python dict, or a schema FastMCP builds from Python type hints, whose
   * strings are Python literals written as JSON ones), a zod shape, a TS object literal, or a Rust type deriving `JsonSchema`. */
  origin: 'json' | 'zod' | 'object-literal' | 'rust-type';
  locations: Record<string, JsonLocation>;
  errors: { message: string; span: SourceSpan }[];
  /** The file it is written in, when not its tool's or prompt's (a schema imported from a sibling module). */
  file?: string;
}

/** How a message text is rendered at run time, which decides what its braces mean. */
export type TemplateSyntax = 'handlebars' | 'format' | 'guidance' | 'plain';

export interface TemplateVariable {
  /** The first path segment, the name an argument must declare. */
  name: string;
  /** The whole path as written, e.g. `customer.id`. */
  path: string;
  span: SourceSpan;
  /** The block helpers (`if`, `each`, …) this use is nested in, outermost first. */
  blocks: string[];
  /** True when the use is a parameter of a block helper (`{{#if x}}`) rather than output. */
  asBlockParam: boolean;
  /** For a `${…}` substitution or a `+` operand: `argument` when it reads the handler's argument (`args.x`, a
   * destructured `x`), `unknown` when it may (the handler's parameters were not read): a use, never judged. */
  interpolation?: 'argument' | 'unknown';
}

export interface TemplateBlock {
  helper: string;
  span: SourceSpan;
  /** The span of the opening `{{#helper …}}` only. */
  openSpan: SourceSpan;
}

export interface TemplateError {
  message: string;
  span: SourceSpan;
  /** The offending token as Handlebars' parser saw it. */
  token?: string;
  /** The decoded template text the span covers (e.g. the whole `{{#if …}}`). */
  snippet?: string;
}

/** A tool named in prompt text. */
export interface ToolMention {
  name: string;
  span: SourceSpan;
  form: 'backtick' | 'verb' | 'call' | 'bare' | 'title';
  /** A plain word (`search`) or a quoted title: it names a tool when one has that name (or title), and is never
   * reported as unknown. */
  weak?: boolean;
  /** True when the name contains template parts, e.g. `{{entity_type}}_list`: it names a family of tools. */
  templated: boolean;
  /** For a templated name, a regular expression source the concrete names must match. */
  pattern?: string;
}

/** What a message text holds once parsed. */
export interface TemplateInfo {
  syntax: TemplateSyntax;
  variables: TemplateVariable[];
  blocks: TemplateBlock[];
  errors: TemplateError[];
  mentions: ToolMention[];
  /** Double-brace `{{x}}` uses in text that is not rendered by Handlebars (the AI sees the braces). */
  literalBraces: { name: string; span: SourceSpan }[];
}

export interface MessageDef {
  role: 'user' | 'assistant';
  text: TextValue;
  template: TemplateInfo;
}

export interface ArgumentDef {
  name: string;
  nameSpan: SourceSpan;
  /** The file it is declared in, when not its prompt's (an arguments schema imported from a sibling module). */
  file?: string;
  description?: TextValue;
  /** True when a description is given in a way not read (a computed value): it may well exist. */
  descriptionUnknown?: true;
  required: boolean;
  schema?: unknown;
}

/** One argument source of a pmcp workflow step. */
export type StepArgSource =
  | { kind: 'prompt_arg'; name: string; span: SourceSpan }
  | { kind: 'from_step'; binding: string; span: SourceSpan }
  | { kind: 'field'; binding: string; path: string; span: SourceSpan; pathSpan: SourceSpan }
  | { kind: 'constant'; value: unknown; span: SourceSpan }
  | { kind: 'other'; text: string; span: SourceSpan };

export interface WorkflowStepDef {
  name: string;
  nameSpan: SourceSpan;
  tool: string;
  toolSpan: SourceSpan;
  args: { name: string; nameSpan: SourceSpan; source: StepArgSource }[];
  guidance?: MessageDef;
  binding?: { name: string; span: SourceSpan };
}

export type PromptStyle = 'seed' | 'pmcp' | 'pmcp-macro' | 'rmcp-macro' | 'fastmcp' | 'pmcp-workflow' | 'registration' | 'sdk' | 'sdk-legacy' | 'sdk-lowlevel' | 'python-lowlevel' | 'mcp-go' | 'go-sdk';
export type ToolStyle = 'seed' | 'pmcp' | 'pmcp-macro' | 'rmcp-macro' | 'fastmcp' | 'registration' | 'sdk' | 'sdk-legacy' | 'sdk-lowlevel' | 'python-lowlevel' | 'mcp-go' | 'go-sdk';

/**
 * A server instance, as a key unique within its file: the `const` a registration is called on (`server`,
 * `referenceServer`), the class whose `this.server` it is, or the builder chain it is part of. A declaration
 * registered on a function's parameter, or on a server imported from another module, has none: which server it
 * joins is decided at run time.
 */
export type ServerKey = string;

export interface PromptDef {
  kind: 'prompt';
  file: string;
  name: string;
  nameSpan: SourceSpan;
  /** The whole declaration (constructor chain or call). */
  span: SourceSpan;
  style: PromptStyle;
  description?: TextValue;
  arguments: ArgumentDef[];
  messages: MessageDef[];
  steps?: WorkflowStepDef[];
  /** The server instance it is registered on, when the source shows one (see ServerKey). */
  server?: ServerKey;
  /** The arms of the branchings (`if`/`else`, `switch`, `match`) it is declared in, as `branching@offset:arm`. */
  branches?: string[];
  /** Arguments the handler passes to the AI outside the message texts read (image `data`, a resource `uri`); `*`
   * when it passes them in a way not read (the whole arguments object, a text built by a helper). */
  argumentUses?: { name: string; span: SourceSpan }[];
  /** True when the arguments are declared in a way not read (an imported schema): which exist is unknown. */
  argumentsUnknown?: boolean;
  /** True when a description is given in a way not read (computed, or in a config not read): it may well exist. */
  descriptionUnknown?: boolean;
}

export interface ToolDef {
  kind: 'tool';
  file: string;
  name: string;
  nameSpan: SourceSpan;
  span: SourceSpan;
  style: ToolStyle;
  title?: string;
  description?: TextValue;
  /** True when a description is given in a way not read (computed, or in a config not read): it may well exist. */
  descriptionUnknown?: boolean;
  inputSchema?: JsonDoc;
  outputSchema?: JsonDoc;
  /** Tools its description names ("call X first", "use with X"). */
  mentions?: ToolMention[];
  /** Its annotations (`readOnlyHint`, `destructiveHint`, …) as written; `null` when the declaration was read whole
   * and has none; absent when whether it has any is unknown (a spread, a form not read). */
  annotations?: JsonDoc | null;
  /** The server instance it is registered on, when the source shows one (see ServerKey). */
  server?: ServerKey;
  /** The arms of the branchings (`if`/`else`, `switch`, `match`) it is declared in, as `branching@offset:arm`. */
  branches?: string[];
  /** What its handler returns, when every return is an object literal read; absent when that is unknown. */
  results?: ToolResultDef[];
}

/** One result a tool handler returns (`return { content, structuredContent }`), as written. */
export interface ToolResultDef {
  /** Where a finding on it stands: its first key (or the object, when empty). */
  span: SourceSpan;
  /** The `structuredContent` key, when the result has one. */
  structuredContent?: SourceSpan;
  /** True for an error result (`isError` set to anything but `false`): it needs no structured content. */
  isError?: true;
}

/**
 * What a server tells every client at `initialize`, as `instructions`: written once per server (`new McpServer(info,
 * { instructions })`, `FastMCP(name, instructions=…)`, rmcp's `get_info`, Go's server options). A client puts it in
 * the model's context, so the tools it names are mentions like a prompt's.
 */
export interface InstructionsDef {
  kind: 'instructions';
  file: string;
  /** The member, keyword argument or option the text is given in (`instructions: …`, `instructions=…`). */
  span: SourceSpan;
  style: ToolStyle;
  text: TextValue;
  /** The tools it names ("call list_orders first"). */
  mentions: ToolMention[];
  /** The server instance it belongs to, when the source shows one (see ServerKey). */
  server?: ServerKey;
  branches?: string[];
}

/** One parameter of a resource template's URI (`{id}` of `users://{id}/profile`). */
export interface UriParameterDef {
  name: string;
  span: SourceSpan;
  /** The expression's RFC 6570 operator: '' (simple), '+', '#', '.', '/', ';', '?' or '&' (the last two: query). */
  operator: string;
  /** `{x*}`: the explode modifier. */
  explode?: true;
}

/**
 * Which registration-time check of a template's parameters against its handler's the framework makes, as the file's
 * imports show: jlowin's `fastmcp`, the SDK's `mcp.server.fastmcp` (mcp 1.x) or `mcp.server.mcpserver` (mcp 2.x), the
 * fastmcp npm package (no check: `load` gets what the template matched). Absent: the framework makes none, or which
 * one it is is not known (a server imported from another module).
 */
export type UriCheck = 'fastmcp' | 'mcp-1' | 'mcp-2' | 'fastmcp-ts';

/** A resource or resource template a server registers (`registerResource`, `@mcp.resource`, `AddResource`, …). */
export interface ResourceDef {
  kind: 'resource';
  file: string;
  /** Its name as listed (`resources/list`'s `name`): the registration's name, or the function's for FastMCP. */
  name: string;
  nameSpan: SourceSpan;
  span: SourceSpan;
  style: ToolStyle;
  title?: string;
  /** Its URI, or its URI template (RFC 6570) when `template` is set; absent when computed at run time. */
  uri?: TextValue;
  /** True for a resource template (`ResourceTemplate`, a URI with `{…}` in FastMCP, `NewResourceTemplate`). */
  template?: boolean;
  /** The template's URI parameters, in order. */
  uriParameters?: UriParameterDef[];
  /** True when the URI has parts computed at run time (a `${…}` not read): `uri.value` holds only the literal parts. */
  uriPartial?: true;
  /** The template's syntax errors the framework raises at registration (an unclosed `{`), in the URI's file. */
  uriErrors?: { message: string; span: SourceSpan }[];
  /** The handler's parameters as the framework passes URI parameters to them (FastMCP's function parameters, the
   * fastmcp npm package's `arguments`), when read; absent when the framework passes them as one object or they were
   * not read. `keywords` marks a `**kwargs` (it takes any parameter). */
  handlerParameters?: { name: string; span: SourceSpan; required: boolean; keywords?: true }[];
  /** The registration-time check its framework makes of `uriParameters` against `handlerParameters`. */
  uriCheck?: UriCheck;
  description?: TextValue;
  /** True when a description is given in a way not read (computed, or in a config not read): it may well exist. */
  descriptionUnknown?: boolean;
  mimeType?: TextValue;
  /** The server instance it is registered on, when the source shows one (see ServerKey). */
  server?: ServerKey;
  branches?: string[];
  /** The offset of the call that adds it with others (fastmcp's `addResources([...])`): they are added together. */
  addedWith?: number;
}

/** A file's findings: its prompts and tools, plus problems reading it (never thrown). */
export interface FileModel {
  file: string;
  language: SourceLanguage;
  prompts: PromptDef[];
  tools: ToolDef[];
  /** Its resources and resource templates, when it registers any. */
  resources?: ResourceDef[];
  /** Its servers' instructions, when it gives any. */
  instructions?: InstructionsDef[];
  /** Syntax errors and unreadable parts, as warnings with positions. */
  problems: { message: string; span: SourceSpan }[];
  /** Tool registrations whose name is computed at run time: the file's server has tools no name was read for. */
  unreadToolNames?: number;
  /** True for a Rust file with a top-level `fn main`: a program of its own (a Cargo `[[bin]]` or example). */
  hasMain?: boolean;
  /** A server kept from a factory of the file (`const app = createServer()`) is also the server that factory
   * registers on: caller's server key → the factory's. */
  serverFactories?: Record<ServerKey, ServerKey>;
  /** Sibling modules read for its texts (relative imports), or a Go package's files its tools' types and handlers
   * were looked up in: when one changes, this file is read again. */
  dependencies?: string[];
  /** The offset of each line's start, so rules can place a finding inside a decoded text (see rules/spans.ts). */
  lineStarts?: number[];
}
