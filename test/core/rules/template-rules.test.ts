import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparisonFix } from '../../../src/core/rules/template-handlebars-syntax';
import { brief, checkSources, lc } from './check-helpers';

const TOOLS_RS = `use pmcp::ToolInfo;
use serde_json::json;

pub fn tools() -> Vec<ToolInfo> {
    vec![
        ToolInfo::new("sales_top_customers", Some("Top customers by revenue".into()), json!({"type": "object", "properties": {"limit": {"type": "integer", "description": "How many"}}}))
            .with_output_schema(json!({"type": "object", "properties": {"customers": {"type": "array", "items": {"type": "object", "properties": {"customer_id": {"type": "string", "description": "Pass to order_history"}}}}}})),
        ToolInfo::new("order_history", Some("Orders of a customer".into()), json!({"type": "object", "properties": {"customer_id": {"type": "string", "description": "ID from sales_top_customers output"}}})),
    ]
}
`;

const PROMPT_RS = `use pmcp::{Content, GetPromptResult, PromptMessage, SimplePrompt};

const TEMPLATE: &str = "Analyse {{customer_id}} over {{period}}:\\n\\
    {{#if customer_id == 'top'}}\\n\\
    - Use \`sales_top_cutsomers\` with limit=1\\n\\
    {{/if}}\\n\\
    - Then call order_history with the customer_id";

pub fn analysis() -> SimplePrompt {
    SimplePrompt::new("customer-analysis", |args, _extra| {
        Box::pin(async move {
            let text = handlebars::Handlebars::new().render_template(TEMPLATE, &args)?;
            Ok(GetPromptResult::new(vec![PromptMessage::user(Content::text(text))], None))
        })
    })
    .with_description("Analyse one customer")
    .with_argument("customer_id", "Customer ID, or 'top'", true)
    .with_argument("region", "Sales region", false)
}

pub fn plain() -> SimplePrompt {
    SimplePrompt::new("plain-text", |_args, _extra| {
        Box::pin(async move { Ok(GetPromptResult::new(vec![PromptMessage::user(Content::text("Report on {{customer_id}} now"))], None)) })
    })
    .with_description("A customer report written without Handlebars")
    .with_argument("customer_id", "Customer", true)
}
`;

