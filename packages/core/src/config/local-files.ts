import { statSync } from 'node:fs';
import path from 'node:path';
import { isObject } from '../util/guards.js';
import { ConfigError } from './types.js';

const FIRMWARE_KEY = /^(?:s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+|stream:[a-zA-Z0-9_-]{1,128}(?:\/\d{1,3})?)$/;

/**
 * Config's `firmware`: `{ "s3://bucket/key": "build/app.bin", "stream:<streamId>": "..." }`, paths
 * relative to the config file's folder. Each must be a file that exists now: a typo is a config
 * error, not a check silently skipped.
 */
export function parseFirmwareMap(value: unknown, key: string, file: string, baseDir: string): ReadonlyMap<string, string> {
  return parseMap(value, key, file, baseDir, (name) =>
    FIRMWARE_KEY.test(name)
      ? undefined
      : 'is not a location of a request file: write "s3://<bucket>/<key>" (as in `fileLocation.s3Location`) or "stream:<streamId>" (optionally "stream:<streamId>/<fileId>").',
  );
}

/** Config's `certificates`: `{ "<certificateName, as on the device>": "certs/signer.pem" }`. */
export function parseCertificateMap(value: unknown, key: string, file: string, baseDir: string): ReadonlyMap<string, string> {
  return parseMap(value, key, file, baseDir, (name) => (name.length > 0 ? undefined : 'must be the `certificateChain.certificateName` the request gives.'));
}

function parseMap(value: unknown, key: string, file: string, baseDir: string, keyProblem: (name: string) => string | undefined): ReadonlyMap<string, string> {
  if (!isObject(value)) throw new ConfigError(file, key, `must be an object of name: local path, got ${JSON.stringify(value) ?? String(value)}.`);
  const out = new Map<string, string>();
  for (const [name, local] of Object.entries(value)) {
    const entryKey = `${key}["${name}"]`;
    const problem = keyProblem(name);
    if (problem) throw new ConfigError(file, entryKey, `"${name}" ${problem}`);
    if (typeof local !== 'string' || local === '') throw new ConfigError(file, entryKey, `must be the path of a local file, got ${JSON.stringify(local)}.`);
    const absolute = path.resolve(baseDir, local);
    let isFile = false;
    try {
      isFile = statSync(absolute).isFile();
    } catch {
      throw new ConfigError(file, entryKey, `"${local}" does not exist (paths are relative to the config file's folder).`);
    }
    if (!isFile) throw new ConfigError(file, entryKey, `"${local}" is not a file.`);
    out.set(name, absolute);
  }
  return out;
}
