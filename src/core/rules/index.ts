// The registry of every rule. Add a rule by writing its file and listing it here.
import type { Rule } from './rule';
import { handlebarsSyntax } from './template-handlebars-syntax';
import { undeclaredVariable } from './template-undeclared-variable';
import { unusedArgument } from './template-unused-argument';
import { requiredOnlyInConditional } from './template-required-in-conditional';
import { literalBraces } from './template-literal-braces';
import { unknownToolMention } from './tools-unknown-mention';
import { workflowUnknownTool } from './workflow-unknown-tool';
import { workflowBindings } from './workflow-bindings';

export const allRules: Rule[] = [
  handlebarsSyntax,
  undeclaredVariable,
  unusedArgument,
  requiredOnlyInConditional,
  literalBraces,
  unknownToolMention,
  workflowUnknownTool,
  workflowBindings,
];