describe('template rules', async () => {
  const ds = await checkSources({ '/ws/src/tools.rs': TOOLS_RS, '/ws/src/prompts.rs': PROMPT_RS });

  it('reports the Handlebars syntax error at the {{#if}} and offers the (eq …) rewrite, escaped for the Rust string', () => {
    const syntax = ds.filter((d) => d.ruleId === 'template/handlebars-syntax');
    assert.deepEqual(brief(syntax), [`template/handlebars-syntax@${lc(PROMPT_RS, "{{#if customer_id == 'top'}}")}`]);
    assert.equal(syntax[0]!.fixes?.[0]?.edits[0]?.newText, '{{#if (eq customer_id \\"top\\")}}');
    assert.match(syntax[0]!.message, /register an `eq` helper/);
  });

  // "region" is unused and {{period}} undeclared: a template that does not parse is read mustache by mustache, so
  // both are reported beside the syntax error; "customer_id" of plain-text is unused because text that is not
  // rendered never substitutes {{customer_id}}.
  it('reports the syntax error, an unused argument, a misspelt tool and a literal {{x}} — and nothing else', () => {
    assert.deepEqual(brief(ds).sort(), [
      `template/handlebars-syntax@${lc(PROMPT_RS, "{{#if customer_id == 'top'}}")}`,
      `template/literal-braces@${lc(PROMPT_RS, '{{customer_id}} now')}`,
      `template/undeclared-variable@${lc(PROMPT_RS, '{{period}}', 2)}`,
      `template/unused-argument@${lc(PROMPT_RS, '"region", "Sales region"')}`,
      `template/unused-argument@${lc(PROMPT_RS, '"customer_id", "Customer"')}`,
      `tools/unknown-tool@${lc(PROMPT_RS, 'sales_top_cutsomers')}`,
    ].sort());
    const tool = ds.find((d) => d.ruleId === 'tools/unknown-tool')!;
    assert.match(tool.message, /Did you mean "sales_top_customers"/);
    assert.equal(tool.fixes?.[0]?.edits[0]?.newText, 'sales_top_customers');
  });

  it('rewrites comparison conditions Handlebars cannot parse', () => {
    assert.equal(comparisonFix("{{#if customer_id == 'top'}}"), '{{#if (eq customer_id "top")}}');
    assert.equal(comparisonFix('{{#unless status != "open"}}'), '{{#unless (ne status "open")}}');
    assert.equal(comparisonFix('{{#each items}}'), undefined);
  });

  it('flags a required argument used only inside {{#if}}', async () => {
    const src = `fn p() -> Prompt { Prompt::new("p").description("A prompt").arguments(vec![PromptArgument::new("mode").description("Mode").required(true)]).messages(vec![PromptMessage::user("Go.{{#if mode}} Mode is set.{{/if}}")]) }`;
    const found = await checkSources({ '/ws/p.rs': src }, ['template/required-only-in-conditional', 'template/unused-argument']);
    assert.deepEqual(brief(found), [`template/required-only-in-conditional@${lc(src, '"mode"')}`]);
  });

  it('understands a family of tools: no warning when a matching tool exists', async () => {
    const src = `fn p() -> Prompt { Prompt::new("crud").description("Manage").arguments(vec![PromptArgument::new("entity_type").description("Type")]).messages(vec![PromptMessage::user("For {{entity_type}}: use {{entity_type}}_list with filters")]) }
fn t() -> Tool { Tool::new("customer_list").description("List customers") }`;
    assert.deepEqual(await checkSources({ '/ws/p.rs': src }, ['tools/unknown-tool']), []);
    const without = src.replace('customer_list', 'customer_find');
    assert.deepEqual(brief(await checkSources({ '/ws/p.rs': without }, ['tools/unknown-tool'])), [`tools/unknown-tool@${lc(without, '{{entity_type}}_list')}`]);
  });

  // Handlebars' parse is kept per template text: a text written twice is parsed once, but each copy is still read
  // at its own place, and a syntax error is found again in the second copy.
  it('reads the same template text written twice at each place, errors and variables both', async () => {
    const text = '"Go {{#if mode == 1}}now{{/if}}, {{missing}} and {{#if (eq mode 1)}}{{mode}}{{/if}}"';
    const src = `fn a() -> Prompt { Prompt::new("a").description("A").arguments(vec![PromptArgument::new("mode").description("Mode")]).messages(vec![PromptMessage::user(${text})]) }
fn b() -> Prompt { Prompt::new("b").description("B").arguments(vec![PromptArgument::new("mode").description("Mode")]).messages(vec![PromptMessage::user(${text})]) }`;
    const found = await checkSources({ '/ws/twice.rs': src }, ['template/handlebars-syntax', 'template/undeclared-variable']);
    assert.deepEqual(brief(found), [0, 1].flatMap((nth) => [
      `template/handlebars-syntax@${lc(src, '{{#if mode == 1}}', 0, nth)}`,
      `template/undeclared-variable@${lc(src, '{{missing}}', 2, nth)}`,
    ]));
    const valid = src.replaceAll('{{#if mode == 1}}now{{/if}}, ', '');
    assert.deepEqual(brief(await checkSources({ '/ws/twice.rs': valid }, ['template/undeclared-variable'])), [0, 1].map((nth) => `template/undeclared-variable@${lc(valid, '{{missing}}', 2, nth)}`));
  });

  it('resolves a tool mentioned in a Rust prompt against a TypeScript server', async () => {
    const rs = `fn p() -> Prompt { Prompt::new("p").description("Uses ts tool").messages(vec![PromptMessage::user("Use \`ts_only_tool\` first")]) }`;
    const ts = `server.registerTool('ts_only_tool', { description: 'A tool in TS', inputSchema: {} }, async () => ({ content: [] }));`;
    assert.deepEqual(await checkSources({ '/ws/a.rs': rs, '/ws/b.ts': ts }, ['tools/unknown-tool']), []);
    assert.equal((await checkSources({ '/ws/a.rs': rs }, ['tools/unknown-tool'])).length, 1);
  });
});

describe('pmcp workflow rules', async () => {
  const WF = `use pmcp::server::workflow::{dsl::*, SequentialWorkflow, ToolHandle, WorkflowStep};
use serde_json::json;

pub fn review() -> SequentialWorkflow {
    SequentialWorkflow::new("review", "Review the top customer")
        .argument("analyst", "Who reviews", true)
        .step(WorkflowStep::new("find", ToolHandle::new("sales_top_customers")).arg("limit", constant(json!(1))).bind("top"))
        .step(WorkflowStep::new("orders", ToolHandle::new("order_histroy"))
            .arg("customer_id", field("top", "customers.0.customer_id"))
            .with_guidance("Fetch orders for {customer} as {analyst}, not {{analyst}}")
            .bind("orders"))
        .step(WorkflowStep::new("bad", ToolHandle::new("order_history"))
            .arg("customer_id", field("top", "customers.0.id"))
            .arg("who", prompt_arg("analist"))
            .arg("prev", from_step("later")))
        .step(WorkflowStep::new("last", ToolHandle::new("order_history")).bind("later"))
}
`;
  it('finds an unknown tool, unknown bindings and arguments, a missing field, and guidance brace mistakes', async () => {
    const ds = await checkSources({ '/ws/tools.rs': TOOLS_RS, '/ws/wf.rs': WF });
    assert.deepEqual(brief(ds.filter((d) => d.file === '/ws/wf.rs')).sort(), [
      `template/literal-braces@${lc(WF, '{{analyst}}')}`,
      `template/undeclared-variable@${lc(WF, 'customer}', 0)}`,
      `workflow/data-flow@${lc(WF, '"analist"')}`,
      `workflow/data-flow@${lc(WF, '"customers.0.id"')}`,
      `workflow/data-flow@${lc(WF, '"later"', 0, 0)}`,
      `workflow/unknown-tool@${lc(WF, '"order_histroy"')}`,
    ].sort());
    const later = ds.find((d) => d.message.includes('runs later'));
    assert.ok(later, 'says the binding is made by a later step');
  });
});
