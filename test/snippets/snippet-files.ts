// Reads the snippet files the extension contributes, so every test works from what ships.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One snippet from a contributed snippets file. */
export interface Snippet {
  name: string;
  prefix: string;
  description: string;
  body: string[];
}

export type SnippetLanguage = 'rust' | 'typescript' | 'python';

export const REPO_ROOT = join(__dirname, '..', '..');

/** Loads snippets/<language>.json in file order. */
export function loadSnippets(language: SnippetLanguage): Snippet[] {
  return loadSnippetFile(`${language}.json`);
}

/** Loads snippets/rust-rmcp.json, the Rust snippets written against rmcp (contributed to Rust beside pmcp's). */
export function loadRmcpSnippets(): Snippet[] {
  return loadSnippetFile('rust-rmcp.json');
}

function loadSnippetFile(name: string): Snippet[] {
  const file = join(REPO_ROOT, 'snippets', name);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Omit<Snippet, 'name'>>;
  return Object.entries(raw).map(([name, snippet]) => ({ name, ...snippet }));
}

/** What a Python snippet expects in scope (its description says so): a FastMCP server `mcp` and the imports it uses. */
export const PYTHON_SNIPPET_HEADER = [
  'import json',
  'from datetime import datetime, timezone',
  'from pathlib import Path',
  'from typing import Annotated, Any, Literal',
  '',
  'from fastmcp import Context, FastMCP',
  'from fastmcp.exceptions import ToolError',
  'from pydantic import BaseModel, Field',
  '',
  'mcp = FastMCP("snippets")',
  '',
  '',
].join('\n');
