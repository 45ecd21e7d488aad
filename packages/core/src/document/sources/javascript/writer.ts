import type { LocatedValue, ValueWriter } from '../located-value.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Values and member names written as JavaScript, in the quote style of what they replace. */
export const javascriptWriter: ValueWriter = {
  value(value, node, text) {
    const written = literal(value, quoteOf(node, text));
    return node.writeAsBytes && typeof value === 'string' ? `Buffer.from(${written}, 'base64')` : written;
  },
  key(name, node, text) {
    const old = node.key && text.slice(node.key.offset, node.key.offset + node.key.length);
    if (old !== undefined && IDENTIFIER.test(old) && IDENTIFIER.test(name)) return name;
    return quote(name, old?.startsWith('"') ? '"' : "'");
  },
};

function quoteOf(node: LocatedValue, text: string): '"' | "'" {
  return text[node.span.offset] === '"' ? '"' : "'";
}

function literal(value: unknown, style: '"' | "'"): string | undefined {
  if (typeof value === 'string') return quote(value, style);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (Array.isArray(value) || (value !== null && typeof value === 'object')) return JSON.stringify(value);
  return undefined;
}

/** A string literal: JSON's escapes, with the quote character swapped when single-quoted. */
function quote(value: string, style: '"' | "'"): string {
  const json = JSON.stringify(value);
  if (style === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
