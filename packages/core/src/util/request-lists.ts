import type { JsonPath } from '../diagnostic.js';
import { isObject, isString, listEntries } from './guards.js';

/** One element of a request list, with the path to report on. */
export interface Located<T> {
  readonly value: T;
  readonly path: JsonPath;
}

/** `targets[]` entries that are strings. */
export function targetEntries(request: unknown): Array<Located<string>> {
  if (!isObject(request)) return [];
  return listEntries(request.targets).flatMap(([index, target]) => (isString(target) ? [{ value: target, path: ['targets', index] }] : []));
}

/** `awsJobAbortConfig.abortCriteriaList[]` entries that are objects. */
export function abortCriteriaEntries(request: unknown): Array<Located<Record<string, unknown>>> {
  if (!isObject(request) || !isObject(request.awsJobAbortConfig)) return [];
  return listEntries(request.awsJobAbortConfig.abortCriteriaList).flatMap(([index, criteria]) =>
    isObject(criteria) ? [{ value: criteria, path: ['awsJobAbortConfig', 'abortCriteriaList', index] }] : [],
  );
}

/** `tags[]` entries that are objects. */
export function tagEntries(request: unknown): Array<Located<Record<string, unknown>>> {
  if (!isObject(request)) return [];
  return listEntries(request.tags).flatMap(([index, tag]) => (isObject(tag) ? [{ value: tag, path: ['tags', index] }] : []));
}

/**
 * Groups of entries that share a key, in document order, keeping only groups with more than one
 * member: the first is the original, the rest are the duplicates to report.
 */
export function duplicatesBy<T>(entries: readonly Located<T>[], keyOf: (value: T) => string | undefined): Array<Array<Located<T>>> {
  const groups = new Map<string, Array<Located<T>>>();
  for (const entry of entries) {
    const key = keyOf(entry.value);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}
