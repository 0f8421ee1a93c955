// A JSONC text with its syntax tree, so the loader and the static checks can turn a JSON path or a
// string offset into an exact Range for a Diagnostic.
import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic, Range } from '../diagnostic';
import { findTooDeep, limitSyntaxErrors, withoutBom } from '../json/nesting';
import { describeJsonSyntaxError } from '../json/syntax-error';
import { LineIndex } from '../text/line-index';

/** A parsed JSONC document that can locate JSON paths. */
export interface JsonDocument {
  file: string;
  text: string;
  root: Node | undefined;
  syntaxErrors: Diagnostic[];
  /** The range of the value at a JSON path, or of its nearest existing parent. */
  rangeOf(path: (string | number)[]): Range;
  /** The range of the property name at a path (the whole value when there is no name). */
  keyRangeOf(path: (string | number)[]): Range;
  rangeAt(offset: number, length: number): Range;
  nodeAt(path: (string | number)[]): Node | undefined;
}

/** Parses JSONC text (comments and trailing commas allowed), keeping syntax errors as diagnostics. */
export function parseJsonDocument(file: string, text: string, ruleId: string): JsonDocument {
  const lines = new LineIndex(text);
  const rangeAt = (offset: number, length: number): Range => ({ start: lines.positionAt(offset), end: lines.positionAt(offset + length) });
  const errors: ParseError[] = [];
  const deep = findTooDeep(text);
  const root = deep ? undefined : parseTree(withoutBom(text), errors, { allowTrailingComma: true, disallowComments: false });
  const tooDeep: Diagnostic[] = deep ? [{ file, range: rangeAt(deep.offset, 1), severity: 'error', ruleId, message: deep.message }] : [];
  // A file broken early (an unbalanced bracket) yields an error per token after it: the first few say enough.
  const listed = limitSyntaxErrors(errors.map((e) => ({ offset: e.offset, length: Math.max(e.length, 1), message: `JSON syntax error: ${describeJsonSyntaxError(e.error)}` })), (count, at) => ({ ...at, message: `${count} more JSON syntax errors from here on are not listed; fix the ones above first` }));
  const syntaxErrors = tooDeep.concat(listed.map<Diagnostic>((e) => ({ file, range: rangeAt(e.offset, e.length), severity: 'error', ruleId, message: e.message })));
  const nodeAt = (path: (string | number)[]): Node | undefined => {
    if (!root) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, path.slice(0, n));
      if (node) return node;
    }
    return root;
  };
  return {
    file,
    text,
    root,
    syntaxErrors,
    rangeAt,
    nodeAt,
    rangeOf: (path) => {
      const node = nodeAt(path);
      return node ? rangeAt(node.offset, node.length) : rangeAt(0, 0);
    },
    keyRangeOf: (path) => {
      const node = nodeAt(path);
      const key = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      const target = key ?? node;
      return target ? rangeAt(target.offset, target.length) : rangeAt(0, 0);
    },
  };
}

