/**
 * Python string and bytes literals, decoded as CPython does: prefixes (r, b, u, f and their
 * pairs), single, double and triple quotes, and the escapes of str and bytes. An escape CPython
 * would reject, or `\N{...}` (which needs the Unicode name table), makes the literal undecodable.
 */
export type PythonLiteral = { readonly kind: 'str' | 'bytes'; readonly value: string | Uint8Array } | undefined;

const LITERAL = /^([rRbBuUfF]{0,2})('''|"""|'|")([\s\S]*)\2$/;
const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * Whether an f-string literal has a replacement field: a `{` that is not `{{` (braces are never
 * escaped by a backslash in an f-string). A literal without an `f` prefix has none.
 */
export function hasReplacementField(source: string): boolean {
  const match = LITERAL.exec(source);
  if (!match || !/[fF]/.test(match[1]!)) return false;
  const body = match[3]!;
  for (let i = body.indexOf('{'); i !== -1; i = body.indexOf('{', i + 2)) if (body[i + 1] !== '{') return true;
  return false;
}

export function decodePythonString(source: string): PythonLiteral {
  const match = LITERAL.exec(source);
  if (!match) return undefined;
  const prefix = match[1]!.toLowerCase();
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  let body = match[3]!;
  if (prefix.includes('f')) {
    // Only an f-string without replacement fields reaches here; `{{` and `}}` are braces.
    body = body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  }
  // Without escapes a str is its body as written (the common case, decoded without a copy).
  if (!bytes && (raw || !body.includes('\\'))) return { kind: 'str', value: body };
  const codes = raw ? [...body].map((ch) => ch.codePointAt(0)!) : unescape(body, bytes);
  if (!codes) return undefined;
  if (bytes) return codes.every((c) => c < 256) ? { kind: 'bytes', value: Uint8Array.from(codes) } : undefined;
  return { kind: 'str', value: String.fromCodePoint(...codes) };
}

function unescape(body: string, bytes: boolean): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      const code = body.codePointAt(i)!;
      if (code > 0xffff) i++;
      out.push(code);
      continue;
    }
    const next = body[++i];
    if (next === undefined) return undefined;
    if (next === '\n') continue;
    if (next === '\r') {
      if (body[i + 1] === '\n') i++;
      continue;
    }
    if (next in SIMPLE) {
      out.push(SIMPLE[next]!.charCodeAt(0));
      continue;
    }
    if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out.push(parseInt(digits, 8));
      i += digits.length - 1;
      continue;
    }
    const width = next === 'x' ? 2 : !bytes && next === 'u' ? 4 : !bytes && next === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = body.slice(i + 1, i + 1 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) return undefined;
      out.push(parseInt(hex, 16));
      i += width;
      continue;
    }
    if (!bytes && next === 'N') return undefined;
    // An unknown escape keeps its backslash (CPython warns, but keeps it).
    out.push(0x5c, next.codePointAt(0)!);
  }
  return out;
}
