import jsonc from 'jsonc-parser';
import type { JsonPath, Target, TextEdit, ValueEdit } from '../diagnostic.js';
import { RESERVED_RULE_IDS } from '../diagnostic.js';
import { toJsonPointer } from '../util/json-pointer.js';
import { limitProblem, problemDocument } from './guarded-read.js';
import { LIMITS, bracketsNestDeeperThan, depthBreach } from './limits.js';
import { LineIndex } from './line-index.js';
import { childInStrictJson, closingQuote, locateInStrictJson, nextSiblingStart, type ChildInText, type LocatedInText } from './json-locate.js';
import { sourceTextFrom } from './request-text.js';
import type { ParseProblem, RequestDocument, SourceDocument, Span } from './types.js';

// jsonc-parser's ParseErrorCode is an ambient const enum, which isolated modules cannot read.
const ParseErrorCode = {
  InvalidSymbol: 1,
  InvalidNumberFormat: 2,
  PropertyNameExpected: 3,
  ValueExpected: 4,
  ColonExpected: 5,
  CommaExpected: 6,
  CloseBraceExpected: 7,
  CloseBracketExpected: 8,
  EndOfFileExpected: 9,
  UnexpectedEndOfComment: 11,
  UnexpectedEndOfString: 12,
  UnexpectedEndOfNumber: 13,
  InvalidUnicode: 14,
  InvalidEscapeCharacter: 15,
  InvalidCharacter: 16,
} as const;
const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity', '+Infinity']);
/** Lookups in one file answered from the text before the positional tree pays for itself. */
const LOCATES_WITHOUT_TREE = 8;

/** How often the positional parse ran, for tests that hold it to the files that need it. */
export const positionalParses = { scans: 0, trees: 0 };

/**
 * Reads a request as `--cli-input-json` does: strict JSON (no comments, trailing commas, BOM,
 * NaN), an object at the top, duplicate keys flagged (the CLI keeps the last one silently).
 * Recovers from syntax errors so the rest of the file is still checked.
 *
 * Most files are plain valid JSON: `JSON.parse` reads them, and as many members written as read
 * means no key was repeated. Only a file that fails either test is scanned for its problems with
 * positions, and only a file with a finding to place builds the positional tree, on demand.
 */
