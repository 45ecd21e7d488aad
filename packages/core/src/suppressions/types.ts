/** One config suppression, checked: it waives findings of `rule` at or under `path` in `files`. */
export interface Suppression {
  /** Where it was declared, for messages: `.otalintrc.json [0].suppressions[1]`. */
  readonly origin: string;
  /** The config file it came from, and the path to the entry inside it (to point at it). */
  readonly configFile: string;
  readonly configPath: ReadonlyArray<string | number>;
  /** Globs relative to the config file's folder. */
  readonly files: readonly string[];
  /** JSON pointer; the suppression covers this value and everything under it ("" is the whole file). */
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
  /** YYYY-MM-DD: the last day the suppression applies. */
  readonly expires?: string;
}

/** Whether a suppression at `scope` covers a finding at `pointer`: the same value or one inside it. */
export function pointerCovers(scope: string, pointer: string): boolean {
  return scope === '' || pointer === scope || pointer.startsWith(`${scope}/`);
}
