import type { Diagnostic } from './diagnostic.js';
import { nodeCrypto } from './util/node-crypto.js';
import { fromJsonPointer, getAtPath } from './util/json-pointer.js';
import { isUnknown } from './value/unknown.js';

/**
 * The key under which SARIF `partialFingerprints` carries ours. The `v1` names the recipe below:
 * change the recipe and this name together, or every baseline out there silently stops matching.
 */
export const FINGERPRINT_KEY = 'otalint/v1';

/**
 * A finding's identity that survives edits elsewhere in the file: the rule id, the JSON pointer
 * and a hash of the value there (as parsed, so re-indenting or reordering keys changes nothing),
 * then `:n` for the n-th finding with that identity in the file (as GitHub's own
 * `primaryLocationLineHash` does), so two equal findings stay two.
 *
 * Line numbers are deliberately not part of it: adding a member above a finding moves it, but
 * does not make it a new finding.
 */
export function fingerprintMessages(messages: readonly Diagnostic[], requests: ReadonlyArray<{ readonly value: unknown }>): Diagnostic[] {
  const fingerprinted: Diagnostic[] = [];
  eachFingerprint(messages, requests, (message, fingerprint) => fingerprinted.push(withFingerprint(message, fingerprint)));
  return fingerprinted;
}

/** How many findings `addFingerprints` gave a fingerprint, and how many `withFingerprint` copied to give one (tests hold the engine's path to none). */
export const fingerprinting = { added: 0, copied: 0 };

/**
 * `fingerprintMessages` for the engine's findings of a file, made for this file and not handed
 * out yet: each gets its fingerprint in place, so a finding stays the one object its rule's report
 * made from there to the report.
 */
export function addFingerprints(messages: readonly Diagnostic[], requests: ReadonlyArray<{ readonly value: unknown }>): void {
  eachFingerprint(messages, requests, (message, fingerprint) => {
    fingerprinting.added++;
    (message as { fingerprint?: string }).fingerprint = fingerprint;
  });
}

function eachFingerprint(
  messages: readonly Diagnostic[],
  requests: ReadonlyArray<{ readonly value: unknown }>,
  take: (message: Diagnostic, fingerprint: string) => void,
): void {
  if (messages.length === 0) return;
  // Most files with a finding have one: its identity occurs once, and no value is written twice.
  if (messages.length === 1) {
    take(messages[0]!, `${identityOf(messages[0]!, requests, (index) => requestScopes(requests)[index]!, canonicalJson)}:1`);
    return;
  }
  const seen = new Map<string, number>();
  // Only a file with several requests names them (most files hold one).
  let scopes: string[] | undefined;
  // Many findings can sit on one large value (syntax errors in a list of 100,000 items): write it out once.
  const written = new Map<unknown, string>();
  const canonical = (value: unknown) => {
    if (value === null || typeof value !== 'object') return canonicalJson(value);
    let text = written.get(value);
    if (text === undefined) written.set(value, (text = canonicalJson(value)));
    return text;
  };
  const scopeOf = (index: number) => (scopes ??= requestScopes(requests))[index]!;
  for (const message of messages) {
    const identity = identityOf(message, requests, scopeOf, canonical);
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    take(message, `${identity}:${occurrence}`);
  }
}

/** A finding's identity: its rule, its request's scope (`scopeOf`, in a file with several) and pointer, and a hash of the value there. */
function identityOf(
  message: Diagnostic,
  requests: ReadonlyArray<{ readonly value: unknown }>,
  scopeOf: (index: number) => string,
  canonical: (value: unknown) => string,
): string {
  const index = message.requestIndex ?? 0;
  const scope = message.requestIndex === undefined ? '' : scopeOf(index);
  return hashIdentity(message.ruleId, `${scope}${message.path}`, canonical(valueAt(requests[index]?.value, message.path)));
}

/**
 * A copy of a finding with its fingerprint, written as `Object.assign`, not `{ ...message, fingerprint }`:
 * V8 (Node 20) gives every object made by a spread and then a new member a hidden class of its
 * own, several times slower to make and to read, and held for as long as the finding is.
 */
function withFingerprint<T extends Diagnostic>(message: T, fingerprint: string): T {
  fingerprinting.copied++;
  return Object.assign({}, message, { fingerprint });
}

/**
 * In a file with several requests, a finding's identity names its request: by its otaUpdateId
 * when that is written out and unique in the file (so adding a command above it changes
 * nothing), else by its position.
 */
function requestScopes(requests: ReadonlyArray<{ readonly value: unknown }>): string[] {
  const ids = requests.map((request) => {
    const id = (request.value as { otaUpdateId?: unknown } | null | undefined)?.otaUpdateId;
    return typeof id === 'string' ? id : undefined;
  });
  return ids.map((id, index) => (id !== undefined && ids.indexOf(id) === ids.lastIndexOf(id) ? `#${id}` : `#${index}`));
}

export function identityHash(ruleId: string, pointer: string, value: unknown): string {
  return hashIdentity(ruleId, pointer, canonicalJson(value));
}

function hashIdentity(ruleId: string, pointer: string, canonicalValue: string): string {
  const crypto = nodeCrypto();
  const identity = `${ruleId}\0${pointer}\0${canonicalValue}`;
  // crypto.hash (Node 20.12): the same digest, without a Hash object per finding.
  const hex = typeof crypto.hash === 'function' ? crypto.hash('sha256', identity, 'hex') : crypto.createHash('sha256').update(identity).digest('hex');
  return hex.slice(0, 32);
}

/**
 * JSON with sorted keys; `undefined` (a missing member) is its own token, never confused with null.
 * Written into one string as it goes: a list per container to join made a finding's value cost
 * several times more.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '~undefined';
  if (value === null || typeof value !== 'object') {
    return typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  }
  if (isUnknown(value)) return `~unknown:${JSON.stringify(value.source)}`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    // A hole (`[1, , 2]`) is written as nothing, as joining a mapped list wrote it (baselines hold those fingerprints).
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (i in value ? canonicalJson(value[i]) : '');
    return out + ']';
  }
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++)
    out += (i === 0 ? '' : ',') + JSON.stringify(keys[i]) + ':' + canonicalJson((value as Record<string, unknown>)[keys[i]!]);
  return out + '}';
}

function valueAt(request: unknown, pointer: string): unknown {
  try {
    return getAtPath(request, fromJsonPointer(pointer));
  } catch {
    return undefined;
  }
}
