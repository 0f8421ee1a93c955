// Loads a *.workflow.json file: JSONC syntax, then the JSON Schema (schemas/workflow.schema.json) step by
// step, so each error names the one step kind the author meant, then ids and reference syntax. Every
// problem is a Diagnostic with the exact range of the offending value; nothing here throws on bad input.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../schemas/workflow.schema.json';
import type { Diagnostic } from '../diagnostic';
import { parseJsonDocument, type JsonDocument } from './json-document';
import { findReferences, ReferenceError } from './references';
import type { Workflow } from './types';
import { unescapeSegment } from '../json/json-doc';
import { closest } from '../rules/util';

/** The result of loading a workflow file: the workflow when it is valid, and the diagnostics either way. */
export interface LoadedWorkflow {
  workflow: Workflow | undefined;
  diagnostics: Diagnostic[];
  document: JsonDocument;
}

const stepKinds = ['tool', 'parallel', 'approval', 'checkpoint', 'stateMachine'] as const;
const kindDefinition: Record<(typeof stepKinds)[number], string> = {
  tool: 'toolStep',
  parallel: 'parallelStep',
  approval: 'approvalStep',
  checkpoint: 'checkpointStep',
  stateMachine: 'stateMachineStep',
};

let validators: { top: ValidateFunction; kinds: Map<string, ValidateFunction> } | undefined;

function getValidators(): { top: ValidateFunction; kinds: Map<string, ValidateFunction> } {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  // The top level is checked with steps left open; each step is then checked against its own kind, so an
  // error says "tool step: unknown property" instead of five oneOf branches failing at once.
  const top = ajv.compile({
    ...schema,
    $id: `${schema.$id}#top`,
    properties: { ...schema.properties, steps: { type: 'array', minItems: 1 }, rollback: { type: 'array' } },
  });
  const kinds = new Map<string, ValidateFunction>();
  for (const def of Object.values(kindDefinition)) {
    kinds.set(def, ajv.getSchema(`${schema.$id}#/definitions/${def}`)!);
  }
  validators = { top, kinds };
  return validators;
}

/** Parses and validates workflow text; `file` is only used to label diagnostics. */
export function loadWorkflowText(file: string, text: string): LoadedWorkflow {
  const document = parseJsonDocument(file, text, 'workflow-syntax');
  const diagnostics: Diagnostic[] = [...document.syntaxErrors];
  if (diagnostics.length > 0 || !document.root) {
    if (diagnostics.length === 0) diagnostics.push(error(document, [], 'the file is empty; a workflow is a JSON object'));
    return { workflow: undefined, diagnostics, document };
  }
  const value = nodeValue(document);
  const { top, kinds } = getValidators();
  if (!top(value)) diagnostics.push(...schemaErrors(document, top.errors ?? [], []));
  const data = (value ?? {}) as Record<string, unknown>;
  const checkStep = (step: unknown, path: (string | number)[], toolOnly: boolean): void => {
    if (step === null || typeof step !== 'object' || Array.isArray(step)) {
      diagnostics.push(error(document, path, 'a step must be an object'));
      return;
    }
    const present = stepKinds.filter((k) => k in step);
    if (present.length !== 1 || (toolOnly && present[0] !== 'tool')) {
      const allowed = toolOnly ? '"tool"' : stepKinds.map((k) => `"${k}"`).join(', ');
      const what = present.length > 1 ? `has ${present.map((k) => `"${k}"`).join(' and ')}` : `has none${nearKind(step)}`;
      diagnostics.push(error(document, path, `a step needs exactly one of ${allowed}; this one ${toolOnly && present.length === 1 ? `is a "${present[0]}" step, which cannot run inside a parallel group` : what}`, true));
      return;
    }
    const validate = kinds.get(kindDefinition[present[0]!])!;
    // A parallel group's children are checked one by one below, with errors that name their own kind.
    const own = (validate(step) ? [] : (validate.errors ?? [])).filter((e) => !e.instancePath.startsWith('/parallel/'));
    diagnostics.push(...schemaErrors(document, own, path));
    if (present[0] === 'parallel' && Array.isArray((step as { parallel: unknown }).parallel)) {
      (step as { parallel: unknown[] }).parallel.forEach((child, i) => checkStep(child, [...path, 'parallel', i], true));
    }
  };
  if (Array.isArray(data['steps'])) data['steps'].forEach((s, i) => checkStep(s, ['steps', i], false));
  if (Array.isArray(data['rollback'])) data['rollback'].forEach((s, i) => checkStep(s, ['rollback', i], true));
  diagnostics.push(...checkUniqueIds(document, data), ...checkReferenceSyntax(document, value, []));
  return { workflow: diagnostics.length === 0 ? (value as Workflow) : undefined, diagnostics, document };
}

