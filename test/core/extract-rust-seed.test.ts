import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixture, positionOf, readFixture } from './helpers';
import { extractAs } from '../../src/core/parse/registry';

const at = (span: { range: { start: { line: number; character: number } } }) => ({ line: span.range.start.line + 1, column: span.range.start.character + 1 });

describe('Rust extraction: the seed builder style', async () => {
  const promptsText = readFixture('rust', 'seed', 'prompts.rs');
  const toolsText = readFixture('rust', 'seed', 'tools.rs');
  const prompts = await extractAs('rust', fixture('rust', 'seed', 'prompts.rs'), promptsText);
  const tools = await extractAs('rust', fixture('rust', 'seed', 'tools.rs'), toolsText);

  it('finds the seed\'s seven prompts at their name literals', () => {
    const names = ['customer-analysis', 'data-gathering', 'safe-data-migration', 'long-running-analysis', 'entity-management', 'investigate-anomaly', 'require-approval'];
    assert.deepEqual(prompts.prompts.map((p) => p.name), names);
    for (const p of prompts.prompts) assert.deepEqual(at(p.nameSpan), positionOf(promptsText, `Prompt::new("${p.name}")`, 'Prompt::new('.length), p.name);
  });

  it('finds the seed\'s nine tools with their schemas', () => {
    const names = ['customer_analysis', 'workflow_execute', 'find_candidates', 'process_candidate', 'workflow_checkpoint', 'workflow_rollback', 'external_api_call', 'workflow_progress', 'workflow_log'];
    assert.deepEqual(tools.tools.map((t) => t.name), names);
    for (const t of tools.tools) assert.deepEqual(at(t.nameSpan), positionOf(toolsText, `Tool::new("${t.name}")`, 'Tool::new('.length), t.name);
    const analysis = tools.tools[0]!;
    assert.deepEqual((analysis.inputSchema?.value as { required: string[] }).required, ['customer_id']);
    // The seed's `{ /* customer info */ }` comments are tolerated inside json!.
    assert.deepEqual(Object.keys((analysis.outputSchema?.value as { properties: object }).properties), ['customer', 'orders', 'support', 'engagement', 'recommendations']);
    assert.deepEqual(analysis.outputSchema?.errors, []);
    const candidate = tools.tools.find((t) => t.name === 'process_candidate')!;
    const description = candidate.inputSchema?.locations['/properties/candidate_id/description'];
    assert.deepEqual(at(description!.value), positionOf(toolsText, '"ID from find_candidates output"'));
  });

  it('reads arguments with descriptions', () => {
    const ca = prompts.prompts[0]!;
    assert.deepEqual(ca.arguments.map((a) => [a.name, a.required, a.description?.value]), [['customer_id', false, "Customer ID, or 'top' for highest revenue customer"]]);
  });

  it('maps {{customer_id}} written across `\\` line continuations to its exact line and column', () => {
    const ca = prompts.prompts[0]!;
    const uses = ca.messages[0]!.template.variables.filter((v) => v.name === 'customer_id').map((v) => at(v.span));
    assert.deepEqual(uses, [
      positionOf(promptsText, '{{customer_id}}:\\n\\n\\', 2),
      // The template does not parse, so it is read mustache by mustache: the {{#if}}'s parameter is a use too.
      positionOf(promptsText, "{{#if customer_id == 'top'}}", '{{#if '.length),
      positionOf(promptsText, '- Use customer_id: {{customer_id}}', '- Use customer_id: {{'.length),
    ]);
    assert.ok(uses[2]!.line > uses[0]!.line + 5, 'the last use is several continuation lines further down');
  });

  it('reports the seed\'s `{{#if customer_id == \'top\'}}` as a Handlebars error at its exact position', () => {
    const [error] = prompts.prompts[0]!.messages[0]!.template.errors;
    assert.ok(error, 'a template error is reported');
    assert.deepEqual(at(error.span), positionOf(promptsText, "{{#if customer_id == 'top'}}"));
    assert.match(error.message, /=/);
  });

  it('understands templated tool names as a family', () => {
    const em = prompts.prompts.find((p) => p.name === 'entity-management')!;
    const mentions = em.messages[0]!.template.mentions;
    assert.deepEqual(mentions.map((m) => m.name), ['{{entity_type}}_list', '{{entity_type}}_get', '{{entity_type}}_create', '{{entity_type}}_update', '{{entity_type}}_delete']);
    assert.ok(mentions.every((m) => m.templated && new RegExp(m.pattern!).test(m.name.replace('{{entity_type}}', 'customer'))));
  });

  it('finds list-item calls and "Use x" mentions', () => {
    const dg = prompts.prompts.find((p) => p.name === 'data-gathering')!;
    assert.deepEqual(dg.messages[0]!.template.mentions.map((m) => [m.name, m.form]), [['order_history', 'call'], ['support_tickets', 'call'], ['engagement_metrics', 'call']]);
    const mig = prompts.prompts.find((p) => p.name === 'safe-data-migration')!;
    assert.deepEqual(mig.messages[0]!.template.mentions.map((m) => m.name), ['validate_source', 'create_backup', 'transform_records', 'validate_target']);
  });
});
