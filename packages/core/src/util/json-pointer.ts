import type { JsonPath } from '../diagnostic.js';

/** RFC 6901: encode a path as a JSON pointer. */
export function toJsonPointer(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    const text = String(segment);
    out += '/' + (text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text);
  }
  return out;
}

/** RFC 6901: decode a JSON pointer. Numeric segments stay strings; callers index by value. */
export function fromJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  const segments = pointer.slice(1).split('/');
  return pointer.includes('~') ? segments.map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~')) : segments;
}

/** Read the value at a path, or undefined when any step is missing. */
export function getAtPath(root: unknown, path: JsonPath): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}
