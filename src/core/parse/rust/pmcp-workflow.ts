// Reads one pmcp workflow step: `WorkflowStep::new("step", ToolHandle::new("tool")).arg(..).with_guidance(..).bind(..)`.
import type { StepArgSource, WorkflowStepDef } from '../../model';
import { analyzeTemplate } from '../../template/analyze';
import type { RustExtractor } from './extractor';
import { callArgs, methodChain, resolveRustJson, shortCallee } from './syntax';
import type { SyntaxNode } from '../tree-sitter';

/** Finds the `WorkflowStep::new` call at the bottom of a step's builder chain. */
function stepConstructor(node: SyntaxNode): SyntaxNode | undefined {
  let current: SyntaxNode | undefined = node;
  while (current?.type === 'call_expression') {
    if (/WorkflowStep::new$/.test(shortCallee(current))) return current;
    const fn = current.childForFieldName('function');
    current = fn?.type === 'field_expression' ? (fn.childForFieldName('value') ?? undefined) : undefined;
  }
  return undefined;
}

export function readWorkflowStep(x: RustExtractor, node: SyntaxNode): WorkflowStepDef | undefined {
  const ctor = stepConstructor(node);
  if (!ctor) return undefined;
  const [nameNode, toolNode] = callArgs(ctor);
  const name = x.text(nameNode);
  const toolCall = toolNode?.type === 'call_expression' && /ToolHandle::new$/.test(shortCallee(toolNode)) ? toolNode : undefined;
  const tool = toolCall ? x.text(callArgs(toolCall)[0]) : undefined;
  if (!name || !tool) return undefined;
  const step: WorkflowStepDef = { name: name.value.value, nameSpan: name.value.span, tool: tool.value.value, toolSpan: tool.value.span, args: [] };
  for (const c of methodChain(ctor).calls) {
    const [a0, a1] = c.args;
    if (c.method === 'arg' && a0 && a1) {
      const argName = x.text(a0);
      if (argName) step.args.push({ name: argName.value.value, nameSpan: argName.value.span, source: readSource(x, a1) });
    } else if (c.method === 'with_guidance') {
      const t = x.text(a0, 'guidance');
      if (t) step.guidance = { role: 'user', text: t.value, template: analyzeTemplate(t.value, 'guidance', x.ctx) };
    } else if (c.method === 'bind') {
      const b = x.text(a0);
      if (b) step.binding = { name: b.value.value, span: b.value.span };
    }
  }
  return step;
}

function readSource(x: RustExtractor, node: SyntaxNode): StepArgSource {
  const span = x.ctx.span(node.startIndex, node.endIndex);
  const callee = node.type === 'call_expression' ? shortCallee(node).split('::').pop() : '';
  const args = node.type === 'call_expression' ? callArgs(node) : [];
  const first = x.text(args[0]);
  switch (callee) {
    case 'prompt_arg':
      if (first) return { kind: 'prompt_arg', name: first.value.value, span: first.value.span };
      break;
    case 'from_step':
      if (first) return { kind: 'from_step', binding: first.value.value, span: first.value.span };
      break;
    case 'field':
    case 'from_step_field': {
      const path = x.text(args[1]);
      if (first && path) return { kind: 'field', binding: first.value.value, path: path.value.value, span: first.value.span, pathSpan: path.value.span };
      break;
    }
    case 'constant': {
      const json = resolveRustJson(args[0], x.scope, x.ctx);
      return { kind: 'constant', value: json?.value, span };
    }
    default:
  }
  return { kind: 'other', text: node.text, span };
}
