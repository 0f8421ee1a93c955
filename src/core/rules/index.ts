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
import { schemaInvalid } from './schema-invalid';
import { schemaRequiredMissingProperty } from './schema-required-missing-property';
import { schemaDefaultInvalid } from './schema-default-invalid';
import { schemaEnumInvalid } from './schema-enum-invalid';
import { schemaObjectWithoutProperties } from './schema-object-without-properties';
import { schemaInputNotObject, schemaOutputNotObject } from './schema-output-not-object';
import { idsUnknownSourceTool } from './ids-unknown-source-tool';
import { idsSourceLacksId } from './ids-source-lacks-id';
import { idsUnsourcedId } from './ids-unsourced-id';
import { idsParallelDependency } from './ids-parallel-dependency';
import { namesDuplicate } from './names-duplicate';
import { namesInvalid } from './names-invalid';
import { descriptionsMissing } from './descriptions-missing';
import { descriptionsParameterMissing } from './descriptions-parameter-missing';
import { retryUndefinedErrorCode } from './retry-undefined-error-code';
import { annotationsDestructiveWithoutApproval } from './annotations-destructive-without-approval';
import { annotationsMissing } from './annotations-missing';
import { annotationsContradiction } from './annotations-contradiction';
import { securityHiddenCharacters } from './security-hidden-characters';
import { securityInjectedInstruction } from './security-injected-instruction';
import { securitySecretInText } from './security-secret-in-text';
import { retryNonIdempotent } from './retry-non-idempotent';
import { schemaMcpHeaderInvalid } from './schema-mcp-header-invalid';
import { schemaRefUnresolved } from './schema-ref-unresolved';
import { idsHandleLifetime } from './ids-handle-lifetime';
import { descriptionsVague } from './descriptions-vague';
import { descriptionsRepeatsName } from './descriptions-repeats-name';
import { toolsOverlapping } from './tools-overlapping';
import { schemaStructuredContent } from './schema-structured-content';
import { descriptionsPromptArgumentMissing } from './descriptions-prompt-argument-missing';
import { resourcesTemplateParameters } from './resources-template-parameters';
import { resourcesUriInvalid } from './resources-uri-invalid';

export const allRules: Rule[] = [
  handlebarsSyntax,
  undeclaredVariable,
  unusedArgument,
  requiredOnlyInConditional,
  literalBraces,
  unknownToolMention,
  workflowUnknownTool,
  workflowBindings,
  schemaInvalid,
  schemaRequiredMissingProperty,
  schemaDefaultInvalid,
  schemaEnumInvalid,
  schemaObjectWithoutProperties,
  schemaOutputNotObject,
  schemaInputNotObject,
  idsUnknownSourceTool,
  idsSourceLacksId,
  idsUnsourcedId,
  idsParallelDependency,
  namesDuplicate,
  namesInvalid,
  descriptionsMissing,
  descriptionsParameterMissing,
  retryUndefinedErrorCode,
  annotationsDestructiveWithoutApproval,
  annotationsMissing,
  annotationsContradiction,
  securityHiddenCharacters,
  securityInjectedInstruction,
  securitySecretInText,
  retryNonIdempotent,
  schemaMcpHeaderInvalid,
  schemaRefUnresolved,
  idsHandleLifetime,
  descriptionsVague,
  descriptionsRepeatsName,
  toolsOverlapping,
  schemaStructuredContent,
  resourcesTemplateParameters,
  resourcesUriInvalid,
  descriptionsPromptArgumentMissing,
];