export function readJsonDocument(filePath: string, text: string): SourceDocument {
  const parsed = text.charCodeAt(0) === 0xfeff ? undefined : strictParse(text);
  if (parsed?.depth !== undefined && parsed.depth > LIMITS.maxDepth) return problemDocument(filePath, 'json', text, [limitProblem(depthBreach())]);
  // jsonc-parser recurses once per level: stop before the stack does.
  if (!parsed && bracketsNestDeeperThan(text, LIMITS.maxDepth)) return problemDocument(filePath, 'json', text, [limitProblem(depthBreach())]);
  const problems: ParseProblem[] = [];
  let scanText = text;
  if (text.charCodeAt(0) === 0xfeff) {
    problems.push({
      ruleId: RESERVED_RULE_IDS.syntax,
      message: 'The file starts with a UTF-8 byte order mark (BOM); the AWS CLI rejects it ("Invalid JSON received"). Save it as UTF-8 without a BOM.',
      offset: 0,
      length: 1,
      path: '',
      fix: [{ offset: 0, length: 1, text: '' }],
    });
    // Keep offsets aligned with the file while the scanner sees plain whitespace.
    scanText = ' ' + text.slice(1);
  }

  const syntaxCount = parsed?.clean ? 0 : scanJson(scanText, problems);
  let tree: jsonc.Node | undefined | null = null;
  const getTree = (): jsonc.Node | undefined => {
    if (tree === null) {
      positionalParses.trees++;
      tree = jsonc.parseTree(scanText, [], { allowTrailingComma: true });
    }
    return tree;
  };
  // Past syntax errors, the value is what the recovering parser's tree holds.
  const value: unknown = parsed ? parsed.value : syntaxCount === 0 ? JSON.parse(scanText) : valueOf(getTree());

  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    const root = getTree();
    problems.push({
      ruleId: RESERVED_RULE_IDS.syntax,
      message: `The request must be a JSON object ({ ... }); this file holds ${describeTopLevel(value)}. The AWS CLI rejects it.`,
      offset: root?.offset ?? 0,
      length: root?.length ?? 0,
      path: '',
    });
  }

  // A file with a finding or two is located straight from the text; one with many builds the tree once.
  let locatesLeft = parsed?.clean ? LOCATES_WITHOUT_TREE : 0;
  // A finding's range and its fix or suggestion look up the same path, one after the other.
  let last: { readonly path: JsonPath; readonly found: LocatedInText } | undefined;
  const inText = (path: JsonPath): LocatedInText => {
    if (last === undefined || !samePath(last.path, path)) last = { path, found: locateInStrictJson(text, path, value) };
    return last.found;
  };
  const fromText = (path: JsonPath): LocatedInText | undefined => (tree === null && locatesLeft-- > 0 ? inText(path) : undefined);
  const locate = (path: JsonPath, target: Target): Span => {
    const wanted = target === 'parent' ? path.slice(0, -1) : path;
    const found = fromText(wanted);
    if (found) return target === 'key' && found.key ? found.key : found.value;
    const root = getTree();
    if (!root) return { offset: 0, length: 0 };
    const { node, complete } = findNode(root, wanted);
    if (complete && target === 'key' && node.parent?.type === 'property') {
      const key = node.parent.children![0]!;
      return { offset: key.offset, length: key.length };
    }
    return { offset: node.offset, length: node.length };
  };
  const request: RequestDocument = {
    index: 0,
    value,
    format: 'json',
    problems: [],
    span: { offset: 0, length: text.length },
    hasUnknowns: false,
    heldWithinLimits: parsed?.withinLimits === true,
    locate,
    textEdits(edit: ValueEdit): TextEdit[] | undefined {
      if (tree === null && locatesLeft-- > 0) {
        if (edit.kind === 'remove') {
          // The lookup of the finding's own range says where (no second walk): up to the one that follows, else from the end of the one before.
          const found = edit.path.length > 0 ? inText(edit.path) : undefined;
          if (found?.complete) {
            const start = (found.key ?? found.value).offset;
            const end = found.value.offset + found.value.length;
            const next = nextSiblingStart(text, end);
            if (next !== undefined) return [{ offset: start, length: next - start, text: '' }];
            const from = found.previousEnd ?? start;
            return [{ offset: from, length: end - from, text: '' }];
          }
          const child = childInStrictJson(text, edit.path);
          return child && removalOf(child);
        }
        const found = inText(edit.path);
        if (!found.complete) return undefined;
        if (edit.kind === 'replace') return [{ offset: found.value.offset, length: found.value.length, text: JSON.stringify(edit.value) }];
        return found.key && [{ offset: found.key.offset, length: found.key.length, text: JSON.stringify(edit.to) }];
      }
      const root = getTree();
      if (!root) return undefined;
      const { node, complete } = findNode(root, edit.path);
      if (!complete) return undefined;
      switch (edit.kind) {
        case 'replace':
          return [{ offset: node.offset, length: node.length, text: JSON.stringify(edit.value) }];
        case 'rename-key': {
          const key = node.parent?.type === 'property' ? node.parent.children![0]! : undefined;
          return key && [{ offset: key.offset, length: key.length, text: JSON.stringify(edit.to) }];
        }
        case 'remove':
          return removal(node);
      }
    },
    sourceText: (path) => sourceTextFrom(text, locate, path),
  };

  let lines: LineIndex | undefined;
  return {
    filePath,
    kind: 'json',
    text,
    problems,
    requests: [request],
    range(span: Span) {
      lines ??= new LineIndex(text);
      return lines.range(span.offset, span.length);
    },
    disableComments: () => [],
  };
}

function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

/** Remove a list item or an object member (a node of the tree) with the separator next to it. */
function removal(node: jsonc.Node): TextEdit[] | undefined {
  const item = node.parent?.type === 'property' ? node.parent : node;
  const siblings = item.parent?.children;
  if (!siblings) return undefined;
  const index = positionOf(item);
  const [previous, next] = [siblings[index - 1], siblings[index + 1]];
  return removalOf({ item, ...(previous ? { previous } : {}), ...(next ? { next } : {}) });
}

/**
 * Remove a list item or an object member with the separator next to it, touching nothing else:
 * up to the next sibling when there is one, else back to the previous one.
 */
function removalOf({ item, previous, next }: ChildInText): TextEdit[] {
  if (next) return [{ offset: item.offset, length: next.offset - item.offset, text: '' }];
  if (previous) {
    const start = previous.offset + previous.length;
    return [{ offset: start, length: item.offset + item.length - start, text: '' }];
  }
  return [{ offset: item.offset, length: item.length, text: '' }];
}

