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
