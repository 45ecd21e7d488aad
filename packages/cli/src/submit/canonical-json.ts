import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no whitespace, so equal values always give equal
 * text whatever the file's key order, indentation or format (JSON or YAML).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The request's identity in the journal: `sha256:` and the hex digest of its canonical JSON. */
export function requestHash(request: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(request)).digest('hex')}`;
}
