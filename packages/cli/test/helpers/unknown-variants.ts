// What a request could be when part of it is known only at run time. For the robustness suite:
// each member or list item in turn made unknown, each object or list in turn made open (a spread),
// and for each of those the concrete requests it could turn out to be.
import type { JsonPath as Path } from '@otalint/core';
import { isOpen, isUnknown, markOpen, openSources, unknownValue } from '@otalint/core/engine';

/** A request with one unknown part, and the concrete requests that part could stand for. */
export interface Variant {
  readonly kind: 'unknown' | 'open';
  /** Where the unknown value or the open container is. */
  readonly at: Path;
  readonly value: unknown;
  readonly substitutes: ReadonlyArray<{ readonly label: string; readonly value: unknown }>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value);

/** Values of other JSON types than the original's, for an unknown to stand for. */
const OTHER_TYPES: readonly unknown[] = [null, true, 0, 1.5, -1, '', 'x', [], {}];

/** The path with list indexes written `[]`: where in the request's shape a value sits. */
export const shapeOf = (path: Path): string => path.map((segment) => (typeof segment === 'number' ? '[]' : segment)).join('.');

/** Every path to a member or list item below the root, with its value (never inside an unknown). */
export function valuePaths(value: unknown, prefix: Path = []): Array<{ path: Path; value: unknown }> {
  const out: Array<{ path: Path; value: unknown }> = [];
  const children: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : isRecord(value)
      ? Object.entries(value)
      : [];
  for (const [key, child] of children) {
    out.push({ path: [...prefix, key], value: child }, ...valuePaths(child, [...prefix, key]));
  }
  return out;
}

/**
 * What the good fixtures hold, by shape: the values seen at each shape (`files.[].codeSigning`),
 * for an unknown to stand for and for a spread to add.
 */
export class GoodValues {
  readonly #byShape = new Map<string, unknown[]>();
  readonly #seen = new Set<string>();

  constructor(requests: readonly unknown[]) {
    for (const request of requests) {
      for (const { path, value } of valuePaths(request)) {
        const shape = shapeOf(path);
        const key = `${shape}\u0000${JSON.stringify(value)}`;
        if (this.#seen.has(key)) continue;
        this.#seen.add(key);
        const list = this.#byShape.get(shape) ?? [];
        list.push(value);
        this.#byShape.set(shape, list);
      }
    }
  }

  /** Distinct values the good fixtures hold at this shape, first `limit` of them. */
  at(shape: string, limit = 3): readonly unknown[] {
    return (this.#byShape.get(shape) ?? []).slice(0, limit);
  }

  /** The member names the good fixtures use in objects of this shape. */
  membersOf(shape: string): string[] {
    const prefix = shape === '' ? '' : `${shape}.`;
    const names = new Set<string>();
    for (const key of this.#byShape.keys()) {
      if (!key.startsWith(prefix)) continue;
      const name = key.slice(prefix.length).split('.')[0]!;
      if (name !== '[]' && name !== '') names.add(name);
    }
    return [...names];
  }
}

/** A copy of `root` with the value at `path` replaced (or removed, with `REMOVE`); shares the rest. */
export const REMOVE = Symbol('remove');
export function withAt(root: unknown, path: Path, replacement: unknown, finish: (container: object) => object = (c) => c): unknown {
  if (path.length === 0) return replacement === REMOVE ? undefined : finish(replacement as object);
  const [head, ...rest] = path;
  const copy = copyOf(root) as Record<string | number, unknown>;
  if (rest.length === 0 && replacement === REMOVE) delete copy[head!];
  else copy[head!] = withAt((root as Record<string | number, unknown>)[head!], rest, replacement, finish);
  return copy;
}

/** A shallow copy that keeps a spread's mark. */
function copyOf(container: unknown): object {
  const copy = Array.isArray(container) ? [...container] : { ...(container as object) };
  return isOpen(container) ? markOpen(copy, openSources(container)) : copy;
}

/** Each member and list item made unknown, then each object and list made open, with their substitutes. */
export function variantsOf(request: unknown, good: GoodValues): Variant[] {
  const variants: Variant[] = [];
  for (const { path, value: original } of valuePaths(request)) {
    const shape = shapeOf(path);
    const substitutes = [{ label: 'the original value', value: request }];
    // Removing a list item would move the items after it: only members can be absent.
    if (typeof path[path.length - 1] === 'string') substitutes.push({ label: 'the member removed', value: withAt(request, path, REMOVE) });
    const others = [...good.at(shape), ...OTHER_TYPES].filter((other) => JSON.stringify(other) !== JSON.stringify(original));
    for (const other of others) substitutes.push({ label: JSON.stringify(other), value: withAt(request, path, other) });
    variants.push({ kind: 'unknown', at: path, value: withAt(request, path, unknownValue('$UNKNOWN', 'variable')), substitutes });
  }

  const containers = [{ path: [] as Path, value: request }, ...valuePaths(request)].filter(({ value }) => Array.isArray(value) || isRecord(value));
  for (const { path, value: container } of containers) {
    const shape = shapeOf(path);
    const substitutes = [{ label: 'a spread that adds nothing', value: request }];
    if (Array.isArray(container)) {
      for (const item of good.at(`${shape}${shape === '' ? '' : '.'}[]`)) {
        substitutes.push({ label: `a spread that adds ${JSON.stringify(item)}`, value: withAt(request, path, [...container, item]) });
      }
    } else {
      const record = container as Record<string, unknown>;
      for (const name of good.membersOf(shape).filter((member) => !(member in record))) {
        for (const added of good.at(shape === '' ? name : `${shape}.${name}`, 2)) {
          substitutes.push({ label: `a spread that adds ${name}: ${JSON.stringify(added)}`, value: withAt(request, path, { ...record, [name]: added }) });
        }
      }
    }
    const open = withAt(request, path, container, (copy) => markOpen(copyOf(copy), ['...spread']));
    variants.push({ kind: 'open', at: path, value: open, substitutes });
  }
  return variants;
}
