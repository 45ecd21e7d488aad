import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { Linter, decodeText, type FileResult } from '@otalint/core/engine';
import { plugin } from '@otalint/rules';
import { suite } from 'uvu';
import { json } from '../src/formatters/json.js';
import { sarif } from '../src/formatters/sarif.js';
import { ruleInfo } from '../src/lint-run.js';
import { REPO_ROOT } from './helpers/run-cli.js';
import { runOtalint } from './support/run-bin.js';

// The mutation campaign of issue 12: every fixture otalint reads (requests in JSON and YAML,
// code, shell, workflows, Makefiles, Markdown), mangled at random as bytes, seeded so a failure
// can be replayed: characters typed wrong, spans deleted, duplicated and swapped, hostile tokens inserted (syntax, YAML
// anchors and tags, __proto__, escapes, terminal controls, bytes that are not UTF-8, deep
// nesting), the file cut short. Every mutation must lint with every rule of the `all` preset with
// no crash (no internal-error, nothing thrown), no hang, and every range inside the file; the
// JSON and SARIF reports over all of them must parse; and one run of the built binary over a
// sample of them, written to disk, must report every file (nothing lost).
const test = suite('mutation campaign: every fixture mangled (seeded); no crash, no hang, every range inside the file');

const SEED = Number(process.env.OTALINT_CAMPAIGN_SEED ?? 20261201);
const MUTATIONS = 6000;
/** One lint taking this long is a hang (the slowest mutation takes tens of ms; CI machines are busy). */
const HANG_MS = 5000;
/** Mutations written to disk for the run of the binary. */
const ON_DISK = 400;

const FILES = fg
  .sync(['fixtures/**/*.{json,yaml,yml,ts,js,mjs,py,sh,md}', 'fixtures/**/Makefile'], {
    cwd: REPO_ROOT,
    ignore: ['**/*.expected.json', '**/node_modules/**', 'fixtures/real-world/sources.json'],
  })
  .sort();

const TOKENS: ReadonlyArray<string | Uint8Array> = [
  ...'{}[]:,"\'-\n#&*!|>?%@`\\$()='.split(''),
  '&a ',
  '*a',
  '<<: *a\n',
  '!!binary ',
  '!!js/function ',
  '!custom ',
  '---\n',
  '__proto__',
  '"__proto__": {},',
  'constructor',
  '1e999',
  '-0',
  '"\\ud800"',
  '\\u0000',
  '\u0000',
  '\u001b]0;owned\u0007',
  '\u001b[31m',
  '\u202e',
  '\ufeff',
  '\r',
  '\u2028',
  '[['.repeat(300),
  '{"a":'.repeat(200),
  '${x}',
  '$(aws iot create-ota-update --cli-input-json file://r.json)',
  '/*',
  '`',
  '"""',
  new Uint8Array([0xff]),
  new Uint8Array([0xc3]),
  new Uint8Array([0xed, 0xa0, 0x80]),
  new Uint8Array([0xf4, 0x90, 0x80, 0x80]),
  new Uint8Array([0xfe, 0xff, 0x00, 0x7b]),
];

const TYPO = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One to four edits of the bytes. */
function mutate(original: Buffer, random: () => number): Buffer {
  let bytes = original;
  const pick = (length: number) => Math.floor(random() * length);
  for (let edit = 0, edits = 1 + pick(4); edit < edits; edit++) {
    const at = pick(bytes.length + 1);
    const span = 1 + pick(16);
    const kind = random();
    if (kind < 0.2 && at < bytes.length) {
      // One character typed wrong: a letter or digit for another, as a typo in a key or a PEM block is.
      bytes = Buffer.from(bytes);
      bytes[at] = TYPO.charCodeAt(pick(TYPO.length));
    } else if (kind < 0.35) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + span)]);
    else if (kind < 0.45) bytes = Buffer.concat([bytes.subarray(0, at + span), bytes.subarray(at, at + span), bytes.subarray(at + span)]);
    else if (kind < 0.55) {
      const other = pick(bytes.length + 1);
      const [a, b] = at < other ? [at, other] : [other, at];
      if (a + span > b) continue;
      bytes = Buffer.concat([
        bytes.subarray(0, a),
        bytes.subarray(b, b + span),
        bytes.subarray(a + span, b),
        bytes.subarray(a, a + span),
        bytes.subarray(b + span),
      ]);
    } else if (kind < 0.95) {
      const token = TOKENS[pick(TOKENS.length)]!;
      bytes = Buffer.concat([bytes.subarray(0, at), typeof token === 'string' ? Buffer.from(token) : token, bytes.subarray(at)]);
    } else bytes = bytes.subarray(0, at);
  }
  return bytes;
}

/** Diagnostics whose range is not inside the text (1-based lines and columns, 0-based offsets). */
function outside(result: FileResult, text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const width = (line: number) => lines[line - 1]!.length + 1;
  const found: string[] = [];
  for (const m of [...result.messages, ...(result.suppressedMessages ?? [])]) {
    const inside =
      m.line >= 1 &&
      m.line <= lines.length &&
      m.column >= 1 &&
      m.column <= width(m.line) &&
      m.endLine >= m.line &&
      m.endLine <= lines.length &&
      m.endColumn >= 1 &&
      m.endColumn <= width(m.endLine) &&
      (m.endLine > m.line || m.endColumn >= m.column) &&
      m.offset >= 0 &&
      m.length >= 0 &&
      m.offset + m.length <= text.length;
    if (!inside) found.push(`${m.ruleId} at ${m.line}:${m.column}-${m.endLine}:${m.endColumn} (offset ${m.offset}+${m.length} of ${text.length})`);
  }
  return found;
}

