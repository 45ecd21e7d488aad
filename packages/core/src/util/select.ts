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

/** A pattern read once: its steps, and whether any is `[]` (else it is a member path). */
interface Pattern {
  readonly steps: readonly Step[];
  readonly each: boolean;
  /** For a list's items (`files[]`, `awsJobAbortConfig.abortCriteriaList[]`): the members to the list. */
  readonly toList: readonly string[] | undefined;
  /** For a member of a list's items (`abortCriteriaList[].thresholdPercentage`, one `[]`): the list's members, then the item's. */
  readonly throughList: { readonly toList: readonly string[]; readonly inItem: readonly string[] } | undefined;
}

const parsed = new Map<string, Pattern>();

/** `files[].fileLocation.s3Location` → ['files', EACH, 'fileLocation', 's3Location']. */
function compiled(pattern: string): Pattern {
  let out = parsed.get(pattern);
  if (!out) {
    const steps = pattern
      .split('.')
      .filter((part) => part !== '')
      .flatMap((part): Step[] => (part.endsWith('[]') ? [part.slice(0, -2), EACH] : [part]))
      .filter((step) => step !== '');
    const each = steps.indexOf(EACH);
    const toList = each === steps.length - 1 ? (steps.slice(0, -1) as string[]) : undefined;
    const throughList =
      each !== -1 && each < steps.length - 1 && steps.lastIndexOf(EACH) === each
        ? { toList: Object.freeze(steps.slice(0, each) as string[]), inItem: Object.freeze(steps.slice(each + 1) as string[]) }
        : undefined;
    out = { steps: Object.freeze(steps), each: each !== -1, toList: toList && Object.freeze(toList), throughList };
    parsed.set(pattern, out);
  }
  return out;
}

/**
 * Whether the lists handed to rules are frozen. Not in a lint run: V8 does not optimise `for...of`
 * over a frozen list (each loop makes an iterator object, 128 bytes, and runs 3 to 4 times slower),
 * and rules loop over these lists all the time; they are typed read-only. The rule tester freezes
 * them (`withFrozenLists`), so a rule that changes a list other rules share fails its own tests.
 */
let freezeLists = false;

/** Run `work` with every list the selections (and `sharedPerRequest` values made with `sharedList`) hand out frozen. */
export function withFrozenLists<T>(work: () => T): T {
  const outer = freezeLists;
  freezeLists = true;
  try {
    return work();
  } finally {
    freezeLists = outer;
  }
}

/** A list to hand to rules, which share it: frozen while rules are tested (see `withFrozenLists`). */
export function sharedList<T>(list: T[]): readonly T[] {
  return freezeLists ? Object.freeze(list) : list;
}

/** What a selection that finds nothing gives: one frozen list for all. */
const NONE: ReadonlyArray<Located<never>> = Object.freeze([]);
const NO_BASE: JsonPath = Object.freeze([]);

/**
 * The values at a path pattern that pass a guard, with their paths. A pattern names members
 * with dots and every item of a list with `[]`: `awsJobAbortConfig.abortCriteriaList[].failureType`.
 * A step through anything but an object (for a member) or a list (for `[]`) yields nothing, and so
 * does a missing member: what is wrong or absent is other rules' (and the model check's) to report.
 * Unknown values never pass `isObject`, so nothing is selected through one. The list is read-only
 * (frozen in rule tests: see `withFrozenLists`).
 */
export function valuesAt<T>(root: unknown, pattern: string, guard: (value: unknown) => value is T, base: JsonPath = NO_BASE): ReadonlyArray<Located<T>> {
  const read = compiled(pattern);
  if (!read.each) {
    // A member path selects one value at most: followed, which costs less than finding it again.
    const found = follow(root, read.steps as readonly string[], guard, base);
    return found ? sharedList([found]) : NONE;
  }
  if (!made || root === null || typeof root !== 'object') return select(root, read, guard, base);
  // Rules ask a request for the same lists again and again (`files[]` a dozen times): while the
  // engine runs the rules on one request, each is selected once per value and shared. A value
  // reached by two paths (a YAML alias) is selected again for the other one.
  const known = madeBefore(root, pattern, guard, base);
  if (known !== NOT_MADE) return known as ReadonlyArray<Located<T>>;
  const found = select(root, read, guard, base);
  made.push({ root, pattern, guard, base, found });
  return found;
}

