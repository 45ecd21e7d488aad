import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { suite } from 'uvu';
import { goodRequest, json } from './helpers/ci-project.js';
import { tempProject } from './helpers/run-cli.js';
import { BIN, run, runOtalint, type BinRun } from './support/run-bin.js';

// Hostile inputs, generated here, through the built binary as a user runs it. Each run has a
// deadline: a hang is a failure (the run is killed and its signal says so), not a stuck suite.
const test = suite('hostile input: every file gets its diagnostics, none costs the others, nothing hangs');

const DEADLINE_MS = 30_000;
const lint = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runOtalint(args, { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env }, timeoutMs: DEADLINE_MS });

interface Report {
  version: string;
  results: Array<{
    filePath: string;
    errorCount: number;
    warningCount: number;
    messages: Array<{ ruleId: string; message: string; omitted?: number; line: number }>;
  }>;
}
function report(run: BinRun): Report {
  assert.equal(run.signal, null, `the run hung and was killed: ${run.stderr.slice(0, 500)}`);
  try {
    return JSON.parse(run.stdout) as Report;
  } catch {
    return assert.fail(`not JSON (exit ${run.status}): ${run.stdout.slice(0, 300)}\n${run.stderr.slice(0, 500)}`);
  }
}
const byFile = (parsed: Report) => Object.fromEntries(parsed.results.map((result) => [result.filePath, result]));
const ruleIds = (result: { messages: Array<{ ruleId: string }> } | undefined) => result?.messages.map((m) => m.ruleId) ?? [];

const GOOD = json(goodRequest());
const BAD_ID = json({ ...goodRequest(), otaUpdateId: 'bad id!' });
/** Only the model check: these tests are about the engine, not about rules. */
const MODEL_ONLY = json([{ rules: { 'aws-api-model': 'error' } }]);

test('symbolic links that loop (a -> ., b -> ., up -> ..): each real folder once, and the run ends', async () => {
  const dir = tempProject({ '.otalintrc.json': MODEL_ONLY, 'requests/good.json': GOOD, 'requests/sub/bad.json': BAD_ID });
  symlinkSync('.', path.join(dir, 'requests/a'));
  symlinkSync('.', path.join(dir, 'requests/b'));
  symlinkSync('..', path.join(dir, 'requests/sub/up'));
  symlinkSync('sub', path.join(dir, 'requests/again'));
  const run = await lint(dir, ['requests', '-f', 'json']);
  const parsed = report(run);
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(
    parsed.results.map((r) => r.filePath),
    ['requests/good.json', 'requests/sub/bad.json'],
  );
  const glob = report(await lint(dir, ['requests/**/*.json', '-f', 'json']));
  assert.equal(glob.results.length, 2, 'a glob walks the same way');
});

/**
 * root reads every folder, so an unreadable one needs another user: as root the run drops to
 * nobody (setpriv); as anyone else a folder with mode 0 is unreadable already.
 */
const asRoot = process.getuid?.() === 0;
const canDropToNobody = asRoot && spawnSync('setpriv', ['--reuid', 'nobody', '--regid', 'nogroup', '--clear-groups', process.execPath, '-e', '0']).status === 0;

(asRoot && !canDropToNobody ? test.skip : test)('a folder that cannot be read is that folder’s diagnostic; the other folders keep their results', async () => {
  const dir = tempProject({ '.otalintrc.json': MODEL_ONLY, 'requests/ok/good.json': GOOD, 'requests/locked/x.json': GOOD, 'requests/bad.json': BAD_ID });
  chmodSync(path.join(dir, 'requests/locked'), 0);
  for (const folder of ['', 'requests', 'requests/ok']) chmodSync(path.join(dir, folder), 0o755);
  const args = [BIN, 'requests', '-f', 'json'];
  const env = { ...process.env, NO_COLOR: '1' };
  const result = asRoot
    ? await run('setpriv', ['--reuid', 'nobody', '--regid', 'nogroup', '--clear-groups', process.execPath, ...args], { cwd: dir, env, timeoutMs: DEADLINE_MS })
    : await run(process.execPath, args, { cwd: dir, env, timeoutMs: DEADLINE_MS });
  chmodSync(path.join(dir, 'requests/locked'), 0o755);
  const results = byFile(report(result));
  assert.equal(result.status, 2, 'an unreadable folder fails the run');
  assert.deepEqual(ruleIds(results['requests/locked']), ['unreadable-file']);
  assert.match(
    results['requests/locked']!.messages[0]!.message,
    /^Cannot read the folder: permission denied\. Its files were not linted; the other folders were\.$/,
  );
  assert.deepEqual(ruleIds(results['requests/ok/good.json']), []);
  assert.deepEqual(ruleIds(results['requests/bad.json']), ['aws-api-model']);
});