test('every fixture, mutated (seeded): no crash, no hang, every range inside, the reports parse, nothing lost on disk', async () => {
  const linter = await Linter.create({ cwd: REPO_ROOT, builtins: plugin, defaultConfig: [{ extends: ['all'] }], configFile: undefined as never });
  const random = mulberry32(SEED);
  const originals = FILES.map((file) => ({ file, bytes: readFileSync(path.join(REPO_ROOT, file)) }));
  const rounds = Math.ceil(MUTATIONS / originals.length);
  const results: FileResult[] = [];
  const onDisk: Array<{ name: string; bytes: Buffer }> = [];
  const figures = { crashes: 0, hangs: 0, outside: 0, lost: 0 };
  const failures: string[] = [];
  let mutations = 0;
  let slowest = { ms: 0, name: '' };
  const started = performance.now();
  for (const { file, bytes: original } of originals) {
    for (let round = 0; round < rounds; round++) {
      const bytes = mutate(original, random);
      // The fixture's folder, the round, the fixture's own name (which decides its source kind).
      const name = `${path.dirname(file)}/mutation-${round}/${path.basename(file)}`;
      mutations++;
      let result: FileResult;
      let lintStarted = 0;
      try {
        // Loading a parser (once per source kind) is not the lint's own time.
        await linter.prepare(file, bytes.toString('utf8'));
        lintStarted = performance.now();
        result = linter.lintBytes(bytes, file);
      } catch (error) {
        figures.crashes++;
        failures.push(`${name}: threw ${(error as Error).stack}`);
        continue;
      }
      const ms = performance.now() - lintStarted;
      if (ms > slowest.ms) slowest = { ms, name };
      if (ms > HANG_MS) {
        figures.hangs++;
        failures.push(`${name}: took ${Math.round(ms)} ms`);
      }
      for (const crash of result.messages.filter((m) => m.ruleId === 'internal-error')) {
        figures.crashes++;
        failures.push(`${name}: ${crash.message}`);
      }
      for (const range of outside(result, decodeText(bytes).text)) {
        figures.outside++;
        failures.push(`${name}: ${range} is outside the file`);
      }
      results.push({ ...result, filePath: name });
      if (round % Math.ceil((rounds * originals.length) / ON_DISK) === 0) onDisk.push({ name, bytes });
    }
  }
  const seconds = (performance.now() - started) / 1000;

  const context = { cwd: REPO_ROOT, sourceRoot: REPO_ROOT, rules: ruleInfo(linter), color: false, toolVersion: '0.0.0' };
  for (const [format, render] of [
    ['json', json],
    ['sarif', sarif],
  ] as const) {
    try {
      JSON.parse(render(results, context));
    } catch (error) {
      failures.push(`the ${format} report of the campaign does not parse: ${(error as Error).message}`);
    }
  }

  // The binary over a sample written to disk (with its files' own names, so each keeps its source
  // kind): every file has a result in the JSON report and in the SARIF log, and the run ends normally.
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-campaign-'));
  try {
    for (const { name, bytes } of onDisk) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), bytes);
    }
    writeFileSync(path.join(dir, 'otalint.config.mjs'), "export default [{ extends: ['all'] }];\n");
    // Named one by one: a folder would skip code files a mutation left without a request in them.
    const named = onDisk.map(({ name }) => name);
    const run = await runOtalint([...named, '--format', 'json', '--format', 'sarif:report.sarif', '--no-ignore'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      timeoutMs: 120_000,
    });
    assert.equal(run.signal, null, 'the run of the binary hung');
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr.slice(0, 2000)}`);
    assert.doesNotMatch(run.stderr, /internal error/);
    const reported = new Set((JSON.parse(run.stdout) as { results: Array<{ filePath: string }> }).results.map((result) => result.filePath));
    const sarifLog = JSON.parse(readFileSync(path.join(dir, 'report.sarif'), 'utf8')) as { runs: Array<{ artifacts?: unknown[] }> };
    assert.equal(sarifLog.runs.length, 1);
    for (const { name } of onDisk) {
      if (reported.has(name)) continue;
      figures.lost++;
      failures.push(`${name}: written to disk, missing from the report of the binary`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `  campaign (seed ${SEED}): ${originals.length} fixtures, ${mutations} mutations in ${seconds.toFixed(1)} s (slowest ${slowest.ms.toFixed(0)} ms: ${slowest.name}); ` +
      `${figures.crashes} crashes, ${figures.hangs} hangs, ${figures.outside} ranges outside the file, reports parse: ${failures.some((f) => f.includes('does not parse')) ? 'no' : 'yes'}; ` +
      `${onDisk.length} written to disk and linted by the binary: ${figures.lost} lost`,
  );
  assert.ok(mutations >= MUTATIONS, `${mutations} mutations`);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures in ${mutations} mutations`);
});

test.run();