/** What `madeBefore` gives for what was not made yet in this request. */
const NOT_MADE = Symbol('not made');

/** A selection (or derived value) made before while the rules run on this request. A request asks for a handful, so a short list is searched. */
function madeBefore(root: object, pattern: string, guard: unknown, base: JsonPath): unknown {
  for (let i = 0; i < made!.length; i++) {
    const entry = made![i]!;
    if (entry.pattern === pattern && entry.root === root && entry.guard === guard && samePath(entry.base, base)) return entry.found;
  }
  return NOT_MADE;
}

/** A selection made while the rules run on one request, or a value derived from it (`sharedPerRequest`). */
interface Made {
  readonly root: object;
  readonly pattern: string;
  readonly guard: unknown;
  readonly base: JsonPath;
  readonly found: unknown;
}
let made: Made[] | undefined;

/**
 * Run `work` (the rules on one request) with selections shared: the same list pattern asked of
 * the same value gives the same list, made once. They are forgotten when `work` returns,
 * so no request is kept alive by them. `known`: the request holds no unknown value or open
 * container (see `knownRequest`).
 */
export function withSharedSelections<T>(work: () => T, known = false): T {
  const outer = made;
  const outerKnown = knownRequest;
  made = [];
  knownRequest = known;
  try {
    return work();
  } finally {
    made = outer;
    knownRequest = outerKnown;
  }
}

/**
 * Whether the request the rules run on holds no unknown value and no open container
 * (`RequestDocument.hasUnknowns` is false: every JSON and YAML request), as `withSharedSelections`
 * was told: then no step of a selection, `isAbsent` or `isPresent` asks a value whether it is
 * unknown or open.
 */
let knownRequest = false;

/**
 * A value derived from one request (a helper's result, such as `signingParts`), made once while the
 * engine runs the rules on that request and shared by them, like the selections; outside that, made
 * on every call. `key` names the derivation (a constant: it is compared with `===`); `make` gets
 * `root` (a function made once, not a closure per call). Rules share the result: a list is made with
 * `sharedList`, so rule tests freeze it.
 */
export function sharedPerRequest<T>(root: unknown, key: string, make: (root: unknown) => T): T {
  if (!made || root === null || typeof root !== 'object') return make(root);
  const known = madeBefore(root, key, DERIVED, NO_BASE);
  if (known !== NOT_MADE) return known as T;
  const value = make(root);
  made.push({ root, pattern: key, guard: DERIVED, base: NO_BASE, found: value });
  return value;
}

/** The `guard` of a derived value's entry: no guard is it. */
const DERIVED = Symbol('derived');

function samePath(a: JsonPath, b: JsonPath): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Entries (a value with the path to report on) the selections made, for tests that hold a rule to making one only for what it may report. */
export const selectedEntries = { made: 0 };

function entry<T>(value: T, path: JsonPath): Located<T> {
  selectedEntries.made++;
  return { value, path };
}

/** The value at member steps from `root`, when there and it passes the guard. */
function follow<T>(root: unknown, steps: readonly string[], guard: (value: unknown) => value is T, base: JsonPath): Located<T> | undefined {
  const value = memberValue(root, steps);
  // From the root, the path is the pattern's own steps (frozen, shared by every value found there).
  return value !== MISSING && guard(value) ? entry(value, base.length === 0 ? steps : joinPath(base, steps)) : undefined;
}

/**
 * `[...a, ...b]`, made at its size: a spread of two lists grows its list as it goes (about 4 times
 * the bytes, 2 times the time), and `concat` is a call into the runtime. Paths are made all the time.
 */
function joinPath(a: JsonPath, b: readonly (string | number)[]): Array<string | number> {
  const path = new Array<string | number>(a.length + b.length);
  for (let i = 0; i < a.length; i++) path[i] = a[i]!;
  for (let i = 0; i < b.length; i++) path[a.length + i] = b[i]!;
  return path;
}

