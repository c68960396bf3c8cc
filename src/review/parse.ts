/** Reading a review file's JSON, with the line and column of a syntax error. */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LehtinenError } from '../errors.js';
import { offsetToLineCol } from '../workspace/source-location.js';

export function parseJsonOrThrow(text: string, file: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length) {
    const e = errors[0]!;
    const { line, column } = offsetToLineCol(text, e.offset);
    throw new LehtinenError('REVIEW_SYNTAX', `${file}:${line}:${column}: ${printParseErrorCode(e.error)}: not valid JSON`, {
      where: { file, line, column },
      hint: 'A review file is the JSON that "Save my review" downloads; send the file as it was downloaded.',
    });
  }
  return value;
}
