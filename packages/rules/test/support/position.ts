/**
 * The expected range of a snippet inside a test's source text, found by plain text search: tests
 * then name what they point at instead of counting columns, independently of the engine's locator.
 */
export function rangeOf(code: string, snippet: string, occurrence = 1): { line: number; column: number; endLine: number; endColumn: number } {
  let offset = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    offset = code.indexOf(snippet, offset + 1);
    if (offset === -1) throw new Error(`rangeOf: ${JSON.stringify(snippet)} (occurrence ${occurrence}) is not in the case's code`);
  }
  const start = positionAt(code, offset);
  const end = positionAt(code, offset + snippet.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function positionAt(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The range of the JSON value that follows a member name (`"key": <value>`) in a test's text:
 * an object or list up to its matching bracket, a string, or a bare token.
 */
export function rangeOfValue(code: string, key: string, occurrence = 1): { line: number; column: number; endLine: number; endColumn: number } {
  const member = rangeOf(code, `"${key}":`, occurrence);
  let start = offsetAt(code, member.endLine, member.endColumn);
  while (code[start] === ' ') start++;
  let end = start;
  if (code[start] === '{' || code[start] === '[') {
    let depth = 0;
    let inString = false;
    for (; end < code.length; end++) {
      const char = code[end];
      if (inString) {
        if (char === '\\') end++;
        else if (char === '"') inString = false;
      } else if (char === '"') inString = true;
      else if (char === '{' || char === '[') depth++;
      else if ((char === '}' || char === ']') && --depth === 0) break;
    }
    end++;
  } else if (code[start] === '"') {
    end = start + 1;
    while (code[end] !== '"') end += code[end] === '\\' ? 2 : 1;
    end++;
  } else {
    while (end < code.length && !/[,\s}\]]/.test(code[end]!)) end++;
  }
  const from = positionAt(code, start);
  const to = positionAt(code, end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}

function offsetAt(code: string, line: number, column: number): number {
  let offset = 0;
  for (let at = 1; at < line; at++) offset = code.indexOf('\n', offset) + 1;
  return offset + column - 1;
}
