/**
 * Defence in depth for "credentials, session tokens and signature bytes never appear": every line
 * submit prints or journals passes through a scrubber that knows the run's secrets.
 */
export class Scrubber {
  private readonly secrets = new Set<string>();

  /** Register strings that must never be shown (ignores short ones, which would mangle text). */
  add(...values: ReadonlyArray<string | undefined>): void {
    for (const value of values) if (value !== undefined && value.length >= 8) this.secrets.add(value);
  }

  readonly scrub = (text: string): string => {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out;
  };
}
