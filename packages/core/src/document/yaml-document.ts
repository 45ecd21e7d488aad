import type { Alias, Document, Node as YamlNode, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { JsonPath, Target, TextEdit, ValueEdit } from '../diagnostic.js';
import { RESERVED_RULE_IDS } from '../diagnostic.js';
import { LineIndex } from './line-index.js';
import { readDisableComments, type DisableComment } from '../suppressions/comments.js';
import { sourceTextFrom } from './request-text.js';
import type { ParseProblem, RequestDocument, SourceDocument, Span } from './types.js';
import { yaml } from '../util/lazy-yaml.js';
import { yamlConversionMessage, yamlProblemMessage } from './yaml-messages.js';
import { limitProblem, problemDocument } from './guarded-read.js';
import { LIMITS, depthBreach } from './limits.js';

const isMap = (node: unknown): node is YAMLMap<unknown, unknown> => yaml().isMap(node);
const isPair = (node: unknown): node is Pair<unknown, unknown> => yaml().isPair(node);
const isScalar = (node: unknown): node is Scalar<unknown> => yaml().isScalar(node);
const isSeq = (node: unknown): node is YAMLSeq<unknown> => yaml().isSeq(node);

type Located = { node: YamlNode | null; pair?: Pair<unknown, unknown>; complete: boolean };

/**
 * Reads a request as `--cli-input-yaml` does (AWS CLI v2): YAML 1.2 core schema, duplicate keys
 * rejected. Unquoted dates are read as dates (the CLI's loader does the same), so the model
 * check can say to quote them where a string is wanted.
 */
export function readYamlDocument(filePath: string, text: string): SourceDocument {
  const doc: Document.Parsed = yaml().parseDocument(text, {
    uniqueKeys: true,
    prettyErrors: false,
    // `!!binary` is how --cli-input-yaml (and `aws ... --generate-cli-skeleton yaml-input`) writes blobs.
    customTags: ['timestamp', 'binary'],
    keepSourceTokens: false,
    // A collection used as a key would print a process warning; the model check reports the key.
    logLevel: 'error',
  });
  // The parser catches its own stack overflow on deep nesting and reports it as an error.
  // Turning a deep tree into values costs more than linear (collections as keys are stringified at
  // every level): check the depth on the syntax tree first.
  if (doc.errors.some((error) => /call stack/i.test(error.message)) || nestsDeeperThan(doc.contents, LIMITS.maxDepth)) {
    return problemDocument(filePath, 'yaml', text, [limitProblem(depthBreach())]);
  }
  const problems: ParseProblem[] = [];
  let keys: Map<number, [number, number]> | undefined;
  for (const error of doc.errors) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    // The parser marks only the first character of a duplicate key: widen it to the whole key.
    const [start, end] = (duplicate && (keys ??= keyRanges(doc)).get(error.pos[0])) || error.pos;
    problems.push({
      ruleId: duplicate ? RESERVED_RULE_IDS.duplicateKey : RESERVED_RULE_IDS.syntax,
      message: duplicate
        ? `Duplicate key "${text.slice(start, end)}"; the AWS CLI rejects YAML with duplicate keys. Remove one of them.`
        : yamlProblemMessage(error, text),
      offset: start,
      length: Math.max(0, end - start),
      path: '',
    });
  }

  for (const warning of doc.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    const [start, end] = warning.pos;
    problems.push({
      ruleId: RESERVED_RULE_IDS.syntax,
      message: yamlProblemMessage(warning, text),
      offset: start,
      length: Math.max(0, end - start),
      path: '',
    });
  }

  let value: unknown;
  try {
    value = blobsAsBase64(doc.toJS({ maxAliasCount: LIMITS.maxYamlAliases }));
  } catch (error) {
    if (isAliasLimit(error)) {
      problems.push({
        ruleId: RESERVED_RULE_IDS.limit,
        message: `The YAML resolves aliases (\`*name\`) more than ${LIMITS.maxYamlAliases} times over, past otalint's alias-expansion limit (maxAliasCount, a guard against "billion laughs" files); it was not checked. Write the values out, or use fewer aliases.`,
        offset: 0,
        length: 0,
        path: '',
      });
    } else {
      const alias = unresolvedAlias(doc);
      problems.push({
        ruleId: RESERVED_RULE_IDS.syntax,
        message: yamlConversionMessage(error, alias?.source),
        offset: alias?.range?.[0] ?? 0,
        length: alias?.range ? alias.range[1] - alias.range[0] : 0,
        path: '',
      });
    }
  }

  const root = doc.contents;
  if (value !== undefined && value !== null && !isMap(root)) {
    problems.push({
      ruleId: RESERVED_RULE_IDS.syntax,
      message: 'The request must be a YAML mapping (key: value pairs) at the top level; the AWS CLI rejects anything else.',
      offset: root?.range?.[0] ?? 0,
      length: root?.range ? root.range[1] - root.range[0] : 0,
      path: '',
    });
  } else if (value === null || value === undefined) {
    if (problems.length === 0) {
      problems.push({
        ruleId: RESERVED_RULE_IDS.syntax,
        message: 'The file is empty: a request needs at least otaUpdateId, targets, files and roleArn.',
        offset: 0,
        length: 0,
        path: '',
      });
    }
    value = undefined;
  }

  const spanOf = (node: YamlNode | null | undefined): Span => {
    const range = node?.range;
    if (!range) return { offset: 0, length: 0 };
    return { offset: range[0], length: range[1] - range[0] };
  };
  const locate = (path: JsonPath, target: Target): Span => {
    const wanted = target === 'parent' ? path.slice(0, -1) : path;
    const found = find(root, wanted);
    if (found.complete && target === 'key' && found.pair && isScalar(found.pair.key)) {
      return spanOf(found.pair.key);
    }
    return spanOf(found.node ?? root);
  };
  const request: RequestDocument = {
    index: 0,
    value,
    format: 'yaml',
    problems: [],
    span: { offset: 0, length: text.length },
    hasUnknowns: false,
    locate,
    textEdits(edit: ValueEdit): TextEdit[] | undefined {
      const found = find(root, edit.path);
      if (!found.complete || !found.node?.range) return undefined;
      switch (edit.kind) {
        case 'replace':
          if (!isScalar(found.node)) return undefined;
          return [{ ...spanOf(found.node), text: yamlScalar(edit.value, found.node.type) }];
        case 'rename-key':
          if (!found.pair || !isScalar(found.pair.key)) return undefined;
          return [{ ...spanOf(found.pair.key), text: yamlScalar(edit.to, found.pair.key.type) }];
        case 'remove':
          return removal(text, root, edit.path, found);
      }
    },
    sourceText: (path) => sourceTextFrom(text, locate, path),
  };

  let lines: LineIndex | undefined;
  let comments: readonly DisableComment[] | undefined;
  return {
    filePath,
    kind: 'yaml',
    text,
    problems,
    requests: [request],
    range(span: Span) {
      lines ??= new LineIndex(text);
      return lines.range(span.offset, span.length);
    },
    disableComments: () => (comments ??= readDisableComments(text)),
  };
}

