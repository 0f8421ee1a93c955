// One wording for JSON syntax errors, wherever JSON is read (`json!` bodies, workflow files, .vscode/mcp.json):
// what is missing or wrong, in words, instead of jsonc-parser's error code.
import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';

const WORDS: Partial<Record<string, string>> = {
  CommaExpected: 'a comma is missing',
  ColonExpected: 'a colon is missing after the property name',
  PropertyNameExpected: 'a property name in double quotes is expected',
  ValueExpected: 'a value is expected',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  EndOfFileExpected: 'there is text after the end of the top-level value',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfComment: 'a comment is not closed',
  InvalidSymbol: 'this is not a JSON value',
};

/** What a jsonc-parser error means, e.g. "a comma is missing"; codes without words are split into words. */
export function describeJsonSyntaxError(error: ParseErrorCode): string {
  const code = printParseErrorCode(error);
  return WORDS[code] ?? code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
