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

/**
 * Groups of entries that share a key, in document order, keeping only groups with more than one
 * member: the first is the original, the rest are the duplicates to report.
 */
export function duplicatesBy<T>(entries: readonly Located<T>[], keyOf: (value: T) => string | undefined): Array<Array<Located<T>>> {
  if (entries.length < 2) return [];
  const groups = new Map<string, Array<Located<T>>>();
  let repeated = false;
  for (const entry of entries) {
    const key = keyOf(entry.value);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) {
      group.push(entry);
      repeated = true;
    } else {
      groups.set(key, [entry]);
    }
  }
  return repeated ? [...groups.values()].filter((group) => group.length > 1) : [];
}