test('one run, many hostile files: each gets its own diagnostic naming the limit, and the good file its clean result', async () => {
  const anchor = 'A'.repeat(2_000_000);
  const dir = tempProject({
    '.otalintrc.json': json([{ extends: ['all'] }]),
    'good.json': GOOD,
    'deep.json': `{"otaUpdateId": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
    'deep.yaml': `otaUpdateId: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    'bomb.yaml': `otaUpdateId: &a "${anchor}"\nroleArn:\n${Array.from({ length: 999 }, () => '  - *a').join('\n')}\n`,
    'unknown-keys.json': json(
      Object.fromEntries([...Object.entries({ ...goodRequest(), otaUpdateId: 'fw-keys' }), ...Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i])]),
    ),
    'commas.json': `{"otaUpdateId": "fw-commas", "targets": [${Array.from({ length: 50_000 }, (_, i) => `"t${i}"`).join(' ')}]}`,
    'proto.json': '{"otaUpdateId": "fw-1", "__proto__": {"polluted": true}, "roleArn": }',
  });
  const run = await lint(dir, ['.', '-f', 'json']);
  const results = byFile(report(run));
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(ruleIds(results['good.json']), [], 'the good file keeps its clean result');
  for (const file of ['deep.json', 'deep.yaml']) {
    assert.deepEqual(ruleIds(results[file]), ['limit-exceeded'], file);
    assert.match(results[file]!.messages[0]!.message, /more than 100 levels deep, past otalint's nesting limit/);
  }
  assert.deepEqual(ruleIds(results['bomb.yaml']), ['limit-exceeded']);
  assert.match(results['bomb.yaml']!.messages[0]!.message, /expanded-size limit/);
  const unknown = results['unknown-keys.json']!;
  assert.equal(unknown.errorCount, 20_000);
  assert.equal(unknown.messages.length, 101);
  assert.equal(unknown.messages.at(-1)!.omitted, 19_899);
  const commas = results['commas.json']!.messages.filter((m) => m.ruleId === 'syntax-error');
  assert.equal(commas.length, 101);
  assert.equal(commas.at(-1)!.omitted, 49_898);
  assert.ok(
    results['proto.json']!.messages.some((m) => m.message.startsWith('Unknown member `__proto__`')),
    '__proto__ stays a member past a syntax error',
  );
});

test('130,000 bad targets in stylish: the first of each kind, a closing "and N more", true totals', async () => {
  const dir = tempProject({
    '.otalintrc.json': json([{ extends: ['recommended'], rules: { 'target-arn-format': 'error' } }]),
    'targets.json': json({ ...goodRequest(), targets: Array.from({ length: 130_000 }, (_, i) => `bad${i}`) }),
  });
  const run = await lint(dir, ['targets.json']);
  assert.equal(run.signal, null, 'no hang');
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /\(And 129,899 more like this, not shown: otalint shows the first 101 of a kind per request\.\)/);
  assert.match(run.stdout, /✖ \d{6} problems \(1\d{5} errors/);
  assert.ok(run.stdout.split('\n').length < 400, 'a readable report');
});

test('files: invalid UTF-8 is an error at its byte offset and --fix leaves every byte; UTF-16 is named', async () => {
  const broken = Buffer.concat([Buffer.from('{\n  "otaUpdateId": "fw-1",\n  "description": "caf'), Buffer.from([0xe9]), Buffer.from('",\n}\n')]);
  const dir = tempProject({ '.otalintrc.json': MODEL_ONLY });
  writeFileSync(path.join(dir, 'latin1.json'), broken);
  writeFileSync(path.join(dir, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]));
  const run = await lint(dir, ['latin1.json', 'utf16.json', '--fix', '-f', 'json']);
  const results = byFile(report(run));
  assert.equal(run.status, 1);
  const encoding = results['latin1.json']!.messages.find((m) => m.ruleId === 'encoding-error')!;
  assert.match(encoding.message, /^The file is not valid UTF-8: byte 48 \(0xE9\) starts a character whose next bytes do not complete it;/);
  assert.equal(encoding.line, 3);
  assert.ok(ruleIds(results['latin1.json']).includes('syntax-error'), 'the trailing comma is still reported');
  assert.deepEqual(readFileSync(path.join(dir, 'latin1.json')), broken, '--fix wrote nothing: the text is not the file’s bytes');
  assert.deepEqual(ruleIds(results['utf16.json']), ['encoding-error']);
  assert.match(results['utf16.json']!.messages[0]!.message, /^The file is UTF-16 \(little-endian\) \(with a byte order mark\), not UTF-8;/);
});