/** For a step with no kind property: the properties it has besides the common ones, and the kind they are near. */
function nearKind(step: object): string {
  const other = Object.keys(step).filter((k) => !['id', 'title', 'when', 'arguments', 'onError', 'retry', 'timeoutMs', 'expect', 'forEach', 'confirm'].includes(k));
  if (other.length === 0) return '';
  const near = other.map((k) => [k, closest(k, stepKinds)] as const).find(([, kind]) => kind);
  const has = other.map((k) => `"${k}"`).join(', ');
  return near ? ` (it has ${has}: did you mean "${near[1]}"?)` : ` (it has ${has})`;
}

function nodeValue(document: JsonDocument): unknown {
  // jsonc-parser's getNodeValue would also work; parsing through the tree keeps one source of truth.
  const walk = (node: NonNullable<JsonDocument['root']>): unknown => {
    switch (node.type) {
      case 'object':
        return Object.fromEntries((node.children ?? []).map((p) => [p.children![0]!.value, p.children![1] ? walk(p.children![1]) : null]));
      case 'array':
        return (node.children ?? []).map(walk);
      default:
        return node.value;
    }
  };
  return walk(document.root!);
}

function error(document: JsonDocument, path: (string | number)[], message: string, onKey = false): Diagnostic {
  const range = onKey ? document.keyRangeOf(path) : document.rangeOf(path);
  return { file: document.file, range, severity: 'error', ruleId: 'workflow-schema', message };
}

function schemaErrors(document: JsonDocument, errors: ErrorObject[], base: (string | number)[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    // oneOf/if branches repeat the real error underneath; keep the specific ones.
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const path = [...base, ...e.instancePath.split('/').slice(1).map(unescapePointer)];
    const where = path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1) : 'the workflow';
    let message = `${where} ${e.message ?? 'is invalid'}`;
    let onKey = false;
    if (e.keyword === 'additionalProperties') {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      path.push(name);
      onKey = true;
      message = `unknown property "${name}" in ${where}; remove it or check its spelling`;
    } else if (e.keyword === 'required') {
      message = `${where} is missing the required property "${(e.params as { missingProperty: string }).missingProperty}"`;
    } else if (e.keyword === 'type') {
      const type = String((e.params as { type: string }).type);
      message = `${where} must be ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
    } else if (e.keyword === 'enum') {
      message = `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const key = `${path.join('/')}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(error(document, path, message, onKey));
  }
  return out;
}

function unescapePointer(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : unescapeSegment(segment);
}

function checkUniqueIds(document: JsonDocument, data: Record<string, unknown>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, string>();
  const visit = (step: unknown, path: (string | number)[]): void => {
    if (step === null || typeof step !== 'object') return;
    const id = (step as { id?: unknown }).id;
    if (typeof id === 'string') {
      const first = seen.get(id);
      if (first) out.push(error(document, [...path, 'id'], `step id "${id}" is already used by ${first}; step ids must be unique`));
      else seen.set(id, path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1));
    }
    const children = (step as { parallel?: unknown }).parallel;
    if (Array.isArray(children)) children.forEach((c, i) => visit(c, [...path, 'parallel', i]));
  };
  for (const list of ['steps', 'rollback']) {
    const steps = data[list];
    if (Array.isArray(steps)) steps.forEach((s, i) => visit(s, [list, i]));
  }
  return out;
}

function checkReferenceSyntax(document: JsonDocument, value: unknown, path: (string | number)[]): Diagnostic[] {
  if (typeof value === 'string') {
    try {
      findReferences(value);
      return [];
    } catch (e) {
      if (e instanceof ReferenceError) return [error(document, path, e.message)];
      throw e;
    }
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => checkReferenceSyntax(document, v, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => checkReferenceSyntax(document, v, [...path, k]));
  }
  return [];
}
