// Writes synthetic FastMCP servers for bench/check, in the shapes of test/fixtures/python: tools with Annotated
// Field descriptions ("ID from X output"), pydantic output models, docstrings, and f-string prompts naming tools.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function pythonFile(i: number): string {
  const t = (k: number) => `tickets_${i}_${k}`;
  const tool = (k: number) => `
@mcp.tool(annotations={"readOnlyHint": True})
def ${t(k)}(
    customer_id: Annotated[str, Field(description="Customer ID from ${k === 0 ? `tickets_${i + 1}_0` : t(k - 1)} output")],
    status: Literal["open", "closed"] = "open",
    limit: Annotated[int, Field(ge=1, le=100, description="How many tickets to return")] = 20,
) -> TicketList:
    """List one customer's tickets, newest first. Use the ticket_id with ${t((k + 1) % 3)}."""
    return TicketList(tickets=[])
`;
  const prompt = (k: number) => `
@mcp.prompt(name="triage-${i}-${k}", description="Triage one customer's open tickets")
def triage_${i}_${k}(customer_id: str, depth: int = 3) -> str:
    return f"""Triage the tickets of {customer_id}, {depth} levels deep.
- Call the ${t(0)} tool with customer_id={customer_id}
- Then call ${t(1)} for each urgent ticket
- If the error is RATE_LIMITED, wait and retry."""
`;
  return `"""Synthetic FastMCP server ${i} for bench/check."""

from typing import Annotated, Literal

from fastmcp import FastMCP
from pydantic import BaseModel, Field

mcp = FastMCP("bench-${i}")


class Ticket(BaseModel):
    ticket_id: str
    subject: str
    priority: Literal["low", "high"]


class TicketList(BaseModel):
    tickets: list[Ticket]
    error: Literal["RATE_LIMITED", "TIMEOUT"] | None = None
${tool(0)}${tool(1)}${tool(2)}${prompt(0)}${prompt(1)}`;
}

/** Writes `count` FastMCP server files, 50 a folder, under `dir`; returns their paths. */
export function generatePythonWorkspace(dir: string, count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `py-server-${Math.floor(i / 50)}`);
    mkdirSync(sub, { recursive: true });
    const file = join(sub, `server_${i}.py`);
    writeFileSync(file, pythonFile(i));
    files.push(file);
  }
  return files;
}
