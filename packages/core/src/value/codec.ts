import { isOpen, isUnknown, markOpen, openSources, UnknownValue, type UnknownReason } from './unknown.js';

/**
 * A request value as plain JSON and back, unknown values and open containers included (the
 * cache stores request values this way, and lint threads send them). Unknowns become
 * `{ "$unknown": source, "$reason": r, "$prefix"?: known start }`,
 * an open object gets `"$open": [sources]`, an open list becomes `{ "$openList": [...], "$open":
 * [...] }`; a real key that starts with `$` is written with one more `$`.
 */
export function encodeValue(value: unknown): unknown {
  if (isUnknown(value)) {
    const encoded: Record<string, unknown> = { $unknown: value.source, $reason: value.reason };
    if (value.prefix) encoded.$prefix = value.prefix;
    return encoded;
  }
  if (Array.isArray(value)) {
    const items = value.map(encodeValue);
    return isOpen(value) ? { $openList: items, $open: openSources(value) } : items;
  }
  if (value instanceof Date) return value;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key.startsWith('$') ? `$${key}` : key] = encodeValue(child);
    if (isOpen(value)) out.$open = openSources(value);
    return out;
  }
  return value;
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$unknown === 'string') {
    const prefix = typeof record.$prefix === 'string' ? record.$prefix : undefined;
    return new UnknownValue(record.$unknown, (record.$reason as UnknownReason | undefined) ?? 'expression', prefix);
  }
  const sources = Array.isArray(record.$open) ? (record.$open as string[]) : undefined;
  if (Array.isArray(record.$openList)) return markOpen(record.$openList.map(decodeValue), sources);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    if (key === '$open') continue;
    out[key.startsWith('$$') ? key.slice(1) : key] = decodeValue(child);
  }
  return sources ? markOpen(out, sources) : out;
}