/** What `memberValue` gives when a step is not there. */
const MISSING = Symbol('missing');

function memberValue(root: unknown, steps: readonly string[]): unknown {
  let value = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (!hasMemberStep(value, step)) return MISSING;
    value = value[step];
  }
  return value;
}

/** `[...toList, index]`, made at its size (see `joinPath`). */
function itemPath(toList: JsonPath, index: number): Array<string | number> {
  const path = new Array<string | number>(toList.length + 1);
  for (let i = 0; i < toList.length; i++) path[i] = toList[i]!;
  path[toList.length] = index;
  return path;
}

/** A pattern with `[]`: a list's items in a loop; otherwise depth first, with one trail of steps (a path is made only for a value that is selected). */
function select<T>(root: unknown, pattern: Pattern, guard: (value: unknown) => value is T, base: JsonPath): ReadonlyArray<Located<T>> {
  if (pattern.toList) {
    const list = memberValue(root, pattern.toList);
    if (!Array.isArray(list)) return NONE;
    // Made at the list's size when the first item passes, then cut to what passed: a list grown from
    // empty holds 16 slots at once, and a guard most items fail (`hasKnownPrefix`) makes none.
    let found: Array<Located<T>> | undefined;
    let count = 0;
    let toList: JsonPath | undefined;
    for (let index = 0; index < list.length; index++) {
      const value: unknown = list[index];
      if (!guard(value)) continue;
      found ??= new Array<Located<T>>(list.length);
      toList ??= base.length === 0 ? pattern.toList : joinPath(base, pattern.toList);
      found[count++] = entry(value, itemPath(toList, index));
    }
    if (found === undefined) return NONE;
    // Setting a list's length is a call into the runtime even when it changes nothing (most lists: every item passed).
    if (count !== found.length) found.length = count;
    return sharedList(found);
  }
  // One step of the trail per step of the pattern (a member's name, or a list item's index), made at its size.
  const found = walk(root, 0, pattern.steps, guard, base, new Array<string | number>(pattern.steps.length), undefined);
  return found === undefined ? NONE : sharedList(found);
}

