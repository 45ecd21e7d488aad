import { RESERVED_RULE_IDS } from '../../../diagnostic.js';
import { parseDirective, type DisableComment } from '../../../suppressions/comments.js';
import { LineIndex } from '../../line-index.js';
import type { ParseProblem, RequestDocument, SourceDocument, Span } from '../../types.js';
import { codeRequest } from '../located-value.js';
import { findCalls, unpackedDict } from './find-requests.js';
import { parsePython, type Tree } from './parse.js';
import { readMembers } from './read-value.js';
import { pythonWriter } from './writer.js';

export const PYTHON_KIND_ID = 'python';

/**
 * `.create_ota_update(`, with what Python allows between (spaces, newlines and comments inside
 * brackets, `\` line continuations): the one way the reader finds a call. A module that names the
 * method only otherwise (`Stubber.add_response("create_ota_update", ...)`, `mock.patch.object(iot,
 * "create_ota_update")`, `def create_ota_update(self, ...)`) holds no call to read. Each repeated
 * part can match in one way only, so a test of any text takes time in proportion to it.
 */
const CALLS_THE_METHOD = /\.(?:\s|\\[\r\n]|#[^\r\n]*[\r\n])*create_ota_update(?:\s|\\[\r\n]|#[^\r\n]*[\r\n])*\(/;

export function mayHoldPythonRequests(text: string): boolean {
  return text.includes('create_ota_update') && CALLS_THE_METHOD.test(text);
}

/** Read a Python module's boto3 `create_ota_update(...)` calls. */
export function readPython(filePath: string, text: string): SourceDocument {
  if (!mayHoldPythonRequests(text)) return sourceDocument(filePath, text, [], [], []);
  const tree = parsePython(text);
  try {
    const { problems, requests } = readCalls(tree, text);
    return sourceDocument(filePath, text, problems, requests, text.includes('otalint-disable') ? disableComments(tree, text) : []);
  } finally {
    // The tree lives in tree-sitter's WebAssembly memory, not on the JavaScript heap.
    tree.delete();
  }
}

function readCalls(tree: Tree, text: string): { problems: ParseProblem[]; requests: RequestDocument[] } {
  const problems: ParseProblem[] = [];
  const requests: RequestDocument[] = [];
  const writer = pythonWriter(bytesCall(text));
  const { calls, broken } = findCalls(tree, text);
  for (const found of calls) {
    const requestProblems: ParseProblem[] = [];
    const context = { text, problems: requestProblems };
    const read = readMembers(found.members, [], context, false, (node) => unpackedDict(node, tree, text));
    const root = { ...read, span: found.span, memberSpans: found.memberSpans };
    requests.push(codeRequest({ index: requests.length, root, format: 'python', span: found.span, text, writer, problems: requestProblems }));
  }
  for (const span of broken) {
    problems.push({
      ruleId: RESERVED_RULE_IDS.syntax,
      message: 'This create_ota_update call does not parse as Python, so it was not checked. Fix its syntax.',
      offset: span.offset,
      length: span.length,
      path: '',
      severity: 'warning',
    });
  }
  return { problems, requests };
}

/** The comments that hold `otalint-disable`, found where it is written (in a string it is no comment). */
function disableComments(tree: Tree, text: string): Array<{ offset: number; source: string }> {
  const comments: Array<{ offset: number; source: string }> = [];
  const root = tree.rootNode;
  const marker = 'otalint-disable';
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) {
    const node = root.descendantForIndex(at, at + marker.length);
    if (node?.type !== 'comment' || comments.at(-1)?.offset === node.startIndex) continue;
    comments.push({ offset: node.startIndex, source: text.slice(node.startIndex, node.endIndex) });
  }
  return comments;
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
