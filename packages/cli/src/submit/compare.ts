import { toJsonPointer } from '@otalint/core';
import { redactDifference } from './blobs.js';
import type { RemoteUpdate } from './iot-client.js';
import type { Difference } from './types.js';

/**
 * "Is the update AWS holds the one this file asks for?" GetOTAUpdate echoes only part of a request
 * (no roleArn, tags, abort or timeout config), so only those members are compared, and only where
 * the file sets them: the service fills defaults (protocols, targetSelection) the file may omit.
 */

/** Request member → its name in GetOTAUpdate's otaUpdateInfo. */
const ECHOED: Readonly<Record<string, string>> = {
  description: 'description',
  targets: 'targets',
  protocols: 'protocols',
  targetSelection: 'targetSelection',
  awsJobExecutionsRolloutConfig: 'awsJobExecutionsRolloutConfig',
  awsJobPresignedUrlConfig: 'awsJobPresignedUrlConfig',
  additionalParameters: 'additionalParameters',
  files: 'otaUpdateFiles',
};

/** Lists whose order carries no meaning. */
const UNORDERED = new Set(['targets', 'protocols']);

/** The SDK hands blobs back as bytes; the file holds them as base64. */
function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalize(inner)]));
  }
  return value;
}

function collect(local: unknown, remote: unknown, path: Array<string | number>, out: Difference[]): void {
  if (Array.isArray(local)) {
    if (!Array.isArray(remote) || remote.length !== local.length) {
      out.push({ path: toJsonPointer(path), local, remote });
      return;
    }
    local.forEach((item, index) => collect(item, remote[index], [...path, index], out));
    return;
  }
  if (local !== null && typeof local === 'object') {
    if (remote === null || typeof remote !== 'object' || Array.isArray(remote)) {
      out.push({ path: toJsonPointer(path), local, remote });
      return;
    }
    for (const [key, inner] of Object.entries(local)) collect(inner, (remote as Record<string, unknown>)[key], [...path, key], out);
    return;
  }
  if (local !== remote) out.push({ path: toJsonPointer(path), local, remote });
}

/** Members of the request that the update at AWS does not match (signatures redacted); empty when it matches. */
export function differences(request: Record<string, unknown>, remote: RemoteUpdate): Difference[] {
  const info = normalize(remote) as Record<string, unknown>;
  const out: Difference[] = [];
  for (const [member, echoedAs] of Object.entries(ECHOED)) {
    const local = request[member];
    if (local === undefined) continue;
    let theirs = info[echoedAs];
    let ours = local;
    if (UNORDERED.has(member) && Array.isArray(ours) && Array.isArray(theirs)) {
      ours = [...ours].sort();
      theirs = [...theirs].sort();
    }
    const found: Difference[] = [];
    collect(ours, theirs, [member], found);
    // Unordered lists are reported whole: an index into a sorted copy would point at the wrong item.
    if (found.length > 0 && UNORDERED.has(member)) out.push({ path: toJsonPointer([member]), local, remote: info[echoedAs] });
    else for (const difference of found) out.push(difference);
  }
  return out.map(redactDifference);
}
