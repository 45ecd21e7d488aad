/** Type guards for values read from a user's file, which may hold anything. */

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** A real number (not NaN or ±Infinity, which YAML and Python's JSON parser both accept). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The elements of a list with their indexes; nothing when the value is not a list. */
export function listEntries(value: unknown): Array<[index: number, element: unknown]> {
  return Array.isArray(value) ? [...value.entries()] : [];
}
