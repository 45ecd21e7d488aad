import type { LocatedValue, ValueWriter } from '../located-value.js';

const IDENTIFIER = /^[A-Za-z_]\w*$/;

/**
 * Values and keys written as Python, in the quote style of what they replace. `bytesCall` is how
 * the module can decode base64 (`base64.b64decode`, or `b64decode` when imported by name), or
 * undefined when it imports neither: then a blob cannot be rewritten as bytes.
 */
export function pythonWriter(bytesCall: string | undefined): ValueWriter {
  return {
    value(value, node, text) {
      const written = literal(value, quoteOf(node, text));
      if (!node.writeAsBytes || typeof value !== 'string') return written;
      return bytesCall && written !== undefined ? `${bytesCall}(${written})` : undefined;
    },
    key(name, node, text) {
      const old = node.key && text.slice(node.key.offset, node.key.offset + node.key.length);
      // A keyword argument stays a keyword; a dict key stays a string.
      if (old !== undefined && IDENTIFIER.test(old)) return IDENTIFIER.test(name) ? name : undefined;
      return quote(name, old?.startsWith('"') ? '"' : "'");
    },
  };
}

function quoteOf(node: LocatedValue, text: string): '"' | "'" {
  return text[node.span.offset] === '"' ? '"' : "'";
}

function literal(value: unknown, style: '"' | "'"): string | undefined {
  if (typeof value === 'string') return quote(value, style);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return 'None';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (Array.isArray(value)) {
    const items = value.map((item) => literal(item, style));
    return items.every((item) => item !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if (typeof value === 'object') {
    const members = Object.entries(value).map(([key, item]) => [quote(key, style), literal(item, style)] as const);
    return members.every(([, item]) => item !== undefined) ? `{${members.map(([key, item]) => `${key}: ${item}`).join(', ')}}` : undefined;
  }
  return undefined;
}

/** A Python string literal: JSON's escapes are Python's too (\uXXXX included). */
function quote(value: string, style: '"' | "'"): string {
  const json = JSON.stringify(value);
  if (style === '"') return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