function describeTopLevel(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

/** The deepest node along `path`; `complete` says whether the whole path was found. */
function findNode(root: jsonc.Node, path: JsonPath): { node: jsonc.Node; complete: boolean } {
  let node = root;
  for (const segment of path) {
    let next: jsonc.Node | undefined;
    if (node.type === 'object') next = membersOf(node).get(String(segment));
    else if (node.type === 'array' && typeof segment === 'number') next = node.children?.[segment];
    if (!next) return { node, complete: false };
    node = next;
  }
  return { node, complete: true };
}

/**
 * An object node's members by name, built once per object: a request with 20,000 members is
 * located in linear time. The last of duplicate members is the one the AWS CLI keeps, so it wins.
 */
const members = new WeakMap<jsonc.Node, Map<string, jsonc.Node>>();
function membersOf(object: jsonc.Node): Map<string, jsonc.Node> {
  let byName = members.get(object);
  if (!byName) {
    byName = new Map();
    for (const property of object.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key && value && typeof key.value === 'string') byName.set(key.value, value);
    }
    members.set(object, byName);
  }
  return byName;
}

/** A node's position among its siblings, indexed once per parent. */
const positions = new WeakMap<jsonc.Node, number>();
function positionOf(node: jsonc.Node): number {
  if (!positions.has(node)) node.parent?.children?.forEach((sibling, index) => positions.set(sibling, index));
  return positions.get(node) ?? -1;
}

/**
 * The value the recovering parser's tree holds, built as JSON.parse builds it: a member named
 * `__proto__` is an own member like any other (jsonc-parser's `parse` assigns it, which sets the
 * object's prototype instead and loses the member and its problems).
 */
function valueOf(node: jsonc.Node | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key || !value || typeof key.value !== 'string') continue;
        Object.defineProperty(object, key.value, { value: valueOf(value), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}

/**
 * `JSON.parse`, and whether that is all the file needs: as many members written as the value
 * holds (no key repeated), and how deep it nests. Undefined when the text is not strict JSON.
 */
function strictParse(text: string): { value: unknown; clean: boolean; depth: number; withinLimits: boolean } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const { members, colonsInStrings, depth, size } = shapeOf(value);
  // The limits' own walk would walk the value again: this one counts what it counts.
  const withinLimits = depth <= LIMITS.maxDepth && size <= LIMITS.maxExpandedChars;
  return { value, clean: noKeyRepeated(text, members, colonsInStrings), depth, withinLimits };
}

/**
 * Whether the text writes each member `JSON.parse` kept once (so no key is repeated). Without a
 * backslash in the text no string has an escape, so each string the value holds reads as written:
 * the text's colons are one per member written plus those inside strings written, and a repeated
 * key drops a member (and maybe strings) from the value, never adds one. So the colons in the
 * text number the members plus the colons in the value's strings exactly when none is repeated.
 * With escapes (`\u003a` is a colon) the text is scanned for its members instead.
 */
function noKeyRepeated(text: string, members: number, colonsInStrings: number): boolean {
  if (text.includes('\\')) return members === membersWritten(text);
  return colonsIn(text) === members + colonsInStrings;
}

function colonsIn(text: string): number {
  let count = 0;
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) count++;
  return count;
}

/** Two stacks side by side (no object per value walked), shared by every walk (each ends with them empty): no stack made per file. */
const walkedValues: unknown[] = [];
const walkedDepths: number[] = [];

/**
 * The members a parsed value holds, the colons in its strings (member names too), its depth
 * (containers inside each other), and its size as the limits count it (limits.ts: a string its
 * length and quotes, another literal 8, a member its name, quotes and colon, a container its
 * brackets), walked without recursion.
 */
function shapeOf(value: unknown): { members: number; colonsInStrings: number; depth: number; size: number } {
  let members = 0;
  let colonsInStrings = 0;
  let deepest = 0;
  let size = 0;
  const values = walkedValues;
  const depths = walkedDepths;
  values.push(value);
  depths.push(0);
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop()! + 1;
    if (typeof current === 'string') {
      size += current.length + 2;
      colonsInStrings += colonsIn(current);
      continue;
    }
    if (current === null || typeof current !== 'object') {
      size += 8;
      continue;
    }
    size += 2;
    if (depth > deepest) deepest = depth;
    if (Array.isArray(current))
      for (const item of current) {
        values.push(item);
        depths.push(depth);
      }
    else
      for (const key in current) {
        members++;
        size += key.length + 3;
        colonsInStrings += colonsIn(key);
        values.push((current as Record<string, unknown>)[key]);
        depths.push(depth);
      }
  }
  return { members, colonsInStrings, depth: deepest, size };
}