/** YAML parse errors in our words; the library's text only where it already reads well. */
/** The first alias that names no anchor defined before it, if any (what makes `toJS` throw). */
function unresolvedAlias(doc: Document.Parsed): Alias | undefined {
  let found: Alias | undefined;
  yaml().visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        found = alias;
        return yaml().visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The CLI reads `!!binary` as the blob's bytes and sends them base64-encoded: the same text a
 * JSON request holds for the blob. So the request value carries that base64 string at the
 * model's one blob member, and the signature rules check its bytes as they check a JSON
 * request's. Binary anywhere else stays bytes, which the model check reports as a wrong type.
 */
function blobsAsBase64(value: unknown): unknown {
  const files = (value as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) return value;
  for (const file of files) {
    const signature = (file as { codeSigning?: { customCodeSigning?: { signature?: Record<string, unknown> } } } | null)?.codeSigning?.customCodeSigning
      ?.signature;
    if (signature && typeof signature === 'object' && signature.inlineDocument instanceof Uint8Array) {
      signature.inlineDocument = Buffer.from(signature.inlineDocument).toString('base64');
    }
  }
  return value;
}

/** Whether collections (keys included) nest deeper than `limit` in the syntax tree, walked without recursion. */
function nestsDeeperThan(root: unknown, limit: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth >= limit) return true;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return false;
}

/** The yaml package's guard against alias expansion ("Excessive alias count ..."). */
function isAliasLimit(error: unknown): boolean {
  return error instanceof ReferenceError && /alias count|resource exhaustion/i.test(error.message);
}

