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

export type SnippetLanguage = 'rust' | 'typescript' | 'python' | 'go';

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

/** What a Go snippet expects in scope (its description says so): the go-sdk server `server` in a main package, and
 * the imports it uses (each kept used, so a snippet that needs fewer still compiles). */
export const GO_SNIPPET_HEADER = [
  'package main',
  '',
  'import (',
  '\t"context"',
  '\t"encoding/json"',
  '\t"errors"',
  '\t"fmt"',
  '\t"os"',
  '\t"strings"',
  '\t"sync"',
  '\t"time"',
  '',
  '\t"github.com/google/jsonschema-go/jsonschema"',
  '\t"github.com/modelcontextprotocol/go-sdk/mcp"',
  ')',
  '',
  'var _, _, _, _, _, _, _, _ = context.Background, json.Marshal, errors.New, fmt.Sprintf, os.OpenFile, strings.HasPrefix, time.Now, jsonschema.Ptr[bool]',
  '',
  'var _ sync.Mutex',
  '',
  'var server = mcp.NewServer(&mcp.Implementation{Name: "snippets", Version: "0.1.0"}, nil)',
  '',
  'func main() {}',
  '',
  '',
].join('\n');

/** The header a snippet of the language is expanded below ('' where it needs none). */
export const snippetHeader = (language: SnippetLanguage): string => (language === 'python' ? PYTHON_SNIPPET_HEADER : language === 'go' ? GO_SNIPPET_HEADER : '');
