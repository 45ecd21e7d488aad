// A policy's `given`: a JSON pointer into the request where a segment `*` stands for every member
// of an object or every item of a list at that level (`/files/*/codeSigning`); "" is the request.
import type { JsonPath } from '../diagnostic.js';
import { MODEL_SCHEMA } from '../schema/model-check.js';
import { displayPath, expectedType, type SchemaNode } from '../schema/model-format.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { isUnknown } from '../value/unknown.js';
import { joinWords } from '../util/words.js';

export const WILDCARD = '*';

export interface GivenMatch {
  readonly path: JsonPath;
  readonly value: unknown;
}

const LIST_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * The segments of a `given`, checked against the request's shape (the AWS API model), so a typo
 * cannot turn a policy into one that never applies. Returns a problem sentence instead when wrong.
 */
export function parseGiven(given: unknown): { segments: string[] } | { problem: string } {
  if (typeof given !== 'string' || (given !== '' && !given.startsWith('/'))) {
    return { problem: `must be a JSON pointer into the request such as "/files/*/codeSigning" ("" for the whole request), got ${JSON.stringify(given)}.` };
  }
  if (given === '') return { segments: [] };
  const raw = given.slice(1).split('/');
  const stray = raw.find((segment) => /~(?![01])/.test(segment));
  if (stray !== undefined) return { problem: `"${given}" has a "~" that is not an escape: write ~0 for "~" and ~1 for "/" in a member name.` };
  const segments = raw.map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));

  let nodes: SchemaNode[] = [MODEL_SCHEMA];
  for (const [index, segment] of segments.entries()) {
    const where = index === 0 ? 'the request' : `\`${displayPath(segments.slice(0, index))}\``;
    const next: SchemaNode[] = [];
    for (const node of nodes) next.push(...children(node, segment));
    if (next.length === 0) return { problem: `"${given}" leaves the request at "${segment}": ${whyNot(nodes, segment, where, segments.slice(0, index))}` };
    nodes = next;
  }
  return { segments };
}

function children(node: SchemaNode, segment: string): SchemaNode[] {
  if (node.type === 'array') return node.items && (segment === WILDCARD || LIST_INDEX.test(segment)) ? [node.items] : [];
  if (node.type !== 'object') return [];
  if (segment === WILDCARD)
    return [...Object.values(node.properties ?? {}), ...(typeof node.additionalProperties === 'object' ? [node.additionalProperties] : [])];
  if (node.properties && Object.hasOwn(node.properties, segment)) return [node.properties[segment]!];
  return typeof node.additionalProperties === 'object' ? [node.additionalProperties] : [];
}

function whyNot(nodes: readonly SchemaNode[], segment: string, where: string, before: readonly string[]): string {
  if (nodes.some((node) => node.type === 'array')) {
    return `${where} is a list: name an item by its index, or every item with * ("/${[...before, WILDCARD].join('/')}").`;
  }
  const members = nodes.flatMap((node) => (node.type === 'object' ? Object.keys(node.properties ?? {}) : []));
  if (members.length === 0) return `${where} is ${[...new Set(nodes.map((node) => expectedType(node.type ?? 'value')))].join(' or ')}, which has no members.`;
  const hint = closest(segment, members);
  return `${where} has no member "${segment}"${hint ? didYouMean(hint, 'clause') : `; its members are ${joinWords([...new Set(members)])}.`}`;
}

/** The values a `given` selects in a request. Nothing is selected through an unknown value. */
export function matchGiven(request: unknown, segments: readonly string[]): GivenMatch[] {
  let matches: GivenMatch[] = [{ path: [], value: request }];
  for (const segment of segments) {
    const next: GivenMatch[] = [];
    for (const { path, value } of matches) {
      if (value === null || typeof value !== 'object' || isUnknown(value)) continue;
      if (Array.isArray(value)) {
        if (segment === WILDCARD) value.forEach((item, index) => next.push({ path: [...path, index], value: item }));
        else if (LIST_INDEX.test(segment) && Number(segment) < value.length) next.push({ path: [...path, Number(segment)], value: value[Number(segment)] });
      } else if (segment === WILDCARD) {
        for (const [key, member] of Object.entries(value)) next.push({ path: [...path, key], value: member });
      } else if (Object.hasOwn(value, segment)) {
        next.push({ path: [...path, segment], value: (value as Record<string, unknown>)[segment] });
      }
    }
    matches = next;
  }
  return matches;
}