/** Depth first; `found` is made at the first value selected (most selections find one or none). */
function walk<T>(
  value: unknown,
  depth: number,
  steps: readonly Step[],
  guard: (value: unknown) => value is T,
  base: JsonPath,
  trail: Array<string | number>,
  found: Array<Located<T>> | undefined,
): Array<Located<T>> | undefined {
  if (depth === steps.length) {
    if (!guard(value)) return found;
    const selected = entry(value, joinPath(base, trail));
    if (found === undefined) return [selected];
    found.push(selected);
    return found;
  }
  const step = steps[depth]!;
  if (step === EACH) {
    if (!Array.isArray(value)) return found;
    for (let index = 0; index < value.length; index++) {
      trail[depth] = index;
      found = walk(value[index], depth + 1, steps, guard, base, trail, found);
    }
  } else if (hasMemberStep(value, step)) {
    trail[depth] = step;
    found = walk(value[step], depth + 1, steps, guard, base, trail, found);
  }
  return found;
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** `isObject(value) && hasOwn(value, step)`, asking whether it is unknown only of a value that has the member. */
function hasMemberStep(value: unknown, step: string): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && hasOwn(value, step) && (knownRequest || !isUnknown(value));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  knownRequest ? value !== null && typeof value === 'object' && !Array.isArray(value) : isObject(value);

/**
 * Whether a request holds a value at a path pattern (`files[].codeSigning.customCodeSigning`), or
 * may: a step into an unknown value, or to a member an open object (a spread) may add, counts as
 * one that may hold it. A member that is there counts whatever its value (`null`, a wrong type):
 * only a path certainly absent says no. The engine skips a rule whose `meta.needs` it says no to.
 * With `known` (a request that holds no unknown value or open container), only what is there counts.
 */
export function mayHoldValueAt(root: unknown, pattern: string, known = false): boolean {
  return heldPatterns(root, patternTree([pattern]), known)[0]!;
}

/**
 * Path patterns as one tree of steps, each step shared by the patterns that take it (`files[]`,
 * then `codeSigning`): `heldPatterns` walks a request once for all of them.
 */
export interface PatternTree {
  readonly root: PatternNode;
  readonly size: number;
}

interface PatternNode {
  /** The patterns (numbered by their place in the list the tree was made from) that end here. */
  readonly ends: number[];
  /** The patterns that end here or further on. */
  readonly below: number[];
  readonly members: Array<{ readonly step: string; readonly node: PatternNode }>;
  each: PatternNode | undefined;
}

export function patternTree(patterns: readonly string[]): PatternTree {
  const root = patternNode();
  for (let index = 0; index < patterns.length; index++) {
    let node = root;
    node.below.push(index);
    for (const step of compiled(patterns[index]!).steps) {
      node = step === EACH ? (node.each ??= patternNode()) : memberNode(node, step);
      node.below.push(index);
    }
    node.ends.push(index);
  }
  return { root, size: patterns.length };
}

function patternNode(): PatternNode {
  return { ends: [], below: [], members: [], each: undefined };
}

function memberNode(parent: PatternNode, step: string): PatternNode {
  const known = parent.members.find((member) => member.step === step);
  if (known) return known.node;
  const node = patternNode();
  parent.members.push({ step, node });
  return node;
}

/** By pattern number, whether the request may hold a value at each pattern of the tree (see `mayHoldValueAt`): one walk for all. */
export function heldPatterns(root: unknown, tree: PatternTree, known = false): boolean[] {
  const held = new Array<boolean>(tree.size).fill(false);
  markHeld(root, tree.root, held, known);
  return held;
}

/** `known`: the request holds no unknown value and no open container (`RequestDocument.hasUnknowns` is false), so no step asks whether one is. */
function markHeld(value: unknown, node: PatternNode, held: boolean[], known: boolean): void {
  for (let i = 0; i < node.ends.length; i++) held[node.ends[i]!] = true;
  if (value === null || typeof value !== 'object') return;
  if (!known && isUnknown(value)) return markAll(node.below, held);
  if (Array.isArray(value)) {
    const each = node.each;
    if (each === undefined) return;
    if (!known && isOpen(value)) return markAll(each.below, held);
    for (let index = 0; index < value.length && !allHeld(each.below, held); index++) markHeld(value[index], each, held, known);
    return;
  }
  for (let i = 0; i < node.members.length; i++) {
    const { step, node: next } = node.members[i]!;
    if (hasOwn(value, step)) markHeld((value as Record<string, unknown>)[step], next, held, known);
    else if (!known && isOpen(value)) markAll(next.below, held);
  }
}

function markAll(patterns: readonly number[], held: boolean[]): void {
  for (let i = 0; i < patterns.length; i++) held[patterns[i]!] = true;
}

function allHeld(patterns: readonly number[], held: readonly boolean[]): boolean {
  for (let i = 0; i < patterns.length; i++) if (!held[patterns[i]!]) return false;
  return true;
}

/**
 * `visit(entry, arg)` for each value `valuesAt` selects, made into an entry (a value and its path)
 * only when it passes the guard: a guard that holds only for a wrong value (the factories' rules)
 * makes no entry for a right one. A member path (`awsJobTimeoutConfig.inProgressTimeoutInMinutes`)
 * has one value at most, and a member of a list's items (`abortCriteriaList[].thresholdPercentage`)
 * one per item: both are visited without the list `valuesAt` makes. `visit` and `arg` (the rule's
 * context) are passed apart so that a rule makes no closure per request.
 */
export function forEachValueAt<T, A>(
  root: unknown,
  pattern: string,
  guard: (value: unknown) => value is T,
  visit: (entry: Located<T>, arg: A) => void,
  arg: A,
): void {
  const read = compiled(pattern);
  if (!read.each) {
    const found = follow(root, read.steps as readonly string[], guard, NO_BASE);
    if (found) visit(found, arg);
    return;
  }
  if (read.throughList) {
    const { toList, inItem } = read.throughList;
    const list = memberValue(root, toList);
    if (!Array.isArray(list)) return;
    for (let index = 0; index < list.length; index++) {
      const value = memberValue(list[index], inItem);
      if (value !== MISSING && guard(value)) visit(entry(value, itemMemberPath(toList, index, inItem)), arg);
    }
    return;
  }
  const found = valuesAt(root, pattern, guard);
  for (let i = 0; i < found.length; i++) visit(found[i]!, arg);
}

/** `[...toList, index, ...inItem]`, made at its size (see `joinPath`). */
function itemMemberPath(toList: readonly string[], index: number, inItem: readonly string[]): Array<string | number> {
  const path = new Array<string | number>(toList.length + 1 + inItem.length);
  for (let i = 0; i < toList.length; i++) path[i] = toList[i]!;
  path[toList.length] = index;
  for (let i = 0; i < inItem.length; i++) path[toList.length + 1 + i] = inItem[i]!;
  return path;
}

/** The objects at a path pattern (see `valuesAt`). */
export function objectsAt(root: unknown, pattern: string, base: JsonPath = NO_BASE): readonly LocatedObject[] {
  return valuesAt(root, pattern, isRecord, base);
}

/**
 * The member steps of a pattern without `[]` (isAbsent, isPresent). They are frozen, and V8 does
 * not optimise `for...of` over a frozen list (see `freezeLists`): callers loop by index.
 */
function memberSteps(pattern: string): readonly string[] {
  const { steps, each } = compiled(pattern);
  if (each) throw new Error(`"${pattern}": a member path has no [] steps`);
  return steps as readonly string[];
}

const hasMember = (object: Record<string, unknown>, key: string) => hasOwn(object, key) && object[key] !== undefined;

/**
 * Whether the request certainly lacks the value at a member path (`codeSigning.awsSignerJobId`):
 * some step is missing from an object that no spread can add to, or is not an object at all. False
 * when the path runs into an unknown value, which may turn out to be anything, absent included.
 * Use it before reporting a member as missing, or before taking a default for it.
 */
export function isAbsent(root: unknown, pattern: string): boolean {
  const steps = memberSteps(pattern);
  let current = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (!knownRequest && isUnknown(current)) return false;
    if (!isRecord(current)) return true;
    if (!hasMember(current, step)) return knownRequest || !isOpen(current);
    current = current[step];
  }
  return false;
}

