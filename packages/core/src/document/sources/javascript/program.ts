import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { RESERVED_RULE_IDS } from '../../../diagnostic.js';
import { parseDirective, type DisableComment } from '../../../suppressions/comments.js';
import { LineIndex } from '../../line-index.js';
import type { ParseProblem, RequestDocument, SourceDocument, Span } from '../../types.js';
import { codeRequest } from '../located-value.js';
import { Bindings } from './bindings.js';
import { findRequests } from './find-requests.js';
import { parseScript } from './parse.js';
import { readValue } from './read-value.js';
import { javascriptWriter } from './writer.js';

export const JAVASCRIPT_KIND_ID = 'javascript';

/** Every form the reader finds names the operation: the method, the command, or the request type. */
export function mayHoldJavaScriptRequests(text: string): boolean {
  return text.includes('createOTAUpdate') || text.includes('CreateOTAUpdate');
}

/** Read a TypeScript or JavaScript module: parse it, then find its requests. */
export function readJavaScript(filePath: string, text: string): SourceDocument {
  // A module that names no CreateOTAUpdate form holds no request: not even its syntax is ours.
  if (!mayHoldJavaScriptRequests(text)) return sourceDocument(filePath, text, [], [], []);
  const parsed = parseScript(filePath, text);
  if (!parsed.ok) {
    const problem: ParseProblem = {
      ruleId: RESERVED_RULE_IDS.syntax,
      message: `This file does not parse as TypeScript or JavaScript: ${parsed.message.replace(/\.$/, '')}. Its CreateOTAUpdate calls were not checked.`,
      offset: parsed.offset,
      length: 0,
      path: '',
    };
    return sourceDocument(filePath, text, [problem], [], []);
  }
  return readJavaScriptProgram(filePath, text, parsed.program);
}

/**
 * The requests of a parsed module. Takes any ESTree program with ranges and comments (from
 * typescript-estree, or the one ESLint hands a rule), so the ESLint plugin reads the same
 * requests as the command line without parsing the file again.
 */
export function readJavaScriptProgram(filePath: string, text: string, program: TSESTree.Program): SourceDocument {
  const bindings = new Bindings(program);
  const problems: ParseProblem[] = [];
  const requests: RequestDocument[] = findRequests(bindings).map((found, index) => {
    const requestProblems: ParseProblem[] = [];
    const root = readValue(found.expression, [], { text, bindings, problems: requestProblems, blobsAsWritten: found.blobsAsWritten });
    return codeRequest({ index, root, format: 'javascript', span: found.span, text, writer: javascriptWriter, problems: requestProblems });
  });
  const comments = (program.comments ?? []).filter((comment) => comment.type === 'Line' && comment.value.includes('otalint-disable'));
  return sourceDocument(filePath, text, problems, requests, comments);
}

function sourceDocument(
  filePath: string,
  text: string,
  problems: ParseProblem[],
  requests: RequestDocument[],
  comments: readonly TSESTree.Comment[],
): SourceDocument {
  let lines: LineIndex | undefined;
  return {
    filePath,
    kind: JAVASCRIPT_KIND_ID,
    text,
    problems,
    requests,
    range(span: Span) {
      lines ??= new LineIndex(text);
      return lines.range(span.offset, span.length);
    },
    disableComments: () =>
      comments.flatMap((comment): DisableComment[] => {
        const directive = parseDirective(text.slice(comment.range[0], comment.range[1]), comment.range[0], '//');
        return directive ? [directive] : [];
      }),
  };
}
