import { isObject, listEntries } from './guards.js';
import type { Located } from './request-lists.js';

/** `files[]` entries that are objects. */
export function fileEntries(request: unknown): Array<Located<Record<string, unknown>>> {
  if (!isObject(request)) return [];
  return listEntries(request.files).flatMap(([index, file]) => (isObject(file) ? [{ value: file, path: ['files', index] }] : []));
}

/** The object at `key` inside a located object, located; undefined when it is not an object. */
export function childObject(parent: Located<Record<string, unknown>>, key: string): Located<Record<string, unknown>> | undefined {
  const value = parent.value[key];
  return isObject(value) ? { value, path: [...parent.path, key] } : undefined;
}
