/**
 * Defence in depth for "credentials, session tokens and signature bytes never appear": every line
 * submit prints or journals passes through a scrubber that knows the run's secrets, in the forms
 * they travel in as well: URL-encoded (a query string, a presigned URL), JSON-escaped, and base64
 * (a header, a blob), at each of the three alignments base64 may cut them at.
 */
export class Scrubber {
  private readonly secrets = new Set<string>();

  /** Register strings that must never be shown (ignores short ones, which would mangle text). */
  add(...values: ReadonlyArray<string | undefined>): void {
    for (const value of values) {
      if (value === undefined || value.length < 8) continue;
      for (const form of encodedForms(value)) if (form.length >= 8) this.secrets.add(form);
    }
  }

  readonly scrub = (text: string): string => {
    let out = text;
    // Longest first, so a form that contains another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    return out;
  };
}

function encodedForms(secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  const bytes = Buffer.from(secret, 'utf8');
  // Base64 of the secret inside longer data depends on where it starts modulo 3: for each start,
  // the characters whose 6 bits all come from the secret's own bytes.
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((shift * 4) / 3), Math.floor(((shift + bytes.length) * 4) / 3));
    forms.push(core, core.replaceAll('+', '-').replaceAll('/', '_'), encodeURIComponent(core));
  }
  return forms;
}
