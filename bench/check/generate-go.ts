// Writes synthetic Go servers on the official go-sdk for bench/check, in the shapes of test/fixtures/go/gosdk:
// argument structs with json and jsonschema tags ("ID from X output"), typed results, mcp.AddTool with &mcp.Tool
// literals, and a prompt handler whose fmt.Sprintf text names the tools.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function goFile(i: number): string {
  const t = (k: number) => `tickets_${i}_${k}`;
  const handler = (k: number) => `
func listTickets${k}(_ context.Context, _ *mcp.CallToolRequest, args TicketArgs${i}) (*mcp.CallToolResult, TicketList${i}, error) {
	return nil, TicketList${i}{Tickets: []Ticket${i}{}}, nil
}
`;
  const tool = (k: number) => `
	mcp.AddTool(server, &mcp.Tool{
		Name:        "${t(k)}",
		Description: "List one customer's tickets, newest first. Use the ticket_id with ${t((k + 1) % 3)}.",
		Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true},
	}, listTickets${k})`;
  const prompt = (k: number) => `
	server.AddPrompt(&mcp.Prompt{
		Name:        "triage-${i}-${k}",
		Description: "Triage one customer's open tickets",
		Arguments:   []*mcp.PromptArgument{{Name: "customer_id", Description: "Customer ID from ${t(0)} output", Required: true}},
	}, triage${k})`;
  const promptHandler = (k: number) => `
func triage${k}(_ context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	customerID := req.Params.Arguments["customer_id"]
	text := fmt.Sprintf(\`Triage the tickets of %s.
- Call the ${t(0)} tool with customer_id=%s
- Then call ${t(1)} for each urgent ticket
- If the error is RATE_LIMITED, wait and retry.\`, customerID, customerID)
	return &mcp.GetPromptResult{Messages: []*mcp.PromptMessage{{Role: "user", Content: &mcp.TextContent{Text: text}}}}, nil
}
`;
  return `// Synthetic go-sdk server ${i} for bench/check.
package main

import (
	"context"
	"fmt"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type Ticket${i} struct {
	TicketID string \`json:"ticket_id" jsonschema:"Ticket ID, pass to ${t(1)}"\`
	Subject  string \`json:"subject"\`
	Priority string \`json:"priority" jsonschema:"low or high"\`
}

type TicketList${i} struct {
	Tickets []Ticket${i} \`json:"tickets"\`
	Error   string   \`json:"error,omitempty" jsonschema:"RATE_LIMITED or TIMEOUT"\`
}

type TicketArgs${i} struct {
	CustomerID string \`json:"customer_id" jsonschema:"Customer ID from tickets_${i + 1}_0 output"\`
	Status     string \`json:"status,omitempty" jsonschema:"open or closed"\`
	Limit      int    \`json:"limit,omitempty" jsonschema:"How many tickets to return"\`
}
${handler(0)}${handler(1)}${handler(2)}${promptHandler(0)}${promptHandler(1)}
func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "bench-${i}", Version: "1.0.0"}, nil)${tool(0)}${tool(1)}${tool(2)}${prompt(0)}${prompt(1)}
	_ = server.Run(context.Background(), &mcp.StdioTransport{})
}
`;
}

/** Writes `count` go-sdk server files, one package folder each, 50 to a module; returns their paths. */
export function generateGoWorkspace(dir: string, count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const module = join(dir, `go-module-${Math.floor(i / 50)}`);
    const sub = join(module, `server${i}`);
    mkdirSync(sub, { recursive: true });
    if (i % 50 === 0) writeFileSync(join(module, 'go.mod'), `module example.com/bench${Math.floor(i / 50)}\n\ngo 1.23\n`);
    const file = join(sub, 'main.go');
    writeFileSync(file, goFile(i));
    files.push(file);
  }
  return files;
}
