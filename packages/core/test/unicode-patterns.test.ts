import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { request as generatedRequest } from '../../../bench/requests.mjs';
import { asciiPatternSource, SCHEMA_PATH } from '../../../scripts/build-validator.mjs';
import type * as ValidateRequest from '../src/schema/generated/validate-request.js';

/**
 * The model's patterns with Unicode property classes (\p{C}, \p{L}...) cost V8 a millisecond or
 * more each to build, which every lint run paid at start-up: the generated validator builds one
 * only for a string outside ASCII, and tests an ASCII string against the pattern's ASCII text.
 */
const test = suite('the model check: patterns with Unicode property classes');

/** Every `pattern` of the request schema. */
function schemaPatterns(node: unknown, into = new Set<string>()): Set<string> {
  if (node === null || typeof node !== 'object') return into;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') into.add(value);
    else schemaPatterns(value, into);
  }
  return into;
}
const unicodePatterns = [...schemaPatterns(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')))].filter((pattern) => pattern.includes('\\p{'));

/** A seeded generator of ASCII strings, short and long, with every character of ASCII in them. */
function asciiStrings(count: number): string[] {
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const strings = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
  strings.push('', ' ', 'team', 'Firmware 0 for the fleet: sensor calibration fixes', 'a\tb', 'a\nb', 'key=value:1/2+3-4@5_6.7');
  for (let i = 0; i < count; i++) {
    const length = next() % 24;
    let text = '';
    // Mostly printable characters (so that some strings match), now and then any of ASCII.
    for (let j = 0; j < length; j++) text += String.fromCharCode(next() % 8 === 0 ? next() % 128 : 32 + (next() % 95));
    strings.push(text);
  }
  return strings;
}

test('the schema has patterns with property classes, and each has an ASCII text', () => {
  assert.ok(unicodePatterns.length >= 2, unicodePatterns.join(', '));
  for (const pattern of unicodePatterns) assert.type(asciiPatternSource(pattern), 'string', pattern);
});

test('an ASCII string matches the ASCII text of a pattern exactly when it matches the pattern', () => {
  const strings = asciiStrings(20000);
  for (const pattern of unicodePatterns) {
    const full = new RegExp(pattern, 'u');
    const ascii = new RegExp(asciiPatternSource(pattern)!, 'u');
    let matched = 0;
    for (const text of strings) {
      assert.is(ascii.test(text), full.test(text), `${pattern} on ${JSON.stringify(text)}`);
      if (full.test(text)) matched++;
    }
    assert.ok(matched > 100 && matched < strings.length - 100, `${pattern}: ${matched} of ${strings.length} matched`);
  }
});

test('no ASCII text for a pattern that has a property class outside a class, a negated one, or one not known', () => {
  assert.is(asciiPatternSource('^[a-z]+$'), undefined);
  assert.is(asciiPatternSource('^\\p{L}+$'), undefined);
  assert.is(asciiPatternSource('^[\\P{L}]+$'), undefined);
  assert.is(asciiPatternSource('^[\\p{Lu}]+$'), undefined);
  assert.is(asciiPatternSource('^[\\p{L}\\]\\p{N}]+$'), '^[A-Za-z\\]0-9]+$');
});

test('checking a request whose strings are ASCII builds no pattern with a property class; one outside ASCII builds it, and is judged by it', async () => {
  const built: string[] = [];
  const Native = RegExp;
  globalThis.RegExp = new Proxy(Native, {
    construct(target, args: [string, string?]) {
      if (String(args[0]).includes('\\p{')) built.push(String(args[0]));
      return new target(...args);
    },
  });
  try {
    const { isCertainlyValidRequest, validateRequest } = (await import(
      `../src/schema/generated/validate-request.js?fresh=${Date.now()}`
    )) as typeof ValidateRequest;
    const request = generatedRequest(0) as Record<string, unknown>;
    assert.ok(typeof request.description === 'string' && Array.isArray(request.tags), 'the request has a description and tags');
    assert.ok(isCertainlyValidRequest(request));
    assert.ok(validateRequest(request));
    assert.ok(!validateRequest({ ...request, description: 'two\nlines' }));
    assert.equal(built, []);
    const accented = { ...request, description: 'Firmware für die Flotte' };
    assert.ok(isCertainlyValidRequest(accented));
    assert.ok(validateRequest(accented));
    assert.ok(!validateRequest({ ...request, description: 'für\u200bdie' }), 'a format character (U+200B) is refused');
    assert.ok(built.length > 0);
  } finally {
    globalThis.RegExp = Native;
  }
});

test.run();
