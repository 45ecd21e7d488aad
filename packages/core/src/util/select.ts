import type { JsonPath } from '../diagnostic.js';
import { isOpen, isUnknown } from '../value/unknown.js';
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
export function valuesAt<T>(root: unknown, pattern: string, guard: (value: unknown) => value is T, base: JsonPath = NO_BASE): ReadonlyArray<Located<T>> {
  if (!selections || root === null || typeof root !== 'object') return select(root, pattern, guard, base);
  // Rules ask a request for the same paths again and again (`files[]` a dozen times): while the
  // engine runs the rules on one request, each selection is made once per value and shared,
  // frozen. A value reached by two paths (a YAML alias) is selected again for the other one.
  let byGuard = selections.get(root);
  if (!byGuard) selections.set(root, (byGuard = new Map()));
  let byPattern = byGuard.get(guard);
  if (!byPattern) byGuard.set(guard, (byPattern = new Map()));
  const made = byPattern.get(pattern);
  if (made && samePath(made.base, base)) return made.found as ReadonlyArray<Located<T>>;
  const found = Object.freeze(select(root, pattern, guard, base));
  if (!made) byPattern.set(pattern, { base, found });
  return found;
}

const NO_BASE: JsonPath = Object.freeze([]);
type Selections = Map<object, Map<(value: unknown) => boolean, Map<string, { base: JsonPath; found: ReadonlyArray<Located<unknown>> }>>>;
let selections: Selections | undefined;

/**
 * Run `work` (the rules on one request) with selections shared: the same path asked of the same
 * value gives the same frozen list, made once. They are forgotten when `work` returns, so no
 * request is kept alive by them.
 */
export function withSharedSelections<T>(work: () => T): T {
  const outer = selections;
  const outerDerived = derived;
  selections = new Map();
  derived = new Map();
  try {
    return work();
  } finally {
    selections = outer;
    derived = outerDerived;
  }
}

/**
 * A value derived from one request (a helper's result, such as `signingParts`), made once while the
 * engine runs the rules on that request and shared by them, like the selections; outside that, made
 * on every call. `key` names the derivation; the result must be frozen, as rules share it.
 */
export function sharedPerRequest<T>(root: unknown, key: string, make: () => T): T {
  if (!derived || root === null || typeof root !== 'object') return make();
  let byKey = derived.get(root);
  if (!byKey) derived.set(root, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const made = make();
  byKey.set(key, made);
  return made;
}

let derived: Map<object, Map<string, unknown>> | undefined;

function samePath(a: JsonPath, b: JsonPath): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function select<T>(root: unknown, pattern: string, guard: (value: unknown) => value is T, base: JsonPath): Array<Located<T>> {
  const all = steps(pattern);
  if (!all.includes(EACH)) {
    // A member path selects one value at most: followed without a walk.
    let value = root;
    for (const step of all as readonly string[]) {
      if (!isObject(value) || !Object.prototype.hasOwnProperty.call(value, step)) return [];
      value = value[step];
    }
    return guard(value) ? [{ value, path: [...base, ...(all as readonly string[])] }] : [];
  }
  const found: Array<Located<T>> = [];
  // Depth first, with one trail of steps: a path is made only for a value that is selected.
  const trail: Array<string | number> = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth === all.length) {
      if (guard(value)) found.push({ value, path: [...base, ...trail] });
      return;
    }
    const step = all[depth]!;
    if (step === EACH) {
      if (!Array.isArray(value)) return;
      for (let index = 0; index < value.length; index++) {
        trail.push(index);
        walk(value[index], depth + 1);
        trail.pop();
      }
    } else if (isObject(value) && Object.prototype.hasOwnProperty.call(value, step)) {
      trail.push(step);
      walk(value[step], depth + 1);
      trail.pop();
    }
  };
  walk(root, 0);
  return found;
}

const isRecord = (value: unknown): value is Record<string, unknown> => isObject(value);

/** The objects at a path pattern (see `valuesAt`). */
export function objectsAt(root: unknown, pattern: string, base: JsonPath = NO_BASE): readonly LocatedObject[] {
  return valuesAt(root, pattern, isRecord, base);
}

/** The member steps of a pattern without `[]` (isAbsent, isPresent). */
function memberSteps(pattern: string): readonly string[] {
  const out = steps(pattern);
  if (out.includes(EACH)) throw new Error(`"${pattern}": a member path has no [] steps`);
  return out as readonly string[];
}

const hasMember = (object: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(object, key) && object[key] !== undefined;

/**
 * Whether the request certainly lacks the value at a member path (`codeSigning.awsSignerJobId`):
 * some step is missing from an object that no spread can add to, or is not an object at all. False
 * when the path runs into an unknown value, which may turn out to be anything, absent included.
 * Use it before reporting a member as missing, or before taking a default for it.
 */
export function isAbsent(root: unknown, pattern: string): boolean {
  let current = root;
  for (const step of memberSteps(pattern)) {
    if (isUnknown(current)) return false;
    if (!isObject(current)) return true;
    if (!hasMember(current, step)) return !isOpen(current);
    current = current[step];
  }
  return false;
}

/**
 * Whether the request certainly holds the value at a member path: every step is there, and the
 * value is not unknown (an unknown may turn out to be absent). Its type is still to be checked.
 */
export function isPresent(root: unknown, pattern: string): boolean {
  let current = root;
  for (const step of memberSteps(pattern)) {
    if (!isObject(current) || !hasMember(current, step)) return false;
    current = current[step];
  }
  return !isUnknown(current);
}

/** The object at a member path (`awsJobExecutionsRolloutConfig.exponentialRate`), or undefined. */
export function objectAt(root: unknown, pattern: string, base: JsonPath = []): LocatedObject | undefined {
  return objectsAt(root, pattern, base)[0];
}

/** The object at a member path (`fileLocation.s3Location`) inside a located object, or undefined. */
export function childObject(parent: LocatedObject, pattern: string): LocatedObject | undefined {
  return objectAt(parent.value, pattern, parent.path);
}
