import type { JsonPath, Target } from '../diagnostic.js';
import { hasKnownPrefix, isOpen, isUnknown } from './unknown.js';

/**
 * Whether a report at `path` is about values the source really holds. False when the path runs
 * through an unknown value, names a member that an open object may hold, points at an open
 * container as a whole, or (a missing member) at an open object or at a member that is there but
 * unknown. Every report passes this test. `onKnownPrefix`: the report is about the known start of
 * an unknown string at `path` (`Report.onKnownPrefix`), which is then known ground.
 */
export function isOnKnownGround(request: unknown, path: JsonPath, target: Target, onKnownPrefix = false): boolean {
  let current: unknown = request;
  const steps = target === 'parent' ? path.length - 1 : path.length;
  for (let i = 0; i < steps; i++) {
    if (isUnknown(current)) return false;
    if (current === null || typeof current !== 'object') return true;
    const segment = path[i]!;
    const container = current as Record<string | number, unknown>;
    if (!Object.prototype.hasOwnProperty.call(container, segment)) return !isOpen(container);
    current = container[segment];
  }
  if (isUnknown(current)) return onKnownPrefix && target === 'value' && hasKnownPrefix(current);
  if (target === 'parent') {
    // A member reported missing that is there, known only at run time, may not be missing at all.
    const member = path[path.length - 1];
    if (member !== undefined && current !== null && typeof current === 'object' && isUnknown((current as Record<string | number, unknown>)[member]))
      return false;
  }
  // A missing member reported on its parent object, or a value reported as a whole: neither
  // can be judged when the container may hold more than it shows.
  if (target === 'parent' || target === 'value') return !isOpen(current);
  return true;
}
