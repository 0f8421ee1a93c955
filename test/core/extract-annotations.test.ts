// A tool's annotations as Rust (rmcp, pmcp) and Python (FastMCP, the low-level SDK) sources write them, read into
// the JSON the server sends: as written (with the position of each hint), none (`null`, the declaration was read
// whole), or unknown (absent: given in a way not read), so the annotations/* rules judge only what was read.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFile } from '../../src/core/extract';
import type { ToolDef } from '../../src/core/model';
import { toToolInfos } from '../../src/core/workflow/source-tools';
import { positionOf } from './helpers';

/** name → annotations value (`null` for none, 'unknown' when not read). */
async function annotationsIn(file: string, text: string): Promise<Record<string, unknown>> {
  const model = await extractFile(file, text);
  return Object.fromEntries(model.tools.map((t: ToolDef) => [t.name, t.annotations === undefined ? 'unknown' : t.annotations === null ? null : t.annotations.value]));
}

async function hintAt(file: string, text: string, tool: string, pointer: string) {
  const t = (await extractFile(file, text)).tools.find((x) => x.name === tool)!;
  const span = t.annotations?.locations[pointer]?.value;
  return span && { line: span.range.start.line + 1, column: span.range.start.character + 1 };
}

const RMCP = `use rmcp::{tool, tool_router, model::*};
#[tool_router]
impl Shop {
    #[tool(description = "Delete an order", annotations(title = "Delete order", read_only_hint = false, destructive_hint = true, idempotent_hint = true))]
    async fn delete_order(&self) -> String { String::new() }
    #[tool(description = "Remove an item")]
    async fn remove_item(&self) -> String { String::new() }
    #[tool(description = "Archive it", annotations(read_only_hint = READ_ONLY))]
    async fn archive(&self) -> String { String::new() }
}
pub fn tools() -> Vec<Tool> {
    let mut late = Tool::new("late", "Annotated later", schema());
    late = late.annotate(ToolAnnotations::new().read_only(true));
    vec![
        Tool::new("purge_cache", "Purges the cache", schema()).annotate(ToolAnnotations::new().read_only(false).destructive(true)),
        Tool::new("wipe", "Wipes", schema()).with_annotations(ToolAnnotations { read_only_hint: Some(true), open_world_hint: None, ..Default::default() }),
        Tool::new("erase", "Erases", schema()).annotate(annotations_for("erase")),
        Tool::new("ping", "Answers pong", schema()),
        late,
    ]
}
`;

const PMCP = `use pmcp::types::{ToolAnnotations, ToolInfo};
use pmcp::{mcp_tool, TypedTool};
#[mcp_tool(description = "Delete a note", annotations(destructive = true, idempotent = false))]
async fn delete_note(args: NoteArgs) -> pmcp::Result<Value> { todo!() }
#[mcp_tool(description = "Get the server version")]
async fn version(_: NoArgs) -> pmcp::Result<Value> { todo!() }
pub fn tools() {
    let delete = TypedTool::new("delete_record", handler)
        .with_description("Permanently delete a record")
        .with_annotations(ToolAnnotations::new().with_read_only(false).with_destructive(true));
    let remove = TypedTool::new("remove_user", handler).with_description("Removes a user").destructive();
    let revoke = ToolInfo::with_annotations("revoke_key", Some("Revokes a key".to_string()), json!({"type": "object"}), ToolAnnotations::new().with_destructive(true));
}
`;

const FASTMCP = `from fastmcp import FastMCP
from mcp.types import ToolAnnotations

mcp = FastMCP("shop")
READ_ONLY = {"readOnlyHint": True}

@mcp.tool(annotations={"readOnlyHint": False, "destructiveHint": True})
def delete_order(order_id: str) -> str:
    """Delete an order."""
    return ""

@mcp.tool(annotations=ToolAnnotations(title="Refund", destructiveHint=True, idempotentHint=None))
def refund_payment(payment_id: str) -> str:
    """Refund a payment."""
    return ""

@mcp.tool()
def remove_user(user_id: str) -> str:
    """Remove a user."""
    return ""

@mcp.tool(**common_options)
def drop_table(name: str) -> str:
    """Drop a table."""
    return ""

@mcp.tool(annotations=READ_ONLY)
def list_orders() -> str:
    """List orders."""
    return ""

@mcp.tool(annotations=annotations_for("purge"))
def purge() -> str:
    """Purge everything."""
    return ""
`;

