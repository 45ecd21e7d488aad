import type { JsonPath, Target, TextEdit, ValueEdit } from '../../diagnostic.js';
import { containsUnknown } from '../../value/unknown.js';
import { sourceTextFrom } from '../request-text.js';
import type { BlobInput, ParseProblem, RequestDocument, Span, ValueSyntax } from '../types.js';

/**
 * A request value read from code, with where each part is written: the value's span, the
 * member's key and whole member (for renames and removals), and the spans of every member or
 * item of a container (spreads too), so a removal can take the separator next to it.
 */
export interface LocatedValue {
  readonly value: unknown;
  readonly span: Span;
  readonly key?: Span;
  /** The whole member (`key: value`, `key=value`) or list item. */
  readonly member?: Span;
  /** Members by name or index; absent for scalars and unknown values. */
  readonly children?: ReadonlyMap<string | number, LocatedValue>;
  /** Every member or item of the container as written, in order, including spreads. */
  readonly memberSpans?: readonly Span[];
  /** For a blob member: how the SDK was given it (see `BlobInput`). */
  readonly blob?: BlobInput;
  /** A new value here must be written as bytes (`Buffer.from(b64, 'base64')`), not as text. */
  readonly writeAsBytes?: boolean;
}

/** How a language writes values, for fixes. Undefined: the edit cannot be written safely. */
export interface ValueWriter {
  /** The text of a new value in place of `node` (keeping its quote style where it can). */
  value(value: unknown, node: LocatedValue, text: string): string | undefined;
  /** The text of a new member name in place of `node`'s key. */
  key(name: string, node: LocatedValue, text: string): string | undefined;
}

/** The deepest node along a path, and whether the whole path was found. */
export function findLocated(root: LocatedValue, path: JsonPath): { node: LocatedValue; complete: boolean } {
  let node = root;
  for (const segment of path) {
    const next = node.children?.get(segment) ?? (typeof segment === 'number' ? undefined : node.children?.get(Number(segment)));
    if (!next) return { node, complete: false };
    node = next;
  }
  return { node, complete: true };
}

export interface CodeRequestInit {
  readonly index: number;
  readonly root: LocatedValue;
  readonly format: ValueSyntax;
  /** Where the request is written: the call, the command, the declaration. */
  readonly span: Span;
  readonly text: string;
  readonly writer: ValueWriter;
  readonly problems?: readonly ParseProblem[];
}

/** A request read from code: one value tree with spans, and fixes in the language's syntax. */
export function codeRequest(init: CodeRequestInit): RequestDocument {
  const { root, text, writer } = init;
  const locate = (path: JsonPath, target: Target): Span => {
    const wanted = target === 'parent' ? path.slice(0, -1) : path;
    const { node, complete } = findLocated(root, wanted);
    if (complete && target === 'key' && node.key) return node.key;
    return node.span;
  };
  return {
    index: init.index,
    value: root.value,
    format: init.format,
    problems: init.problems ?? [],
    span: init.span,
    hasUnknowns: containsUnknown(root.value),
    locate,
    sourceText: (path) => sourceTextFrom(text, locate, path),
    blobInput: (path) => {
      const { node, complete } = findLocated(root, path);
      return complete ? node.blob : undefined;
    },
    textEdits(edit: ValueEdit): TextEdit[] | undefined {
      const { node, complete } = findLocated(root, edit.path);
      if (!complete) return undefined;
      switch (edit.kind) {
        case 'replace': {
          const written = writer.value(edit.value, node, text);
          return written === undefined ? undefined : [{ ...node.span, text: written }];
        }
        case 'rename-key': {
          const written = node.key && writer.key(edit.to, node, text);
          return node.key && written !== undefined ? [{ ...node.key, text: written }] : undefined;
        }
        case 'remove': {
          const parent = findLocated(root, edit.path.slice(0, -1)).node;
          return node.member && parent.memberSpans ? removal(node.member, parent.memberSpans, text) : undefined;
        }
      }
    },
  };
}

/**
 * Remove a member or item with the comma next to it: up to the next sibling when there is one,
 * else back from the previous one, else the member alone (a trailing comma stays valid).
 */
function removal(member: Span, siblings: readonly Span[], text: string): TextEdit[] | undefined {
  const index = siblings.findIndex((s) => s.offset === member.offset && s.length === member.length);
  if (index === -1) return undefined;
  const next = siblings[index + 1];
  const previous = siblings[index - 1];
  if (next) return [{ offset: member.offset, length: next.offset - member.offset, text: '' }];
  if (previous) {
    const start = previous.offset + previous.length;
    return [{ offset: start, length: member.offset + member.length - start, text: '' }];
  }
  const after = /^\s*,/.exec(text.slice(member.offset + member.length));
  return [{ offset: member.offset, length: member.length + (after?.[0].length ?? 0), text: '' }];
}
