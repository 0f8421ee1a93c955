// Reads what the packaged extension contributes, straight from the VSIX, so UI tests can expect exactly
// what a user who installs it gets (and grow as contributions are added).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import type { EditorArtifacts } from './build';

/** A `contributes.grammars` entry. */
export interface GrammarContribution {
  readonly scopeName: string;
  readonly path: string;
  readonly language?: string;
  readonly injectTo?: readonly string[];
}

interface Manifest {
  contributes?: { snippets?: { language: string; path: string }[]; grammars?: GrammarContribution[] };
}

/** The grammars the VSIX contributes. */
export function contributedGrammars(artifacts: EditorArtifacts): GrammarContribution[] {
  const manifest = JSON.parse(readFileSync(artifacts.extensionManifest, 'utf8')) as Manifest;
  return manifest.contributes?.grammars ?? [];
}

/** Every snippet prefix the VSIX contributes for `language` (a snippet's prefix may be a string or a list). */
export function contributedSnippetPrefixes(artifacts: EditorArtifacts, language: string): string[] {
  const manifest = JSON.parse(readFileSync(artifacts.extensionManifest, 'utf8')) as Manifest;
  const files = (manifest.contributes?.snippets ?? []).filter((s) => s.language === language).map((s) => s.path);
  return files.flatMap((path) => {
    const entry = posix.join('extension', posix.normalize(path));
    const text = execFileSync('unzip', ['-p', artifacts.extensionVsix, entry]).toString();
    const body = parseJsonc(text) as Record<string, { prefix?: string | string[] }>;
    return Object.values(body).flatMap((s) => (s.prefix === undefined ? [] : Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
  });
}
