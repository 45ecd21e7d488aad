import type { JsonPath, Target } from '../diagnostic.js';
import type { Span } from './types.js';

/**
 * `sourceText` for a request whose `locate` falls back to the nearest ancestor: the text of the
 * value at `path`, or undefined when the path is not written (its span is the parent's).
 */
export function sourceTextFrom(text: string, locate: (path: JsonPath, target: Target) => Span, path: JsonPath): string | undefined {
  const span = locate(path, 'value');
  if (path.length > 0) {
    const enclosing = locate(path.slice(0, -1), 'value');
    if (span.offset === enclosing.offset && span.length === enclosing.length) return undefined;
  }
  return text.slice(span.offset, span.offset + span.length);
}