/** Where each scalar key starts and ends, by its start: one walk for all duplicate-key errors. */
function keyRanges(doc: Document.Parsed): Map<number, [number, number]> {
  const ranges = new Map<number, [number, number]>();
  yaml().visit(doc, {
    Pair(_, pair) {
      const range = isScalar(pair.key) ? pair.key.range : undefined;
      if (range) ranges.set(range[0], [range[0], range[1]]);
    },
  });
  return ranges;
}

function find(root: YamlNode | null, path: JsonPath): Located {
  let node: YamlNode | null = root;
  let pair: Pair<unknown, unknown> | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      pair = pairsOf(node).get(String(segment));
      if (!pair) return { node, complete: false };
      node = (pair.value as YamlNode | null) ?? null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined || isPair(item)) return { node, complete: false };
      node = item as YamlNode;
      pair = undefined;
    } else {
      return { node, complete: false };
    }
  }
  return pair ? { node, pair, complete: true } : { node, complete: true };
}

/** A mapping's pairs by key, built once per mapping, so locating is linear in the file (first pair wins). */
const pairIndex = new WeakMap<YAMLMap<unknown, unknown>, Map<string, Pair<unknown, unknown>>>();
function pairsOf(map: YAMLMap<unknown, unknown>): Map<string, Pair<unknown, unknown>> {
  let byKey = pairIndex.get(map);
  if (!byKey) {
    byKey = new Map();
    for (const item of map.items) {
      if (!isScalar(item.key)) continue;
      const key = String(item.key.value);
      if (!byKey.has(key)) byKey.set(key, item);
    }
    pairIndex.set(map, byKey);
  }
  return byKey;
}

/**
 * A string in YAML syntax, in the style the replaced scalar had: plain stays plain when the new
 * text reads back as the same string, single quotes stay single; otherwise double quotes (which
 * are JSON strings, so JSON.stringify is exact). Other values are written as JSON scalars.
 */
function yamlScalar(value: unknown, style?: Scalar.Type): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style !== 'QUOTE_DOUBLE' && readsBackAsPlain(value)) return value;
  return JSON.stringify(value);
}

/** Plain words that YAML 1.1 loaders read as booleans or null: quoted, for every reader. */
const YAML_1_1_SCALARS = /^(?:y|yes|n|no|on|off|true|false|null|~)$/i;

function readsBackAsPlain(value: string): boolean {
  if (value === '' || /[\n,[\]{}]/.test(value) || value !== value.trim() || YAML_1_1_SCALARS.test(value)) return false;
  const probe = yaml().parseDocument(value, { customTags: ['timestamp'] });
  return probe.errors.length === 0 && isScalar(probe.contents) && probe.contents.type === 'PLAIN' && probe.contents.value === value;
}

/**
 * Remove a list item or a mapping member. Flow collections: the item (or `key: value`) and one
 * comma. Block collections: the whole lines it spans, when nothing else shares them.
 */
function removal(text: string, root: YamlNode | null, path: JsonPath, found: Located): TextEdit[] | undefined {
  const parent = find(root, path.slice(0, -1)).node;
  let start: number;
  let end: number;
  if (isSeq(parent) && found.node?.range) {
    [start, end] = found.node.range;
  } else if (isMap(parent) && found.pair && isScalar(found.pair.key) && found.pair.key.range) {
    start = found.pair.key.range[0];
    end = found.node?.range?.[1] ?? found.pair.key.range[1];
  } else {
    return undefined;
  }
  if (parent.flow) {
    const after = text.slice(end).match(/^\s*,\s*/);
    if (after) return [{ offset: start, length: end - start + after[0].length, text: '' }];
    const before = text.slice(0, start).match(/,\s*$/);
    if (before) return [{ offset: start - before[0].length, length: end - start + before[0].length, text: '' }];
    return [{ offset: start, length: end - start, text: '' }];
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lastChar = Math.max(start, end - 1);
  const nextNewline = text.indexOf('\n', lastChar);
  const lineEnd = nextNewline === -1 ? text.length : nextNewline + 1;
  // A member that opens a list item (`- key: v`) shares its line with the dash: leave it to a person.
  const lead = isSeq(parent) ? /^\s*-\s*$/ : /^\s*$/;
  if (!lead.test(text.slice(lineStart, start))) return undefined;
  if (text.slice(end, lineEnd).trim() !== '' && !text.slice(end, lineEnd).trim().startsWith('#')) return undefined;
  return [{ offset: lineStart, length: lineEnd - lineStart, text: '' }];
}
