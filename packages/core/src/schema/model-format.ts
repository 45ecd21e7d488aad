/**
 * Helpers that phrase model problems: paths and names as a person reads them, values shortened
 * for messages, the schema node at a path, the document order of a path.
 */
import type { JsonPath, Target } from '../diagnostic.js';
import { fromJsonPointer } from '../util/json-pointer.js';

export type { SchemaNode } from './schema-node.js';
import type { SchemaNode } from './schema-node.js';

/** Values longer than this (in characters) are cut in messages. */
export const MAX_SHOWN_CHARS = 40;

/** The schema that applies at a path, or undefined when the path leaves the schema. */
export function schemaAt(root: SchemaNode, path: JsonPath): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    node = childSchema(node, segment);
  }
  return node;
}

function childSchema(node: SchemaNode, segment: string | number): SchemaNode | undefined {
  if (node.type === 'array') return typeof segment === 'number' ? node.items : undefined;
  if (node.type === 'object') {
    const key = String(segment);
    if (node.properties && Object.prototype.hasOwnProperty.call(node.properties, key)) return node.properties[key];
    if (typeof node.additionalProperties === 'object') return node.additionalProperties;
  }
  return undefined;
}

/** Whether `path[index]` is a map key (a user-chosen name) rather than a member name. */
function isMapKey(root: SchemaNode, path: JsonPath, index: number): boolean {
  const parent = schemaAt(root, path.slice(0, index));
  if (!parent || parent.type !== 'object') return false;
  const key = String(path[index]);
  return !(parent.properties && key in parent.properties) && typeof parent.additionalProperties === 'object';
}

/** An ajv instancePath (JSON pointer) as a path, with list indexes as numbers. */
export function toPath(request: unknown, pointer: string): JsonPath {
  const out: Array<string | number> = [];
  let current: unknown = request;
  for (const segment of fromJsonPointer(pointer)) {
    if (Array.isArray(current) && /^(?:0|[1-9]\d*)$/.test(segment)) {
      const index = Number(segment);
      out.push(index);
      current = current[index];
    } else {
      out.push(segment);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `files[0].fileLocation.stream`; odd map keys as `attributes["a b"]`. */
export function displayPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * The name a message uses for the value at a path, in backticks: the last member name with what
 * follows it (`fileId`, `protocols[2]`, `attributes.myKey`); "The request" for the root.
 */
export function displayName(root: SchemaNode, path: JsonPath): string {
  if (path.length === 0) return 'The request';
  let start = -1;
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string' && !isMapKey(root, path, i)) {
      start = i;
      break;
    }
  }
  if (start < 0) start = 0;
  return '`' + displayPath(path.slice(start)) + '`';
}

/** For "quote it in YAML: <key>: "1.0"": the key as written before the value. */
export function hintKey(path: JsonPath): string {
  const last = path[path.length - 1];
  if (typeof last === 'number') return '- ';
  if (last === undefined) return '';
  return `${IDENTIFIER.test(last) ? last : JSON.stringify(last)}: `;
}

/** The text a YAML scalar should have once quoted. */
export function yamlScalarText(raw: string): string {
  return raw.trim();
}

/** A string for a message: JSON-quoted (so control characters show), cut after 40 characters. */
export function quote(text: string): string {
  const chars = [...text];
  return chars.length > MAX_SHOWN_CHARS ? JSON.stringify(chars.slice(0, MAX_SHOWN_CHARS).join('') + '…') : JSON.stringify(text);
}

/** A value as a message shows it. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (value instanceof Date) return 'a date';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return 'an object';
}

/** "a string", "a number", ... */
export function kindOf(value: unknown): string {
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (value instanceof Date) return 'a date';
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

/** A JSON Schema type name as a message says it. */
export function expectedType(type: string): string {
  switch (type) {
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'an object';
    case 'null':
      return 'null';
    default:
      return type;
  }
}

/** The model's pattern as written in the model (undo the anchoring the generator adds). */
export function displayPattern(pattern: string): string {
  const match = /^\^\(\?:([\s\S]*)\)\$$/.exec(pattern);
  return match ? match[1]! : pattern;
}

const PATTERN_HELP: Record<string, string> = {
  '[a-zA-Z0-9_-]+': 'letters, digits, _ and -',
  '[^\\p{C}]+': 'at least one character, and no control or format characters such as line breaks and tabs',
  '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$': 'letters, digits, spaces and _ . : / = + - @',
};

/** Plain words for the model's patterns, when known. */
export function patternHelp(shownPattern: string): string | undefined {
  return PATTERN_HELP[shownPattern];
}

/**
 * For a pattern that is one character class repeated (`[a-z]+`, `^([...]*)$`), the first
 * character of `value` outside the class: `" " (U+0020) at character 4`.
 */
export function firstDisallowed(pattern: string, value: string): string | undefined {
  const shown = displayPattern(pattern);
  const match = /^\^?\(?(\[(?:\\.|[^\\\]])+\])[+*]\)?\$?$/.exec(shown);
  if (!match) return undefined;
  let single: RegExp;
  try {
    single = new RegExp(`^${match[1]}$`, 'u');
  } catch {
    return undefined;
  }
  let index = 0;
  for (const char of value) {
    index++;
    if (!single.test(char)) {
      const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      return `${JSON.stringify(char)} (U+${code}) at character ${index}`;
    }
  }
  return undefined;
}

/**
 * Where a path sits in the document, as a list of positions (member order as read, list index);
 * a missing member sorts first inside its parent (where the report points).
 */
export function documentOrder(request: unknown, path: JsonPath, target: Target): number[] {
  const order: number[] = [];
  let current: unknown = request;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (Array.isArray(current) && typeof segment === 'number') {
      order.push(segment);
      current = current[segment];
    } else if (current !== null && typeof current === 'object') {
      const position = memberPositions(current).get(String(segment)) ?? -1;
      if (position < 0 || (target === 'parent' && i === path.length - 1)) {
        order.push(-1);
        break;
      }
      order.push(position);
      current = (current as Record<string, unknown>)[String(segment)];
    } else {
      break;
    }
  }
  return order;
}

const positions = new WeakMap<object, ReadonlyMap<string, number>>();

/** How many objects had their members' positions listed, for tests that hold it to requests with problems to order. */
export const positionLists = { built: 0 };

/**
 * An object's member names with their positions, as read, computed once per object: a request
 * with 20,000 unknown members is ordered and described in linear time, not 20,000 times over.
 */
export function memberPositions(object: object): ReadonlyMap<string, number> {
  let found = positions.get(object);
  if (!found) {
    positionLists.built++;
    found = new Map(Object.keys(object).map((key, index) => [key, index]));
    positions.set(object, found);
  }
  return found;
}