test('terminal escapes in values, keys and file names are shown escaped in stylish, github and on stderr', async () => {
  const esc = '\u001b';
  const name = `evil${esc}]0;owned${'\u0007'}.json`;
  const dir = tempProject({ '.otalintrc.json': json([{ extends: ['recommended'] }]) });
  writeFileSync(
    path.join(dir, name),
    `{"otaUpdateId": "x${esc}[2J", "${esc}[31mkey": 1, "targets": ["${esc}]8;;http://x${'\u0007'}t\u202e"], "roleArn": 'r${esc}[1m' }`,
  );
  for (const format of ['stylish', 'github']) {
    const run = await lint(dir, ['.', '-f', format, '--fix-dry-run']);
    assert.equal(run.signal, null);
    for (const [stream, text] of [
      ['stdout', run.stdout],
      ['stderr', run.stderr],
    ] as const) {
      assert.ok(
        !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text.replace(/\r?\n/g, '')),
        `${format} ${stream} prints a raw control character`,
      );
    }
    assert.match(run.stdout, /evil\\x1B\]0;owned\\x07\.json/, `${format}: the file name, escaped`);
    assert.match(run.stdout, /\\x1B\[31mkey/, `${format}: the key, escaped`);
  }
});

test('config: a top-level await that never settles, throw {}, two plugins under one namespace, --rule __proto__:off, unknown YAML tags', async () => {
  const cases: Array<[Record<string, string>, string[], RegExp]> = [
    [
      { 'otalint.config.mjs': 'await new Promise(() => {});\nexport default [];\n' },
      ['r.json'],
      /^otalint: invalid config: otalint\.config\.mjs: never finished loading: its top-level code waits on a promise that can never settle/,
    ],
    [{ 'otalint.config.mjs': 'throw {};\n' }, ['r.json'], /^otalint: invalid config: otalint\.config\.mjs: could not be loaded: it threw \{\}, not an Error\n/],
    [
      {
        'otalint.config.mjs': [
          "const rule = (id) => ({ meta: { id, description: 'd', category: 'files', defaultSeverity: 'warning', certainty: 'inferred', messages: { m: 'm' } }, defaultOptions: {}, check() {} });",
          "const one = { meta: { name: 'otalint-plugin-one', version: '1.0.0' }, rules: { a: rule('a') } };",
          "const two = { meta: { name: 'otalint-plugin-two', version: '1.0.0' }, rules: { b: rule('b') } };",
          'export default [{ plugins: { acme: one } }, { plugins: { acme: two } }];',
        ].join('\n'),
      },
      ['r.json'],
      /^otalint: invalid config: otalint\.config\.mjs: \[1\]\.plugins\.acme: the namespace "acme" is already taken by plugin "otalint-plugin-one"; each namespace names one plugin\./,
    ],
    [{}, ['r.json', '--rule', '__proto__:off'], /^otalint: invalid config: command line \(--rule\): \[0\]\.rules\.__proto__: unknown rule "__proto__"/],
  ];
  for (const [files, args, message] of cases) {
    const dir = tempProject({ 'r.json': GOOD, ...files });
    const run = await lint(dir, args);
    assert.equal(run.signal, null, `${args.join(' ')}: no hang`);
    assert.equal(run.status, 2, `${JSON.stringify(files)}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
  const dir = tempProject({ '.otalintrc.json': MODEL_ONLY, 'f.yaml': 'otaUpdateId: !!js/function "function () { return 1 }"\nroleArn: !custom r\n' });
  const tags = byFile(report(await lint(dir, ['f.yaml', '-f', 'json'])))['f.yaml']!.messages.map((m) => m.message);
  assert.ok(
    tags.some((m) => m.startsWith('The tag `!!js/function` is not one')),
    tags.join('\n'),
  );
  assert.ok(
    tags.some((m) => m.startsWith('The tag `!custom` is not one')),
    tags.join('\n'),
  );
});

test('a plugin rule that never returns: stopped at its time budget, an internal error for that file, the others keep their results', async () => {
  const dir = tempProject({
    'otalint.config.mjs': [
      "const loops = { meta: { id: 'loops', description: 'd', category: 'files', defaultSeverity: 'error', certainty: 'inferred', messages: { m: 'm' } }, defaultOptions: {},",
      "  check(context) { if (context.request.otaUpdateId === 'stuck') for (;;); } };",
      "export default [{ plugins: { acme: { meta: { name: 'acme', version: '1.0.0' }, rules: { loops } } }, rules: { 'aws-api-model': 'error', 'acme/loops': 'error' } }];",
    ].join('\n'),
    'a-stuck.json': json({ ...goodRequest(), otaUpdateId: 'stuck' }),
    'b-bad.json': BAD_ID,
    'c-good.json': GOOD,
  });
  const run = await lint(dir, ['.', '-f', 'json'], { OTALINT_RULE_TIMEOUT_MS: '300' });
  const results = byFile(report(run));
  assert.equal(run.status, 2, 'a rule that had to be stopped fails the run');
  assert.deepEqual(ruleIds(results['a-stuck.json']), ['internal-error']);
  assert.match(
    results['a-stuck.json']!.messages[0]!.message,
    /^Rule "acme\/loops" did not finish on this file within 300 ms, otalint's time budget per rule, and was stopped\./,
  );
  assert.deepEqual(ruleIds(results['b-bad.json']), ['aws-api-model']);
  assert.deepEqual(ruleIds(results['c-good.json']), []);
});

test('3,000 files under `ulimit -n 256`: every file is read (reads are bounded), none comes back unreadable', async () => {
  const dir = tempProject({ '.otalintrc.json': MODEL_ONLY });
  for (let folder = 0; folder < 30; folder++) {
    mkdirSync(path.join(dir, `r/${folder}`), { recursive: true });
    for (let i = 0; i < 100; i++) writeFileSync(path.join(dir, `r/${folder}/${i}.json`), i === 0 ? BAD_ID : GOOD);
  }
  const run = await run_('bash', ['-c', `ulimit -n 256 && exec "${process.execPath}" "${BIN}" r -f json`], dir);
  const parsed = report(run);
  assert.equal(parsed.results.length, 3000);
  assert.equal(parsed.results.filter((r) => r.messages.some((m) => m.ruleId === 'unreadable-file')).length, 0);
  assert.equal(parsed.results.filter((r) => r.errorCount > 0).length, 30);
});

const run_ = (command: string, args: string[], cwd: string) => run(command, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, timeoutMs: 120_000 });

test('--fix is atomic: killed before the rename, the file is the old one; a link stays a link; the mode is kept', async () => {
  const trailing = '{\n  "otaUpdateId": "fw-1",\n  "targets": ["arn:aws:iot:us-east-1:123456789012:thing/d1"],\n}\n';
  const dir = tempProject({ '.otalintrc.json': MODEL_ONLY, 'real/r.json': trailing });
  chmodSync(path.join(dir, 'real/r.json'), 0o640);
  symlinkSync('real/r.json', path.join(dir, 'link.json'));
  const killed = await lint(dir, ['link.json', '--fix'], { OTALINT_TEST_FAULT: 'kill-before-rename' });
  assert.equal(killed.signal, 'SIGKILL');
  assert.equal(readFileSync(path.join(dir, 'real/r.json'), 'utf8'), trailing, 'killed before the rename: the old text, whole');
  const fixed = await lint(dir, ['link.json', '--fix']);
  assert.equal(fixed.signal, null);
  assert.ok(lstatSync(path.join(dir, 'link.json')).isSymbolicLink(), 'the link is still a link');
  assert.equal(readlinkSync(path.join(dir, 'link.json')), 'real/r.json');
  assert.ok(!readFileSync(path.join(dir, 'real/r.json'), 'utf8').includes('],\n}'), 'the file it points to is fixed');
  assert.equal(statSync(path.join(dir, 'real/r.json')).mode & 0o777, 0o640);
  const litter = readdirSync(path.join(dir, 'real')).filter((name) => name.endsWith('.otalint-tmp'));
  assert.equal(litter.length, 1, 'the killed run left its temporary file beside it, and nothing else');
});

test('--fix killed at random moments (seeded): the file is always the old text or the fixed one, never partial or empty', async () => {
  const lines = Array.from({ length: 20_000 }, (_, i) => `    "arn:aws:iot:us-east-1:123456789012:thing/d${i}",`);
  const original = `{\n  "otaUpdateId": "fw-1",\n  "targets": [\n${lines.join('\n')}\n  ],\n}\n`;
  const reference = tempProject({ '.otalintrc.json': MODEL_ONLY, 'r.json': original });
  assert.equal((await lint(reference, ['r.json', '--fix'])).signal, null);
  const fixed = readFileSync(path.join(reference, 'r.json'), 'utf8');
  assert.notEqual(fixed, original);
  let seed = 12;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const outcomes: Record<string, number> = {};
  for (let trial = 0; trial < 10; trial++) {
    const dir = tempProject({ '.otalintrc.json': MODEL_ONLY, 'r.json': original });
    const outcome = await runOtalint(['r.json', '--fix'], { cwd: dir, env: { ...process.env }, timeoutMs: 150 + Math.floor(random() * 1500) });
    const text = readFileSync(path.join(dir, 'r.json'), 'utf8');
    assert.ok(text === original || text === fixed, `trial ${trial}: neither the old nor the fixed text (${text.length} chars)`);
    const key = `${outcome.signal === 'SIGKILL' ? 'killed' : 'finished'}, ${text === original ? 'old' : 'fixed'}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  assert.ok(Object.keys(outcomes).length >= 1, JSON.stringify(outcomes));
});

test.run();
