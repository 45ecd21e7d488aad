import type { ResolvedConfig } from '../config/resolved-config.js';
import type { SuppressionScope } from './apply.js';
import type { Suppression } from './types.js';

/** The suppressions and locks that apply to one file (an absolute path or one relative to the config). */
export function suppressionScopeFor(config: ResolvedConfig, filePath: string, today = utcToday()): SuppressionScope {
  const suppressions: Suppression[] = [];
  const unsuppressible = new Set<string>();
  for (const object of config.objectsFor(filePath)) {
    for (const suppression of object.suppressions) {
      if (config.matchesFile(suppression.files, filePath)) suppressions.push(suppression);
    }
    for (const id of object.unsuppressible) unsuppressible.add(id);
  }
  return { suppressions, unsuppressible, knownRules: config.rules, today };
}

export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
