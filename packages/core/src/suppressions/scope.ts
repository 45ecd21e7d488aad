import type { ResolvedConfig } from '../config/resolved-config.js';
import type { SuppressionScope } from './apply.js';
import type { Suppression } from './types.js';

/** The scope of the files whose config objects neither waive nor lock anything (most files of most runs), by config. */
const waivingNothing = new WeakMap<ResolvedConfig, SuppressionScope>();

/** The suppressions and locks that apply to one file (an absolute path or one relative to the config). */
export function suppressionScopeFor(config: ResolvedConfig, filePath: string, today = utcToday()): SuppressionScope {
  const objects = config.objectsFor(filePath);
  if (objects.every((object) => object.suppressions.length === 0 && object.unsuppressible.length === 0)) {
    let shared = waivingNothing.get(config);
    if (shared?.today !== today) waivingNothing.set(config, (shared = { suppressions: [], unsuppressible: new Set(), knownRules: config.rules, today }));
    return shared;
  }
  const suppressions: Suppression[] = [];
  const unsuppressible = new Set<string>();
  for (const object of objects) {
    for (const suppression of object.suppressions) {
      if (config.matchesFile(suppression.files, filePath)) suppressions.push(suppression);
    }
    for (const id of object.unsuppressible) unsuppressible.add(id);
  }
  return { suppressions, unsuppressible, knownRules: config.rules, today };
}

let today: { readonly day: number; readonly text: string } | undefined;

/** YYYY-MM-DD, UTC: of `now`, else of this moment (worked out once a day, not once per file). */
export function utcToday(now?: Date): string {
  if (now) return now.toISOString().slice(0, 10);
  const day = Math.floor(Date.now() / 86_400_000);
  if (today?.day !== day) today = { day, text: new Date(day * 86_400_000).toISOString().slice(0, 10) };
  return today.text;
}
