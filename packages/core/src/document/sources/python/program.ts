import { RESERVED_RULE_IDS } from '../../../diagnostic.js';
import { parseDirective, type DisableComment } from '../../../suppressions/comments.js';
import { LineIndex } from '../../line-index.js';
import type { ParseProblem, RequestDocument, SourceDocument, Span } from '../../types.js';
import { codeRequest } from '../located-value.js';
import { findCalls, unpackedDict } from './find-requests.js';
import { hasError, parsePython, treeHasErrors } from './parse.js';
import { readMembers, spanOf, textOf } from './read-value.js';
import { pythonWriter } from './writer.js';

export const PYTHON_KIND_ID = 'python';

export function mayHoldPythonRequests(text: string): boolean {
  return text.includes('create_ota_update');
}

/** Read a Python module's boto3 `create_ota_update(...)` calls. */
export function readPython(filePath: string, text: string): SourceDocument {
  if (!mayHoldPythonRequests(text)) return sourceDocument(filePath, text, [], [], []);
  const tree = parsePython(text);
  const problems: ParseProblem[] = [];
  const requests: RequestDocument[] = [];
  const writer = pythonWriter(bytesCall(text));
  let repaired: boolean | undefined;
  for (const found of findCalls(tree, text)) {
    // The parser recovers from errors, but a call it had to repair may be misread: say so, skip it.
    if ((repaired ??= treeHasErrors(tree)) && hasError(found.call)) {
      problems.push({
        ruleId: RESERVED_RULE_IDS.syntax,
        message: 'This create_ota_update call does not parse as Python, so it was not checked. Fix its syntax.',
        offset: found.span.offset,
        length: found.span.length,
        path: '',
        severity: 'warning',
      });
      continue;
    }
    const requestProblems: ParseProblem[] = [];
    const context = { text, problems: requestProblems };
    const read = readMembers(found.members, [], context, false, (node) => unpackedDict(node, text));
    const root = { ...read, span: spanOf(found.call), memberSpans: found.memberSpans };
    requests.push(codeRequest({ index: requests.length, root, format: 'python', span: found.span, text, writer, problems: requestProblems }));
  }
  const comments: Array<{ offset: number; source: string }> = [];
  if (text.includes('otalint-disable')) {
    const cursor = tree.cursor();
    do {
      if (cursor.name === 'Comment') comments.push({ offset: cursor.from, source: textOf(cursor.node, text) });
    } while (cursor.next());
  }
  return sourceDocument(filePath, text, problems, requests, comments);
}

/** How the module can call base64 decoding, if it imports it. */
function bytesCall(text: string): string | undefined {
  if (/^\s*import\s+(?:[\w.]+\s*,\s*)*base64\b(?!\s+as)/m.test(text)) return 'base64.b64decode';
  if (/^\s*from\s+base64\s+import\s+(?:.*,\s*)?b64decode\b(?!\s+as)/m.test(text)) return 'b64decode';
  return undefined;
}

function sourceDocument(
  filePath: string,
  text: string,
  problems: ParseProblem[],
  requests: RequestDocument[],
  comments: ReadonlyArray<{ offset: number; source: string }>,
): SourceDocument {
  let lines: LineIndex | undefined;
  return {
    filePath,
    kind: PYTHON_KIND_ID,
    text,
    problems,
    requests,
    range(span: Span) {
      lines ??= new LineIndex(text);
      return lines.range(span.offset, span.length);
    },
    disableComments: () =>
      comments.flatMap((comment): DisableComment[] => {
        const directive = parseDirective(comment.source, comment.offset, '#');
        return directive ? [directive] : [];
      }),
  };
}