/** How often a text was scanned for its members, for tests that hold it to the texts that need it. */
export const memberScans = { count: 0 };

/**
 * The members written in strict JSON text: each member has one `:` after its name, and no other
 * `:` stands outside a string.
 */
function membersWritten(text: string): number {
  memberScans.count++;
  let count = 0;
  let from = 0;
  for (;;) {
    const quote = text.indexOf('"', from);
    const stop = quote < 0 ? text.length : quote;
    for (let colon = text.indexOf(':', from); colon >= 0 && colon < stop; colon = text.indexOf(':', colon + 1)) count++;
    if (quote < 0) return count;
    from = closingQuote(text, quote) + 1;
  }
}

/**
 * Collects syntax problems, comments and duplicate keys in one scan, as `--cli-input-json` and
 * any JSON parameter value are read (strict JSON); returns the syntax count. `lineOf` gives the
 * 1-based line a message names for an offset of `text` (a value inside a command line names the
 * file's line, not the value's).
 */
export function scanJson(text: string, problems: ParseProblem[], lineOf: (offset: number) => number = linesOf(text)): number {
  positionalParses.scans++;
  let syntaxCount = 0;
  let lastTokenEnd = 0;
  let lastInvalidSymbolEnd = -1;
  const reportedOffsets = new Set<number>();
  /** Per open object, where each key was first written. */
  const keyStack: Array<Map<string, number>> = [];

  const add = (problem: ParseProblem): void => {
    if (problem.ruleId === RESERVED_RULE_IDS.syntax) {
      if (reportedOffsets.has(problem.offset)) return;
      reportedOffsets.add(problem.offset);
      syntaxCount++;
    }
    problems.push(problem);
  };
  // The visitor's path where it is now (its suppliers read the parser's live path): asking
  // jsonc.getLocation per problem would rescan the text from the start each time.
  let livePath: () => jsonc.JSONPath = () => [];
  const path = (supplier: () => jsonc.JSONPath) => void (livePath = supplier);
  const pathAt = (): string => toJsonPointer(livePath());
  // Between two members or items the live path names the container; a missing comma belongs to
  // what follows it (the next member by name, the next item by index), as getLocation says.
  const containers: Array<'object' | 'array'> = [];
  const nextPathAt = (found: string): string => {
    const current = livePath();
    if (containers.at(-1) === 'array' && typeof current.at(-1) === 'number' && !/^[\]}]/.test(found))
      return toJsonPointer([...current.slice(0, -1), (current.at(-1) as number) + 1]);
    if (containers.at(-1) === 'object' && found.startsWith('"')) {
      try {
        return toJsonPointer([...current, JSON.parse(found) as string]);
      } catch {
        return toJsonPointer(current);
      }
    }
    return toJsonPointer(current);
  };

  jsonc.visit(
    text,
    {
      onObjectBegin: (_offset, _length, _line, _character, pathSupplier) => {
        path(pathSupplier);
        keyStack.push(new Map());
        containers.push('object');
      },
      onArrayBegin: (_offset, _length, _line, _character, pathSupplier) => {
        path(pathSupplier);
        containers.push('array');
      },
      onObjectEnd: (offset, length) => {
        keyStack.pop();
        containers.pop();
        lastTokenEnd = offset + length;
      },
      onArrayEnd: (offset, length) => {
        containers.pop();
        lastTokenEnd = offset + length;
      },
      onLiteralValue: (_value, offset, length, _line, _character, pathSupplier) => {
        path(pathSupplier);
        lastTokenEnd = offset + length;
      },
      onSeparator: (_char, offset) => void (lastTokenEnd = offset + 1),
      onObjectProperty: (name, offset, length, _startLine, _startCharacter, pathSupplier) => {
        path(pathSupplier);
        lastTokenEnd = offset + length;
        const keys = keyStack[keyStack.length - 1];
        if (!keys) return;
        const earlier = keys.get(name);
        if (earlier !== undefined) {
          const where = toJsonPointer([...pathSupplier(), name]);
          problems.push({
            ruleId: RESERVED_RULE_IDS.duplicateKey,
            message: `Duplicate key "${name}" (first on line ${lineOf(earlier)}); the AWS CLI silently keeps only the last value. Remove one of them.`,
            offset,
            length,
            path: where,
          });
        }
        keys.set(name, offset);
      },
      onComment: (offset, length) => {
        add({
          ruleId: RESERVED_RULE_IDS.syntax,
          message: 'Comments are not allowed in JSON; the AWS CLI rejects the file ("Invalid JSON received"). Remove the comment.',
          offset,
          length,
          path: pathAt(),
          fix: [{ offset, length, text: '' }],
        });
      },
      onError: (code, offset, length) => {
        const found = text.slice(offset, offset + length);
        const where = pathAt();
        switch (code as number) {
          case ParseErrorCode.InvalidSymbol:
            lastInvalidSymbolEnd = offset + length;
            add({
              ruleId: RESERVED_RULE_IDS.syntax,
              message: NON_FINITE.has(found)
                ? `\`${found}\` is not JSON, and the AWS API takes only finite numbers. Replace it with a number.`
                : `Unexpected \`${truncate(found)}\`: not valid JSON here${found.startsWith("'") ? ' (JSON strings use double quotes)' : ''}.`,
              offset,
              length,
              path: where,
            });
            return;
          case ParseErrorCode.PropertyNameExpected:
          case ParseErrorCode.ValueExpected: {
            const before = previousNonSpace(text, offset);
            if (before >= 0 && text[before] === ',' && (found === '}' || found === ']')) {
              add({
                ruleId: RESERVED_RULE_IDS.syntax,
                message: `Trailing comma before \`${found}\`; JSON does not allow it and the AWS CLI rejects the file. Remove the comma.`,
                offset: before,
                length: 1,
                path: where,
                fix: [{ offset: before, length: 1, text: '' }],
              });
              // The parser reports the same spot again as the other code: one report is enough.
              reportedOffsets.add(offset);
              return;
            }
            if (lastInvalidSymbolEnd >= 0 && previousNonSpace(text, offset) < lastInvalidSymbolEnd) return;
            add({
              ruleId: RESERVED_RULE_IDS.syntax,
              message:
                code === ParseErrorCode.ValueExpected
                  ? `Expected a value${found ? `, found \`${truncate(found)}\`` : ' before the end of the file'}.`
                  : `Expected a member name in double quotes${found ? `, found \`${truncate(found)}\`` : ''}.`,
              offset,
              length,
              path: where,
            });
            return;
          }
          case ParseErrorCode.CommaExpected:
            add({
              ruleId: RESERVED_RULE_IDS.syntax,
              message: `Missing comma before \`${truncate(found)}\`; JSON needs a comma between members and between list items.`,
              offset,
              length,
              path: nextPathAt(found),
              fix: [{ offset: lastTokenEnd, length: 0, text: ',' }],
            });
            return;
          default:
            add({
              ruleId: RESERVED_RULE_IDS.syntax,
              message: SYNTAX_MESSAGES[code] ?? `Invalid JSON (${jsonc.printParseErrorCode(code)}).`,
              offset,
              length,
              path: where,
            });
        }
      },
    },
    { disallowComments: false, allowTrailingComma: false },
  );
  return syntaxCount;
}

