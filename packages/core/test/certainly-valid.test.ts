import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request as generatedRequest, hasMistake } from '../../../bench/requests.mjs';
import { isCertainlyValidRequest, validateRequest } from '../src/schema/generated/validate-request.js';

/**
 * The model check asks ajv only of a request `isCertainlyValidRequest` (generated from the same
 * schema by scripts/build-validator.mjs) does not vouch for. So it must never vouch for one ajv
 * refuses, and it must vouch for the requests people write, or the fast path is never taken.
 */
const test = suite('the model check: the certainly-valid fast path');

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

function jsonFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) return jsonFiles(file);
    return name.endsWith('.json') ? [file] : [];
  });
}

/** Every JSON fixture that parses, and what its `file://` files hold. */
const written: unknown[] = jsonFiles(fixtures).flatMap((file) => {
  try {
    return [JSON.parse(readFileSync(file, 'utf8')) as unknown];
  } catch {
    return [];
  }
});
const generated = Array.from({ length: 500 }, (_, i) => generatedRequest(i) as unknown);

test('it never vouches for a request ajv refuses, over every fixture and 500 generated requests', () => {
  let vouched = 0;
  for (const value of [...written, ...generated]) {
    if (!isCertainlyValidRequest(value)) continue;
    vouched++;
    assert.ok(validateRequest(value), JSON.stringify(value).slice(0, 300));
  }
  assert.ok(vouched > 400, `vouched for ${vouched}`);
});

test('it vouches for every generated request without a mistake, and for the valid fixtures: ajv is not asked of them', () => {
  for (let i = 0; i < generated.length; i++) {
    if (hasMistake(i)) continue;
    assert.ok(validateRequest(generated[i]), `generated request ${i} is valid`);
    assert.ok(isCertainlyValidRequest(generated[i]), `generated request ${i}`);
  }
  const valid = written.filter((value) => validateRequest(value));
  assert.ok(valid.length >= 10, `${valid.length} valid fixtures`);
  const missed = valid.filter((value) => !isCertainlyValidRequest(value));
  assert.ok(missed.length <= valid.length / 10, `not vouched for: ${missed.map((value) => JSON.stringify(value).slice(0, 120)).join('\n')}`);
});

/** A seeded generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  '',
  'a',
  'x'.repeat(64),
  'y'.repeat(129),
  'z'.repeat(2049),
  '😀',
  '😀'.repeat(65),
  'arn:aws:iot:us-east-1:123456789012:thinggroup/g',
  'MQTT',
  'HTTP',
  'ALL',
  '\u0000',
  ' ',
];
const NUMBERS = [-1, 0, 1, 1.5, 2, 5, 10, 59, 60, 1000, 10080, 3601, 3600, 1e9, 255, 256, 65535, 65536, 100.5];
const MEMBERS = [
  'fileLocaton',
  'otaUpdateId',
  'files',
  'streamId',
  'fileId',
  'tags',
  'Key',
  'Value',
  'bucket',
  'key',
  'version',
  'protocols',
  '__proto__',
  'constructor',
];

function mutateOnce(value: unknown, next: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  // Walk to a random container, then change one of its members or items.
  let container: unknown = copy;
  for (let depth = 0; depth < 6 && next() < 0.75; depth++) {
    const children =
      container !== null && typeof container === 'object' ? Object.values(container).filter((child) => child !== null && typeof child === 'object') : [];
    if (children.length === 0) break;
    container = pick(children);
  }
  if (container === null || typeof container !== 'object') return copy;
  const record = container as Record<string, unknown>;
  const keys = Object.keys(record);
  const key = keys.length > 0 && next() < 0.8 ? pick(keys) : Array.isArray(container) ? String(keys.length) : pick(MEMBERS);
  const replacements = [
    () => pick(STRINGS),
    () => pick(NUMBERS),
    () => next() < 0.5,
    () => null,
    () => [],
    () => [pick(STRINGS)],
    () => ({}),
    () => ({ [pick(MEMBERS)]: pick(STRINGS) }),
    () => undefined,
  ];
  const replacement = pick(replacements)();
  if (replacement === undefined && !Array.isArray(container)) delete record[key];
  else if (key === '__proto__') Object.defineProperty(record, key, { value: replacement, enumerable: true, configurable: true, writable: true });
  else record[key] = replacement;
  return copy;
}

test('it never vouches for a request ajv refuses, over 30,000 seeded mutations of the fixtures and generated requests', () => {
  const next = random(Number(process.env.OTALINT_CERTAINLY_VALID_SEED ?? 13));
  const bases = [...written, ...generated.slice(0, 50)].filter((value) => value !== null && typeof value === 'object');
  let vouched = 0;
  let refused = 0;
  for (let i = 0; i < 30_000; i++) {
    let value: unknown = bases[i % bases.length];
    const rounds = 1 + Math.floor(next() * 3);
    for (let round = 0; round < rounds; round++) value = mutateOnce(value, next);
    const valid = validateRequest(value);
    if (!valid) refused++;
    if (!isCertainlyValidRequest(value)) continue;
    vouched++;
    assert.ok(valid, `mutation ${i}: ${JSON.stringify(value).slice(0, 400)}`);
  }
  // Both answers occur often, so the implication is tested, not assumed.
  assert.ok(vouched > 500 && refused > 10_000, `vouched ${vouched}, refused by ajv ${refused}`);
});

test.run();
