// pmcp workflow data flow: `from_step`/`field` must name a binding an earlier step made with `.bind(…)`, the field
// path must exist in that step's tool output schema, and `prompt_arg` must name a workflow argument.
import type { PromptDef, WorkflowStepDef } from '../model';
import { subjectsOf, type CheckContext, type Finding, type Rule } from './rule';
import { closest, schemaAtPath } from './util';

export const workflowBindings: Rule = {
  id: 'workflow/data-flow',
  severity: 'error',
  scope: 'names',
  description: 'A workflow step reads a binding no earlier step makes, a field its tool does not output, or an undeclared argument.',
  check(ctx, report) {
    for (const prompt of subjectsOf(ctx).prompts) {
      if (!prompt.steps) continue;
      const earlier = new Map<string, WorkflowStepDef>();
      for (const step of prompt.steps) {
        for (const arg of step.args) checkSource(ctx, prompt, step, arg.source, earlier, report);
        if (step.binding) earlier.set(step.binding.name, step);
      }
    }
  },
};

function checkSource(ctx: CheckContext, prompt: PromptDef, step: WorkflowStepDef, source: WorkflowStepDef['args'][number]['source'], earlier: Map<string, WorkflowStepDef>, report: (f: Finding) => void): void {
  if (source.kind === 'prompt_arg') {
    if (prompt.arguments.some((a) => a.name === source.name)) return;
    const hint = closest(source.name, prompt.arguments.map((a) => a.name));
    report({ file: prompt.file, span: source.span, message: `prompt_arg("${source.name}") in step "${step.name}" names no argument of workflow "${prompt.name}". ${hint ? `Did you mean "${hint}"? ` : ''}Declare it with .argument("${source.name}", …) or fix the name.` });
    return;
  }
  if (source.kind !== 'from_step' && source.kind !== 'field') return;
  const producer = earlier.get(source.binding);
  if (!producer) {
    const later = prompt.steps?.find((s) => s.binding?.name === source.binding);
    const hint = closest(source.binding, earlier.keys());
    const why = later ? `"${source.binding}" is bound by step "${later.name}", which runs later` : `no earlier step binds "${source.binding}"`;
    report({ file: prompt.file, span: source.span, message: `Step "${step.name}" reads "${source.binding}", but ${why}. ${hint ? `Did you mean "${hint}"? ` : ''}Bind it on an earlier step with .bind("${source.binding}").` });
    return;
  }
  if (source.kind !== 'field') return;
  const output = ctx.toolsByName.get(producer.tool)?.find((t) => t.outputSchema)?.outputSchema;
  if (!output || output.errors.length) return;
  if (schemaAtPath(output.value, source.path) !== undefined) return;
  report({
    file: prompt.file, span: source.pathSpan, severity: 'warning',
    message: `Field "${source.path}" is not in the output schema of "${producer.tool}" (bound as "${source.binding}"), so the step gets nothing. Use a path the tool outputs, or add it to its output schema.`,
  });
}
