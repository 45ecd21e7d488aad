import type { JsonPath } from '../diagnostic.js';
import { isObject } from './guards.js';

/** A value in the request, with the path to report on. */
export interface Located<T> {
  readonly value: T;
  readonly path: JsonPath;
}

export type LocatedObject = Located<Record<string, unknown>>;

/** Every item of a list, in a pattern. */
const EACH = Symbol('each item');
type Step = string | typeof EACH;

const parsed = new Map<string, readonly Step[]>();

/** `files[].fileLocation.s3Location` → ['files', EACH, 'fileLocation', 's3Location']. */
function steps(pattern: string): readonly Step[] {
  let out = parsed.get(pattern);
  if (!out) {
    out = pattern
      .split('.')
      .filter((part) => part !== '')
      .flatMap((part): Step[] => (part.endsWith('[]') ? [part.slice(0, -2), EACH] : [part]))
      .filter((step) => step !== '');
    parsed.set(pattern, out);
  }
  return out;
}

/**
 * The values at a path pattern that pass a guard, with their paths. A pattern names members
 * with dots and every item of a list with `[]`: `awsJobAbortConfig.abortCriteriaList[].failureType`.
 * A step through anything but an object (for a member) or a list (for `[]`) yields nothing, and so
 * does a missing member: what is wrong or absent is other rules' (and the model check's) to report.
 * Unknown values never pass `isObject`, so nothing is selected through one.
 */
export function valuesAt<T>(root: unknown, pattern: string, guard: (value: unknown) => value is T, base: JsonPath = []): Array<Located<T>> {
  let current: Array<Located<unknown>> = [{ value: root, path: base }];
  for (const step of steps(pattern)) {
    const next: Array<Located<unknown>> = [];
    for (const { value, path } of current) {
      if (step === EACH) {
        if (Array.isArray(value)) value.forEach((item: unknown, index) => next.push({ value: item, path: [...path, index] }));
      } else if (isObject(value) && Object.prototype.hasOwnProperty.call(value, step)) {
        next.push({ value: value[step], path: [...path, step] });
      }
    }
    current = next;
  }
  return current.filter((entry): entry is Located<T> => guard(entry.value));
}

const isRecord = (value: unknown): value is Record<string, unknown> => isObject(value);

/** The objects at a path pattern (see `valuesAt`). */
export function objectsAt(root: unknown, pattern: string, base: JsonPath = []): LocatedObject[] {
  return valuesAt(root, pattern, isRecord, base);
}

/** The object at a member path (`awsJobExecutionsRolloutConfig.exponentialRate`), or undefined. */
export function objectAt(root: unknown, pattern: string, base: JsonPath = []): LocatedObject | undefined {
  return objectsAt(root, pattern, base)[0];
}

/** The object at a member path (`fileLocation.s3Location`) inside a located object, or undefined. */
export function childObject(parent: LocatedObject, pattern: string): LocatedObject | undefined {
  return objectAt(parent.value, pattern, parent.path);
}
