// The two parsers of the javascript kind read the same requests: oxc-parser (what otalint uses where
// its native binding loads) and typescript-estree (where it does not, and for every module oxc finds
// an error in). Held over every TS/JS fixture and every TS/JS module bench/mixed-repo-files.mjs
// writes: the same requests, values, spans, locations of every member, problems, suppression
// comments and findings of every built-in rule.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeValue, lintDocument, readJavaScriptProgram, type ActiveRule, type SourceDocument } from '@otalint/core/engine';
import { isAccountRule } from '@otalint/core/engine';
import { rules } from '@otalint/rules';
import { suite } from 'uvu';
import { writeMixedRepo } from '../../../bench/mixed-repo-files.mjs';
import { parseWithOxc, parseWithTypescriptEstree, scriptParser } from '../../core/src/document/sources/javascript/parse.js';
import { REPO_ROOT } from './helpers/run-cli.js';

const test = suite('javascript kind: oxc-parser and typescript-estree read the same');
const SCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

function scriptsUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SCRIPT.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const ACTIVE: ActiveRule[] = Object.entries(rules)
  .filter(([, rule]) => !isAccountRule(rule))
  .map(([id, rule]) => ({ id, rule, severity: 'error', options: undefined }));

/** Every path of an encoded value (members of objects and lists, not into unknowns). */
function pathsOf(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(value)) value.forEach((item, index) => out.push(...pathsOf(item, [...at, index])));
  else if (value !== null && typeof value === 'object' && !('$unknown' in value)) {
    for (const [key, child] of Object.entries(value))
      if (!key.startsWith('$') || key.startsWith('$$')) out.push(...pathsOf(child, [...at, key.replace(/^\$\$/, '$')]));
  }
  return out;
}

/** What a document says, as plain data: everything a rule, a formatter or a fix reads of it. */
function described(document: SourceDocument): unknown {
  return {
    problems: document.problems,
    disableComments: document.disableComments(),
    requests: document.requests.map((request) => {
      const value = encodeValue(request.value);
      return {
        value,
        span: request.span,
        hasUnknowns: request.hasUnknowns,
        problems: request.problems,
        members: pathsOf(value).map((at) => ({
          at,
          value: request.locate(at, 'value'),
          key: request.locate(at, 'key'),
          sourceText: request.sourceText(at),
          blobInput: request.blobInput?.(at),
        })),
      };
    }),
    findings: lintDocument(document, ACTIVE).messages,
  };
}

function assertSameReading(file: string, text: string, label = file): 'requests' | 'none' | 'syntax error' {
  const fast = parseWithOxc(file, text);
  const reference = parseWithTypescriptEstree(file, text);
  if (!reference.ok) {
    // oxc finds the error too, and typescript-estree says what it is (parseScript falls back).
    assert.equal(fast, undefined, `${label}: typescript-estree finds an error (${reference.message}) that oxc-parser does not`);
    return 'syntax error';
  }
  assert.ok(fast?.ok, `${label}: oxc-parser finds an error where typescript-estree finds none`);
  const read = readJavaScriptProgram(file, text, fast.program);
  assert.deepEqual(described(read), described(readJavaScriptProgram(file, text, reference.program)), label);
  return read.requests.length > 0 ? 'requests' : 'none';
}

test('oxc-parser loads here (the native binding of this platform)', () => {
  assert.equal(scriptParser(), 'oxc');
});

test('every TS/JS fixture reads the same with both parsers', () => {
  const files = scriptsUnder(path.join(REPO_ROOT, 'fixtures'));
  assert.ok(files.length >= 10, `found ${files.length} fixtures`);
  const outcomes = files.map((file) => assertSameReading(path.relative(REPO_ROOT, file), readFileSync(file, 'utf8')));
  assert.ok(outcomes.filter((outcome) => outcome === 'requests').length >= 6, 'the fixtures hold requests');
});

test('every TS/JS module of the generated mixed repository reads the same with both parsers', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-parsers-'));
  try {
    writeMixedRepo(dir, 400);
    const files = scriptsUnder(dir);
    const outcomes = files.map((file) => assertSameReading(path.relative(dir, file), readFileSync(file, 'utf8')));
    assert.ok(outcomes.filter((outcome) => outcome === 'requests').length >= 4, 'some modules hold requests');
    assert.ok(outcomes.filter((outcome) => outcome === 'none').length >= 100, 'most do not');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('mangled fixtures (a character dropped, or a bracket or quote added; seeded): both parsers agree on which parse, and read those the same', () => {
  let seed = 13;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const tally = { requests: 0, none: 0, 'syntax error': 0 };
  for (const file of scriptsUnder(path.join(REPO_ROOT, 'fixtures/code'))) {
    const text = readFileSync(file, 'utf8');
    for (let round = 0; round < 25; round++) {
      const at = Math.floor(random() * text.length);
      const insert = ['', '{', ')', '"', '`'][Math.floor(random() * 5)]!;
      const mangled = text.slice(0, at) + insert + text.slice(insert === '' ? at + 1 : at);
      tally[assertSameReading(path.basename(file), mangled, `${path.basename(file)} (${insert || 'drop'} at ${at})`)]++;
    }
  }
  assert.ok(tally['syntax error'] >= 40 && tally.requests >= 40, JSON.stringify(tally));
});

test('JSX in .js, .mjs and .cjs modules (TypeScript reads JSX in any JavaScript file) is read by oxc-parser too', () => {
  const text =
    "const AWS = require('aws-sdk');\nconst view = <Status id={1} />;\nnew AWS.Iot().createOTAUpdate({ otaUpdateId: 'ui', targets: [view], files: [], roleArn: 'r' });\n";
  for (const file of ['panel.js', 'panel.mjs', 'panel.cjs', 'panel.jsx']) {
    assert.ok(parseWithOxc(file, text)?.ok, file);
    assert.equal(assertSameReading(file, text), 'requests', file);
  }
});

test('a module with a syntax error: oxc-parser hands it to typescript-estree, whose message and offset the problem keeps', () => {
  const text = "import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nnew CreateOTAUpdateCommand({ otaUpdateId: 'a' );\n";
  assert.equal(parseWithOxc('broken.ts', text), undefined);
  const reference = parseWithTypescriptEstree('broken.ts', text);
  assert.ok(!reference.ok);
  assert.equal(assertSameReading('broken.ts', text), 'syntax error');
  assert.equal(text.slice(reference.offset, reference.offset + 1), ')');
});

test('the #! line is no comment, as in typescript-estree; comments keep UTF-16 offsets past non-ASCII text', () => {
  const text = "#!/usr/bin/env node\n// é 😀 otalint-disable-next-line ota/x -- why\nconst a = new CreateOTAUpdateCommand({ otaUpdateId: 'é😀' });\n";
  const fast = parseWithOxc('a.mjs', text);
  assert.ok(fast?.ok);
  assert.deepEqual(
    fast.program.comments?.map((comment) => comment.range),
    [[20, 20 + '// é 😀 otalint-disable-next-line ota/x -- why'.length]],
  );
  assertSameReading('a.mjs', text);
});

test.run();
