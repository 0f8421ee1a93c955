// What the Go extractor reads from shapes written as real servers write them: `+` and const descriptions, Sprintf
// texts, tools built in one function and registered in another, a go-sdk tool whose schema is given at run time,
// types from other packages as unknown (never `{}`), and per-server keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFile } from '../../../src/core/extract';

const extract = (text: string) => extractFile('/ws/server.go', text);

describe('Go extraction', () => {
  it('reads an mcp-go tool made by a function and registered on the server elsewhere, with a const description', async () => {
    const model = await extract(`package tools

import "github.com/mark3labs/mcp-go/mcp"

const getIssueDescription = "Get one issue. " +
	"Call list_issues first to get the number."

func GetIssue() (mcp.Tool, server.ToolHandlerFunc) {
	return mcp.NewTool("get_issue",
			mcp.WithDescription(getIssueDescription),
			mcp.WithNumber("issue_number", mcp.Required(), mcp.Description("Issue number from list_issues output")),
			mcp.WithString("owner", mcp.Required(), mcp.Description(fmt.Sprintf("Repository owner (%s)", "user or org"))),
			WithPagination(),
		), nil
}
`);
    const [tool] = model.tools;
    assert.equal(tool?.name, 'get_issue');
    assert.equal(tool?.description?.value, 'Get one issue. Call list_issues first to get the number.');
    assert.deepEqual(tool?.mentions?.map((m) => m.name), ['list_issues']);
    assert.deepEqual(tool?.inputSchema?.value, { type: 'object', properties: { issue_number: { type: 'number', description: 'Issue number from list_issues output' }, owner: { type: 'string', description: 'Repository owner (%s)' } }, required: ['issue_number', 'owner'] });
    // An option of the server's own (WithPagination) adds properties not read: the schema is not judged whole.
    assert.match(tool?.inputSchema?.errors[0]?.message ?? '', /WithPagination\(\)` is not read/);
    assert.equal(tool?.server, undefined);
    const text = model.tools[0]!.description!;
    const at = text.value.indexOf('list_issues');
    assert.equal(text.decoded.starts[at], `package tools\n\nimport "github.com/mark3labs/mcp-go/mcp"\n\nconst getIssueDescription = "Get one issue. " +\n\t"Call `.length);
  });

  it('reads a go-sdk tool whose arguments type is in another package as unknown, never as {}', async () => {
    const model = await extract(`package main

import "github.com/modelcontextprotocol/go-sdk/mcp"

func main() {
	s := mcp.NewServer(&mcp.Implementation{Name: "x"}, nil)
	mcp.AddTool(s, &mcp.Tool{Name: "search", Description: "Search."}, func(ctx context.Context, req *mcp.CallToolRequest, in types.SearchArgs) (*mcp.CallToolResult, any, error) { return nil, nil, nil })
	s.AddTool(&mcp.Tool{Name: "raw", Description: "Raw.", InputSchema: schema}, rawHandler)
}
`);
    const [search, raw] = model.tools;
    assert.equal(search?.server, 's');
    assert.deepEqual(search?.inputSchema?.value, {});
    assert.match(search?.inputSchema?.errors[0]?.message ?? '', /types\.SearchArgs.*not a type declared in this file/);
    assert.equal(search?.outputSchema, undefined);
    assert.equal(search?.annotations, null);
    assert.equal(raw?.name, 'raw');
    assert.match(raw?.inputSchema?.errors[0]?.message ?? '', /given at run time/);
  });

  it('reads a go-sdk prompt whose handler is a function of the file, through a comma-ok local', async () => {
    const model = await extract(`package main

import "github.com/modelcontextprotocol/go-sdk/mcp"

func review(ctx context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	repo, ok := req.Params.Arguments["repo"]
	if !ok { repo = "all" }
	return &mcp.GetPromptResult{Messages: []*mcp.PromptMessage{
		{Role: "user", Content: &mcp.TextContent{Text: fmt.Sprintf("Review %s with list_pulls.", repo)}},
		{Role: "assistant", Content: &mcp.TextContent{Text: "On it."}},
	}}, nil
}

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "x"}, nil)
	server.AddPrompt(&mcp.Prompt{Name: "review", Arguments: []*mcp.PromptArgument{{Name: "repo", Required: true}, {Name: "since"}}}, review)
}
`);
    const [prompt] = model.prompts;
    assert.deepEqual(prompt?.arguments.map((a) => [a.name, a.required]), [['repo', true], ['since', false]]);
    assert.deepEqual(prompt?.messages.map((m) => [m.role, m.text.value]), [['user', 'Review %s with list_pulls.'], ['assistant', 'On it.']]);
    assert.deepEqual(prompt?.messages[0]?.template.variables.map((v) => v.name), ['repo']);
    assert.deepEqual(prompt?.argumentUses?.map((u) => u.name), ['repo']);
    assert.equal(prompt?.server, 'server');
  });

  it('counts a tool whose name is computed at run time as unread, not as a tool', async () => {
    const model = await extract(`package main

import "github.com/mark3labs/mcp-go/mcp"

func register(s *server.MCPServer, prefix string) {
	s.AddTool(mcp.NewTool(prefix+"_list", mcp.WithDescription("List.")), h)
}
`);
    assert.equal(model.tools.length, 0);
    assert.equal(model.unreadToolNames, 1);
  });

  it('reads go-sdk tools a repository builds in functions: jsonschema.Schema literals, translation defaults, a schema handed to a helper', async () => {
    const model = await extract(`package github

import "github.com/modelcontextprotocol/go-sdk/mcp"

func GetIssue(t translations.TranslationHelperFunc) inventory.ServerTool {
	return NewTool(set, mcp.Tool{
		Name:        "get_issue",
		Description: t("TOOL_GET_ISSUE_DESCRIPTION", "Get one issue. Call list_issues first."),
		Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true},
		InputSchema: &jsonschema.Schema{
			Type: "object",
			Properties: map[string]*jsonschema.Schema{
				"owner":        {Type: "string", Description: "Repository owner"},
				"issue_number": {Type: "number", Minimum: jsonschema.Ptr(1.0), Enum: []any{1, 2}},
			},
			Required: []string{"owner", "issue_number"},
		},
	}, handler)
}

func ListIssues(t translations.TranslationHelperFunc) inventory.ServerTool {
	schema := &jsonschema.Schema{Type: "object", Properties: map[string]*jsonschema.Schema{"owner": {Type: "string"}}}
	WithPagination(schema)
	return NewTool(set, mcp.Tool{Name: "list_issues", Description: "List issues.", InputSchema: schema, OutputSchema: json.RawMessage(\`{"type":"object","properties":{"total":{"type":"integer"}}}\`)}, handler)
}
`);
    const [get, list] = model.tools;
    assert.equal(get?.description?.value, 'Get one issue. Call list_issues first.');
    assert.deepEqual(get?.inputSchema?.value, { type: 'object', properties: { owner: { type: 'string', description: 'Repository owner' }, issue_number: { type: 'number', minimum: 1, enum: [1, 2] } }, required: ['owner', 'issue_number'] });
    assert.deepEqual(get?.inputSchema?.errors, []);
    assert.deepEqual(get?.annotations?.value, { idempotentHint: false, readOnlyHint: true });
    // Each member is located: the owner's description at its literal, 0-based line 12 of the source.
    const owner = get!.inputSchema!.locations['/properties/owner/description']!.value;
    assert.equal(owner.range.start.line, 12);
    assert.equal(owner.end - owner.start, '"Repository owner"'.length);
    assert.deepEqual(list?.inputSchema?.value, { type: 'object', properties: { owner: { type: 'string' } } });
    assert.match(list?.inputSchema?.errors[0]?.message ?? '', /passed to `WithPagination`/);
    assert.deepEqual(JSON.parse(JSON.stringify(list?.outputSchema?.value)), { type: 'object', properties: { total: { type: 'integer' } } });
  });

  it('reads mcp-go names through typed string consts, and go-sdk types declared inside the function', async () => {
    const model = await extract(`package main

import (
	"github.com/mark3labs/mcp-go/mcp"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

type ToolName string

const ECHO ToolName = "echo"

func main() {
	s.AddTool(mcp.NewTool(string(ECHO), mcp.WithDescription("Echo the message back.")), h)
	type args struct {
		Name string \`json:"name" jsonschema:"the person to greet"\`
	}
	sdk.AddTool(server, &sdk.Tool{Name: "greet", Description: "Say hi."}, func(ctx context.Context, req *sdk.CallToolRequest, a args) (*sdk.CallToolResult, any, error) { return nil, nil, nil })
}
`);
    assert.deepEqual(model.tools.map((t) => t.name), ['echo', 'greet']);
    assert.deepEqual(model.tools[1]?.inputSchema?.value, { type: 'object', properties: { name: { type: 'string', description: 'the person to greet' } }, required: ['name'], additionalProperties: false });
  });
});

describe('Go resources', () => {
  const at = (s: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }) => `${s.range.start.line + 1}:${s.range.start.character + 1}-${s.range.end.character + 1}`;

  it('reads mcp-go resources and templates where they are registered, a URI built with `+` and a local', async () => {
    const model = await extract(`package main

import "github.com/mark3labs/mcp-go/mcp"

const base = "notes://"

func register(s *server.MCPServer) {
	link := mcp.NewResource("notes://link", "not registered")
	_ = link
	recent := mcp.NewResource(base+"recent", "recent", mcp.WithResourceDescription("The latest notes"), mcp.WithMIMEType("text/markdown"))
	s.AddResource(recent, read)
	s.AddResourceTemplate(mcp.NewResourceTemplate("notes://{folder}/{id}", "note"), read)
}
`);
    assert.deepEqual(model.resources?.map((r) => [r.name, r.uri?.value, r.template ?? false, r.description?.value, r.mimeType?.value, r.server, at(r.nameSpan)]), [
      ['recent', 'notes://recent', false, 'The latest notes', 'text/markdown', 's', '10:43-51'],
      ['note', 'notes://{folder}/{id}', true, undefined, undefined, 's', '12:73-79'],
    ]);
    assert.deepEqual(model.resources?.[1]?.uriParameters?.map((u) => `${u.name} ${at(u.span)}`), ['folder 12:58-64', 'id 12:67-69']);
  });

  it('reads go-sdk Resource and ResourceTemplate literals, inline or through a local', async () => {
    const model = await extract(`package main

import "github.com/modelcontextprotocol/go-sdk/mcp"

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "notes"}, nil)
	server.AddResource(&mcp.Resource{Name: "recent", URI: "notes://recent", MIMEType: "text/plain"}, read)
	tpl := &mcp.ResourceTemplate{Name: "note", URITemplate: "notes://{id}", Description: "One note"}
	server.AddResourceTemplate(tpl, read)
}
`);
    assert.deepEqual(model.resources?.map((r) => [r.name, r.uri?.value, r.template ?? false, r.description?.value, r.mimeType?.value, r.server]), [
      ['recent', 'notes://recent', false, undefined, 'text/plain', 'server'],
      ['note', 'notes://{id}', true, 'One note', undefined, 'server'],
    ]);
    assert.deepEqual(model.resources?.[1]?.uriParameters?.map((u) => `${u.name} ${at(u.span)}`), ['id 8:68-70']);
  });
});
