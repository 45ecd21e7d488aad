/** Type guards for values read from a user's file, which may hold anything (or something unknown). */
import type { Mistyped } from '../request.js';
import { isUnknown, type UnknownValue } from '../value/unknown.js';

type NotAnObject = ReadonlyArray<unknown> | UnknownValue | Mistyped;
type ObjectMembers<T> = Exclude<Extract<T, object>, NotAnObject>;
type ListMembers<T> = Extract<T, ReadonlyArray<unknown>>;
/** The object members of a union, or a plain record when the value is untyped (`unknown`, `{}`). */
type ObjectPart<T> = unknown extends T ? Record<string, unknown> : [keyof ObjectMembers<T>] extends [never] ? Record<string, unknown> : ObjectMembers<T>;
/** The list members of a union, or a list of anything when the value is untyped. */
type ListPart<T> = unknown extends T ? readonly unknown[] : [ListMembers<T>] extends [never] ? readonly unknown[] : ListMembers<T>;

/** A plain object with members (not a list, not null, not an unknown value). */
export function isObject<T>(value: T): value is T & ObjectPart<T> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value);
}

/** A list (its items may still be of any type, or unknown). */
export function isList<T>(value: T): value is T & ListPart<T> {
  return Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** A real number (not NaN or ±Infinity, which YAML and Python's JSON parser both accept). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The elements of a list with their indexes; nothing when the value is not a list. */
export function listEntries<T>(value: T): Array<[index: number, element: ListPart<T>[number]]> {
  return Array.isArray(value) ? [...(value as ListPart<T>).entries()] : [];
}
