// Runs the checker over in-memory sources, for rule tests.
import { checkWorkspace } from '../../../src/core/check';
import type { Diagnostic } from '../../../src/core/diagnostic';
import { extractFile } from '../../../src/core/extract';

export async function checkSources(files: Record<string, string>, ruleIds?: string[]): Promise<Diagnostic[]> {
  const models = await Promise.all(Object.entries(files).map(([file, text]) => extractFile(file, text)));
  const all = checkWorkspace(models);
  return ruleIds ? all.filter((d) => ruleIds.includes(d.ruleId)) : all;
}

/** `rule@line:col` (1-based) of each diagnostic, for compact exact assertions. */
export const brief = (ds: Diagnostic[]) => ds.map((d) => `${d.ruleId}@${d.range.start.line + 1}:${d.range.start.character + 1}`);

/** The 1-based line:col of the n-th occurrence of needle (plus shift). */
export function lc(text: string, needle: string, shift = 0, nth = 0): string {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, index + shift);
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
}
