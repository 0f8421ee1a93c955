import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWorkspace } from '../../src/core/check';
import { readFileSync } from 'node:fs';
import { fixture, positionOf } from './helpers';
import { extractAs } from '../../src/core/parse/registry';

const at = (span: { range: { start: { line: number; character: number } } }) => ({ line: span.range.start.line + 1, column: span.range.start.character + 1 });

const SOURCE = `use pmcp::types::{Content, GetPromptResult, PromptMessage, Role};

const GUIDE: &str = "Review {{customer_id}} with \`order_history\`";

pub fn review() -> SimplePrompt {
    SimplePrompt::new("review", |args: HashMap<String, String>| {
        Box::pin(async move {
            let text = handlebars::Handlebars::new().render_template(GUIDE, &args).map_err(|e| pmcp::Error::validation(e.to_string()))?;
            Ok(GetPromptResult {
                description: None,
                messages: vec![
                    PromptMessage { role: Role::User, content: Content::Text { text } },
                    PromptMessage { role: Role::Assistant, content: Content::text(format!("I will review {}", args["customer_id"])) },
                ],
            })
        })
    })
    .with_argument("customer_id", "ID from sales_top_customers output", true)
}
`;

describe('Rust extraction: message forms', async () => {
  const model = await extractAs('rust', '/ws/review.rs', SOURCE);
  const [prompt] = model.prompts;

  it('reads struct-literal messages, following `text` to a rendered Handlebars const', () => {
    assert.deepEqual(prompt?.messages.map((m) => [m.role, m.template.syntax, m.text.value]), [
      ['user', 'handlebars', 'Review {{customer_id}} with `order_history`'],
      ['assistant', 'format', 'I will review {}'],
    ]);
    assert.deepEqual(at(prompt!.messages[0]!.template.variables[0]!.span), positionOf(SOURCE, 'customer_id}}'));
    assert.deepEqual(prompt!.messages[0]!.template.mentions.map((m) => m.name), ['order_history']);
  });

  it('maps a positional format! placeholder to the argument it prints', () => {
    assert.deepEqual(prompt!.messages[1]!.template.variables.map((v) => v.name), ['customer_id']);
  });
});

describe('Rust extraction: concat!', () => {
  it('joins every literal of concat!, so a variable in a later literal is read at its own position', async () => {
    const src = [
      'pub fn greet() -> Prompt {',
      '    Prompt::new("greet")',
      '        .description("Greets someone by name")',
      '        .arguments(vec![PromptArgument::new("name").description("Who to greet").required(true)])',
      '        .messages(vec![PromptMessage::user(concat!("Hello ", "{{name}}, then use `order_history`"))])',
      '}',
    ].join('\n');
    const m = await extractAs('rust', '/ws/greet.rs', src);
    const message = m.prompts[0]!.messages[0]!;
    assert.equal(message.text.value, 'Hello {{name}}, then use `order_history`');
    const v = message.template.variables[0]!;
    assert.deepEqual([v.name, v.span.range.start.line + 1, v.span.range.start.character + 1], ['name', positionOf(src, '{{name}}', 2).line, positionOf(src, '{{name}}', 2).column]);
    assert.deepEqual(message.template.mentions.map((x) => x.name), ['order_history']);
  });
});

describe('Rust extraction: rmcp model constructors', () => {
  it('reads Prompt::new(name, Some(description), Some(vec![PromptArgument…])) with its arguments', async () => {
    const file = fixture('rust', 'rmcp', 'prompts.rs');
    const model = await extractAs('rust', file, readFileSync(file, 'utf8'));
    assert.deepEqual(
      model.prompts.map((p) => ({ name: p.name, description: p.description?.value, args: p.arguments.map((a) => `${a.name}${a.required ? '!' : ''}: ${a.description?.value}`) })),
      [
        { name: 'simple_prompt', description: 'A simple prompt with no arguments', args: [] },
        { name: 'prompt_with_arguments', description: 'A prompt that accepts arguments', args: ['arg1!: First argument', 'arg2: Second argument'] },
      ],
    );
  });
});