const SYNTAX_MESSAGES: Partial<Record<number, string>> = {
  [ParseErrorCode.InvalidNumberFormat]: 'Invalid number: JSON numbers have no leading zeros, plus sign or trailing dot.',
  [ParseErrorCode.ColonExpected]: 'Expected `:` after the member name.',
  [ParseErrorCode.CloseBraceExpected]: 'Missing `}`: an object is not closed.',
  [ParseErrorCode.CloseBracketExpected]: 'Missing `]`: a list is not closed.',
  [ParseErrorCode.EndOfFileExpected]: 'Unexpected content after the end of the request object.',
  [ParseErrorCode.UnexpectedEndOfComment]: 'Unterminated comment (and JSON allows no comments).',
  [ParseErrorCode.UnexpectedEndOfString]: 'Unterminated string: a closing `"` is missing.',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'Unterminated number.',
  [ParseErrorCode.InvalidUnicode]: 'Invalid \\u escape: it needs four hex digits.',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Invalid escape in a string: JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX.',
  [ParseErrorCode.InvalidCharacter]: 'A control character (such as a raw tab or line break) inside a string: escape it (\\t, \\n).',
};

function previousNonSpace(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i;
}

function truncate(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The 1-based line of an offset of `text`, its lines indexed when first asked. */
export function linesOf(text: string): (offset: number) => number {
  let index: LineIndex | undefined;
  return (offset) => (index ??= new LineIndex(text)).position(offset).line;
}
