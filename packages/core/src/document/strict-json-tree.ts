import type jsonc from 'jsonc-parser';
import { closingQuote, skipSpace } from './json-locate.js';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = '\\';

/**
 * The tree jsonc-parser's `parseTree` builds (every value's, member's and name's offset and
 * length), for text that `JSON.parse` read as `value`: walked from the text with the parsed value
 * beside it, strings skipped by `indexOf`, no scanner and no visitor. Undefined when the text
 * repeats a key (an object holds fewer members than it writes) or nests deeper than `maxDepth`:
 * those take the positional parse, which reports them.
 */
export function strictJsonTree(text: string, value: unknown, maxDepth: number): jsonc.Node | undefined {
  let at = skipSpace(text, 0);

  const read = (value: unknown, depth: number): jsonc.Node | undefined => {
    const start = at;
    const first = text.charCodeAt(at);
    if (first === QUOTE) {
      at = closingQuote(text, at) + 1;
      return { type: 'string', value, offset: start, length: at - start };
    }
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      if (depth >= maxDepth) return undefined;
      const children: jsonc.Node[] = [];
      at = skipSpace(text, at + 1);
      if (first === OPEN_BRACE) {
        const object = value as Record<string, unknown>;
        while (text.charCodeAt(at) === QUOTE) {
          const keyStart = at;
          const keyEnd = closingQuote(text, keyStart) + 1;
          const written = text.slice(keyStart + 1, keyEnd - 1);
          const name = written.includes(BACKSLASH) ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : written;
          const colon = skipSpace(text, keyEnd);
          at = skipSpace(text, colon + 1);
          const member = read(object[name], depth + 1);
          if (!member) return undefined;
          const key: jsonc.Node = { type: 'string', value: name, offset: keyStart, length: keyEnd - keyStart };
          children.push({ type: 'property', offset: keyStart, length: at - keyStart, colonOffset: colon, children: [key, member] });
          at = afterComma(text, at);
        }
        if (children.length !== memberCount(object)) return undefined;
      } else {
        const list = value as unknown[];
        for (let index = 0; index < list.length; index++) {
          const item = read(list[index], depth + 1);
          if (!item) return undefined;
          children.push(item);
          at = afterComma(text, at);
        }
      }
      // At the closing bracket.
      at++;
      return { type: first === OPEN_BRACE ? 'object' : 'array', offset: start, length: at - start, children };
    }
    // A number, true, false or null: up to the next delimiter.
    while (at < text.length && !ENDS_LITERAL.has(text.charCodeAt(at))) at++;
    const type = value === null ? 'null' : typeof value === 'number' ? 'number' : 'boolean';
    return { type, value, offset: start, length: at - start };
  };

  return read(value, 0);
}

const ENDS_LITERAL = new Set([COMMA, 0x7d, 0x5d, 0x20, 0x09, 0x0a, 0x0d]);

/** Past the spaces after a value, and past its comma and the spaces after that when one follows. */
function afterComma(text: string, end: number): number {
  const after = skipSpace(text, end);
  return text.charCodeAt(after) === COMMA ? skipSpace(text, after + 1) : after;
}

/** The members `JSON.parse` made (a repeated key makes one). */
function memberCount(object: Record<string, unknown>): number {
  let count = 0;
  for (const name in object) if (Object.hasOwn(object, name)) count++;
  return count;
}
