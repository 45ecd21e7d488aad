import { RESERVED_RULE_IDS } from '../diagnostic.js';
import { describeThrown } from '../util/thrown.js';
import { LineIndex } from './line-index.js';
import { depthBreach, fileSizeBreach, valueLimitBreach, type LimitBreach } from './limits.js';
import type { ParseProblem, ReadContext, RequestDocument, SourceDocument, SourceKind, Span } from './types.js';

/**
 * Read a file with a source kind, held to the engine's limits whatever the kind: a file too large
 * is not handed to it, a reader that overflows the stack or throws becomes that file's diagnostic,
 * and a request nested too deep or expanding too far is kept out of the rules. So no file can
 * crash the run, and every other file keeps its result.
 */
export function readWithinLimits(kind: SourceKind, filePath: string, text: string, context?: ReadContext): SourceDocument {
  const tooLarge = fileSizeBreach(text);
  if (tooLarge) return problemDocument(filePath, kind.id, text, [limitProblem(tooLarge)]);
  let document: SourceDocument;
  try {
    document = kind.read(filePath, text, context);
  } catch (error) {
    if (isStackOverflow(error)) return problemDocument(filePath, kind.id, text, [limitProblem(depthBreach())]);
    return problemDocument(filePath, kind.id, text, [
      {
        ruleId: RESERVED_RULE_IDS.internal,
        message: `The ${kind.id} reader crashed on this file: ${describeThrown(error)}. This is a bug in otalint (or in the plugin that adds the kind), not in your file.`,
        offset: 0,
        length: 0,
        path: '',
      },
    ]);
  }
  // Most documents hold their requests within the limits: no list made for them.
  let requests: RequestDocument[] | undefined;
  for (let i = 0; i < document.requests.length; i++) {
    const request = document.requests[i]!;
    const held = withinValueLimits(request);
    if (held !== request) (requests ??= [...document.requests])[i] = held;
  }
  return requests ? withRequests(document, requests) : document;
}

export function limitProblem(breach: LimitBreach): ParseProblem {
  return { ruleId: RESERVED_RULE_IDS.limit, message: breach.message, offset: 0, length: 0, path: '' };
}

/** A document of file problems and no request (what a reader returns when it stops early), for readers to add their requests to. */
export function problemDocument(filePath: string, kind: string, text: string, problems: readonly ParseProblem[]): SourceDocument {
  let lines: LineIndex | undefined;
  return {
    filePath,
    kind,
    text,
    problems,
    requests: [],
    range(span: Span) {
      lines ??= new LineIndex(text);
      return lines.range(span.offset, span.length);
    },
    disableComments: () => [],
  };
}

/** The same document with more file problems first (an encoding problem found before reading). */
export function withFileProblems(document: SourceDocument, problems: readonly ParseProblem[]): SourceDocument {
  if (problems.length === 0) return document;
  return delegate(document, { problems: [...problems, ...document.problems] });
}

function withRequests(document: SourceDocument, requests: readonly RequestDocument[]): SourceDocument {
  return delegate(document, { requests });
}

function delegate(document: SourceDocument, changed: Partial<Pick<SourceDocument, 'problems' | 'requests'>>): SourceDocument {
  return {
    filePath: document.filePath,
    kind: document.kind,
    text: document.text,
    problems: changed.problems ?? document.problems,
    requests: changed.requests ?? document.requests,
    range: (span) => document.range(span),
    disableComments: () => document.disableComments(),
  };
}

/** A request whose value passes a limit keeps its place in the file but holds nothing for the rules. */
function withinValueLimits(request: RequestDocument): RequestDocument {
  if (request.heldWithinLimits === true) return request;
  const breach = valueLimitBreach(request.value);
  if (!breach) return request;
  return {
    index: request.index,
    value: undefined,
    format: request.format,
    problems: [...request.problems, { ...limitProblem(breach), offset: request.span.offset }],
    span: request.span,
    hasUnknowns: false,
    locate: (path, target) => request.locate(path, target),
    textEdits: () => undefined,
    sourceText: (path) => request.sourceText(path),
  };
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
