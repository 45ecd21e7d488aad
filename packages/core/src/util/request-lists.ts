import { isString } from './guards.js';
import { objectsAt, valuesAt, type Located, type LocatedObject } from './select.js';

/** `files[]` entries that are objects. */
export function fileEntries(request: unknown): readonly LocatedObject[] {
  return objectsAt(request, 'files[]');
}

/** `targets[]` entries that are strings. */
export function targetEntries(request: unknown): ReadonlyArray<Located<string>> {
  return valuesAt(request, 'targets[]', isString);
}

/** `awsJobAbortConfig.abortCriteriaList[]` entries that are objects. */
export function abortCriteriaEntries(request: unknown): readonly LocatedObject[] {
  return objectsAt(request, 'awsJobAbortConfig.abortCriteriaList[]');
}

/** `tags[]` entries that are objects. */
export function tagEntries(request: unknown): readonly LocatedObject[] {
  return objectsAt(request, 'tags[]');
}

/** Up to this many keys, a list's are searched for a repeat rather than put in a set. */
const SEARCHED_KEYS = 16;

/**
 * Groups of entries that share a key, in document order, keeping only groups with more than one
 * member: the first is the original, the rest are the duplicates to report.
 */
export function duplicatesBy<T>(entries: readonly Located<T>[], keyOf: (value: T) => string | undefined): Array<Array<Located<T>>> {
  if (entries.length < 2) return [];
  // Most lists hold no repeat: found with the keys alone, before any group is made (a short list
  // is searched; a long one, which a hostile file may hold, goes through a set).
  const keys = new Array<string | undefined>(entries.length);
  const seen = entries.length > SEARCHED_KEYS ? new Set<string>() : undefined;
  let repeated = false;
  for (let i = 0; i < entries.length; i++) {
    const key = keyOf(entries[i]!.value);
    if (key !== undefined && !repeated) {
      repeated = seen ? seen.has(key) : keys.includes(key);
      seen?.add(key);
    }
    keys[i] = key;
  }
  if (!repeated) return [];
  const groups = new Map<string, Array<Located<T>>>();
  for (let i = 0; i < entries.length; i++) {
    const key = keys[i];
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(entries[i]!);
    else groups.set(key, [entries[i]!]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}