/**
 * Whether the request certainly holds the value at a member path: every step is there, and the
 * value is not unknown (an unknown may turn out to be absent). Its type is still to be checked.
 */
export function isPresent(root: unknown, pattern: string): boolean {
  const steps = memberSteps(pattern);
  let current = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (!isRecord(current) || !hasMember(current, step)) return false;
    current = current[step];
  }
  return knownRequest || !isUnknown(current);
}

/**
 * The object at a member path (`awsJobExecutionsRolloutConfig.exponentialRate`), or undefined.
 * While the engine runs the rules on one request, each is followed once per value and path and
 * shared, as lists are: rules ask every file for its `codeSigning` and `fileLocation` in turn.
 */
export function objectAt(root: unknown, pattern: string, base: JsonPath = NO_BASE): LocatedObject | undefined {
  const { steps, each } = compiled(pattern);
  if (each) return objectsAt(root, pattern, base)[0];
  if (!made || root === null || typeof root !== 'object') return follow(root, steps as readonly string[], isRecord, base);
  const known = madeBefore(root, pattern, isRecord, base);
  if (known !== NOT_MADE) return known as LocatedObject | undefined;
  const found = follow(root, steps as readonly string[], isRecord, base);
  made.push({ root, pattern, guard: isRecord, base, found });
  return found;
}

/** The object at a member path (`fileLocation.s3Location`) inside a located object, or undefined. */
export function childObject(parent: LocatedObject, pattern: string): LocatedObject | undefined {
  return objectAt(parent.value, pattern, parent.path);
}