describe('tool annotations in Rust and Python sources', () => {
  it('rmcp: #[tool(annotations(…))], none without them, unknown for a non-literal value', async () => {
    const a = await annotationsIn('/w/src/tools.rs', RMCP);
    assert.deepEqual(a['delete_order'], { title: 'Delete order', readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    assert.equal(a['remove_item'], null);
    assert.equal(a['archive'], 'unknown');
    assert.deepEqual(await hintAt('/w/src/tools.rs', RMCP, 'delete_order', '/destructiveHint'), positionOf(RMCP, 'true, idempotent_hint'));
  });

  it('rmcp builder code: ToolAnnotations chains and struct literals, none on a bare Tool::new, unknown when built elsewhere', async () => {
    const a = await annotationsIn('/w/src/tools.rs', RMCP);
    assert.deepEqual(a['purge_cache'], { readOnlyHint: false, destructiveHint: true });
    assert.deepEqual(a['wipe'], { readOnlyHint: true });
    assert.equal(a['erase'], 'unknown');
    assert.equal(a['ping'], null);
    // Annotated by a later statement on its binding: the chain alone does not say.
    assert.equal(a['late'], 'unknown');
  });

  it('pmcp: #[mcp_tool(annotations(…))], TypedTool .with_annotations and shorthands, ToolInfo::with_annotations', async () => {
    const a = await annotationsIn('/w/src/lib.rs', PMCP);
    assert.deepEqual(a['delete_note'], { destructiveHint: true, idempotentHint: false });
    assert.equal(a['version'], null);
    assert.deepEqual(a['delete_record'], { readOnlyHint: false, destructiveHint: true });
    assert.deepEqual(a['remove_user'], { readOnlyHint: false, destructiveHint: true });
    assert.deepEqual(a['revoke_key'], { destructiveHint: true });
    assert.deepEqual(await hintAt('/w/src/lib.rs', PMCP, 'delete_record', '/destructiveHint'), positionOf(PMCP, 'true));'));
  });

  it('FastMCP: a dict or ToolAnnotations(…), a module-level dict; none on a bare decorator; unknown for **options or a call', async () => {
    const a = await annotationsIn('/w/server.py', FASTMCP);
    assert.deepEqual(a['delete_order'], { readOnlyHint: false, destructiveHint: true });
    assert.deepEqual(a['refund_payment'], { title: 'Refund', destructiveHint: true });
    assert.equal(a['remove_user'], null);
    assert.equal(a['drop_table'], 'unknown');
    assert.deepEqual(a['list_orders'], { readOnlyHint: true });
    assert.equal(a['purge'], 'unknown');
    assert.deepEqual(await hintAt('/w/server.py', FASTMCP, 'refund_payment', '/destructiveHint'), positionOf(FASTMCP, 'True, idempotentHint'));
  });
});

describe('annotations the workflow checks read from the sources', () => {
  it('a name declared twice with differing annotations (one annotated, one with none) is not judged; agreeing ones are', async () => {
    const rust = (await extractFile('/w/rs/src/tools.rs', RMCP)).tools;
    const python = (await extractFile('/w/py/server.py', FASTMCP)).tools;
    // delete_order: annotated in both, differently; remove_item (rmcp, none) alone; remove_user (FastMCP, none) alone.
    const infos = toToolInfos([...rust, ...python]);
    const of = (name: string) => infos.filter((i) => i.name === name).map((i) => i.annotations);
    assert.deepEqual(of('delete_order'), [undefined, undefined]);
    assert.deepEqual(of('remove_item'), [{}]);
    assert.deepEqual(of('purge_cache'), [{ readOnlyHint: false, destructiveHint: true }]);
    const twice = toToolInfos([...python, ...python]);
    assert.deepEqual(twice.filter((i) => i.name === 'remove_user').map((i) => i.annotations), [{}, {}]);
  });
});
