import type { ResolvedConfig } from '../config/resolved-config.js';
import type { SuppressionScope } from './apply.js';
import type { Suppression } from './types.js';

/**
 * The scope of the files whose config objects neither waive nor lock anything (most files of most
 * runs), by config. Its date is read when something asks for it (a disable comment's expiry), not
 * once per file: most files of a run ask nothing of it.
 */
const waivingNothing = new WeakMap<ResolvedConfig, SuppressionScope>();

/** The suppressions and locks that apply to one file (an absolute path or one relative to the config); `today` fixes the date. */
export function suppressionScopeFor(config: ResolvedConfig, filePath: string, today?: string): SuppressionScope {
  const objects = config.objectsFor(filePath);
  if (objects.every((object) => object.suppressions.length === 0 && object.unsuppressible.length === 0)) {
    if (today !== undefined) return { suppressions: [], unsuppressible: new Set(), knownRules: config.rules, today };
    let shared = waivingNothing.get(config);
    if (!shared) waivingNothing.set(config, (shared = waivingNothingScope(config)));
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
  return { suppressions, unsuppressible, knownRules: config.rules, today: today ?? utcToday() };
}

/** A scope that waives and locks nothing, whose `today` is this moment's date each time it is read. */
function waivingNothingScope(config: ResolvedConfig): SuppressionScope {
  return {
    suppressions: [],
    unsuppressible: new Set(),
    knownRules: config.rules,
    get today() {
      return utcToday();
    },
  };
}

let today: { readonly day: number; readonly text: string } | undefined;

/** YYYY-MM-DD, UTC: of `now`, else of this moment (worked out once a day, not once per file). */
export function utcToday(now?: Date): string {
  if (now) return now.toISOString().slice(0, 10);
  const day = Math.floor(Date.now() / 86_400_000);
  if (today?.day !== day) today = { day, text: new Date(day * 86_400_000).toISOString().slice(0, 10) };
  return today.text;
}