describe('Rust extraction: rmcp tool schemas', () => {
  it('reads the json! inside json_object(…) and Arc::new(serde_json::from_value(…).unwrap())', async () => {
    const file = fixture('rust', 'rmcp', 'tools.rs');
    const model = await extractAs('rust', file, readFileSync(file, 'utf8'));
    assert.deepEqual(
      JSON.parse(JSON.stringify(model.tools.map((t) => ({ name: t.name, description: t.description?.value, input: t.inputSchema?.value })))),
      [
        { name: 'test_simple_text', description: 'Returns a simple text content', input: { type: 'object', properties: {} } },
        { name: 'ask_llm', description: 'Ask a question to the LLM through sampling', input: { type: 'object', properties: { question: { type: 'string', description: 'The question to ask' } }, required: ['question'] } },
      ],
    );
  });
});

describe('Rust extraction: registrations with their handler metadata (pmcp 1.x)', () => {
  it('gives each .tool("x", Handler) the metadata() of its impl ToolHandler, under the registered name', async () => {
    const file = fixture('rust', 'pmcp1', 'server.rs');
    const model = await extractAs('rust', file, readFileSync(file, 'utf8'));
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(
      model.tools.map((t) => ({ name: t.name, style: t.style, description: t.description?.value, input: Object.keys((t.inputSchema?.value as { properties?: object } | undefined)?.properties ?? {}), at: at(t.nameSpan) })),
      [
        { name: 'calc', style: 'pmcp', description: 'Perform basic arithmetic operations', input: ['a', 'b'], at: positionOf(text, '.tool("calc"', '.tool('.length) },
        { name: 'echo', style: 'pmcp', description: 'Echo the arguments back', input: ['message'], at: positionOf(text, '.tool("echo"', '.tool('.length) },
        { name: 'string_manipulator', style: 'registration', description: undefined, input: [], at: positionOf(text, '.tool("string_manipulator"', '.tool('.length) },
      ],
    );
  });
});

describe('Rust extraction: prompts registered with a handler (pmcp)', () => {
  it('finds each .prompt("x", Handler) under the registered name, with the metadata() of its impl PromptHandler', async () => {
    const file = fixture('rust', 'pmcp1', 'prompts.rs');
    const text = readFileSync(file, 'utf8');
    const model = await extractAs('rust', file, text);
    assert.deepEqual(
      model.prompts.map((p) => ({
        name: p.name, style: p.style, description: p.description?.value, arguments: p.arguments.map((a) => `${a.name}${a.required ? '!' : ''}`),
        unknown: [p.descriptionUnknown === true, p.argumentsUnknown === true], at: at(p.nameSpan),
      })),
      [
        { name: 'review', style: 'pmcp', description: 'Review a piece of code for bugs and style', arguments: ['code!', 'language'], unknown: [false, false], at: positionOf(text, '.prompt("review"', '.prompt('.length) },
        { name: 'summary', style: 'registration', description: undefined, arguments: [], unknown: [false, false], at: positionOf(text, '.prompt("summary"', '.prompt('.length) },
        { name: 'triage', style: 'registration', description: undefined, arguments: [], unknown: [true, true], at: positionOf(text, '.prompt("triage"', '.prompt('.length) },
      ],
    );
    // The review text names lint_code, a tool this server lacks, and never uses `language`. A bare registration has
    // no place for a description (pmcp 1.x lists a prompt by name alone): not reported.
    const found = checkWorkspace([model]).map((d) => `${d.ruleId} ${d.range.start.line + 1}`);
    assert.deepEqual(found, [`tools/unknown-tool ${positionOf(text, 'lint_code').line}`, `template/unused-argument ${positionOf(text, '"language"').line}`].sort((a, b) => Number(a.split(' ')[1]) - Number(b.split(' ')[1])));
  });
});

describe('Rust extraction: valid source the grammar misreads', () => {
  it('reports no syntax error for a foreign type in an extern block (wasm-bindgen)', async () => {
    const model = await extractAs('rust', '/ws/lib.rs', '#[wasm_bindgen]\nextern "C" {\n    #[wasm_bindgen(typescript_type = "Error")]\n    pub type JsError;\n}\n\npub fn tool() -> ToolInfo {\n    ToolInfo::new("ping", Some("Reply with pong".to_string()), json!({ "type": "object", "properties": {} }))\n}\n');
    assert.deepEqual(model.problems, []);
    assert.deepEqual(model.tools.map((t) => t.name), ['ping']);
  });
});
