import assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import { REPO_ROOT, runCli, tempProject, UNPRIVILEGED } from './helpers/run-cli.js';

const test = suite('otalint lint (built binary)');

const reportSchema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/json-report.schema.json'), 'utf8'));
const validateReport = new Ajv({ allErrors: true, strict: true }).compile(reportSchema);
const parseReport = (stdout: string) => {
  const report = JSON.parse(stdout);
  assert.ok(validateReport(report), JSON.stringify(validateReport.errors, null, 2));
  return report as { version: string; results: Array<{ filePath: string; messages: Array<Record<string, any>>; errorCount: number; warningCount: number }> };
};

const EXAMPLE = 'fixtures/real-world/aws-cli-docs-example.json';
const CORRECTED = 'fixtures/real-world/aws-cli-docs-example.corrected.json';
const CLEAN = JSON.stringify(JSON.parse(readFileSync(path.join(REPO_ROOT, CORRECTED), 'utf8')), null, 2);

test('the AWS CLI docs example: the missing comma, the malformed roleArn and the bare targets, located', () => {
  const run = runCli([EXAMPLE, '--format', 'json']);
  assert.equal(run.status, 1, run.stderr);
  const [result] = parseReport(run.stdout).results;
  assert.equal(result!.filePath, EXAMPLE);
  const found = result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.path}`);
  assert.ok(found.includes('28:5 syntax-error /roleArn'), found.join('\n'));
  assert.ok(
    found.some((f) => /^28:16 \S+ \/roleArn$/.test(f) && !f.includes('syntax-error')),
    `roleArn: ${found.join('\n')}`,
  );
  for (const [index, line] of [
    [0, 5],
    [1, 6],
    [2, 7],
    [3, 8],
  ] as const) {
    assert.ok(
      found.some((f) => f.startsWith(`${line}:9 `) && f.endsWith(`/targets/${index}`)),
      `targets[${index}]: ${found.join('\n')}`,
    );
  }
});

test('stylish output: grouped by file, line:col severity message rule-id, summary; no color when not a terminal', () => {
  const run = runCli([EXAMPLE]);
  assert.equal(run.status, 1);
  const lines = run.stdout.split('\n');
  assert.equal(lines[1], EXAMPLE);
  assert.match(run.stdout, /\n {2}28:5 +error +Missing comma before `"roleArn"`; JSON needs a comma between members and between list items\. +syntax-error\n/);
  assert.match(run.stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ infos?\)/);
  assert.doesNotMatch(run.stdout, /\u001b\[/);
});

test('colors: --color forces them, --no-color and NO_COLOR remove them', () => {
  assert.match(runCli([EXAMPLE, '--color']).stdout, /\u001b\[31m/);
  assert.doesNotMatch(runCli([EXAMPLE, '--color', '--no-color']).stdout, /\u001b\[/);
  assert.doesNotMatch(runCli([EXAMPLE], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\u001b\[/);
  assert.match(runCli([EXAMPLE], { env: { FORCE_COLOR: '1' } }).stdout, /\u001b\[31m/);
});

test('a clean request: exit 0, nothing printed; the JSON report still valid', () => {
  const dir = tempProject({ 'req.json': CLEAN });
  const run = runCli(['req.json'], { cwd: dir });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.stdout, '');
  const report = parseReport(runCli(['req.json', '-f', 'json'], { cwd: dir }).stdout);
  assert.deepEqual(report.results, [{ filePath: 'req.json', messages: [], errorCount: 0, warningCount: 0, infoCount: 0 }]);
});

test('folders: request files only; node_modules, .git and .otalintignore skipped', () => {
  const dir = tempProject({
    'ota/a.json': CLEAN,
    'ota/b.yaml': 'otaUpdateId: b\n',
    'ota/notes.txt': 'not a request',
    'ota/node_modules/x/bad.json': '{',
    'ota/.git/bad.json': '{',
    'ota/skip/bad.json': '{',
    'package.json': '{"name": "x"}',
    '.otalintignore': '# generated\nskip/\n',
  });
  const report = parseReport(runCli(['.', '-f', 'json'], { cwd: dir }).stdout);
  assert.deepEqual(
    report.results.map((r) => r.filePath),
    ['ota/a.json', 'ota/b.yaml'],
  );
  assert.deepEqual(
    report.results[1]!.messages.filter((m) => m.ruleId === 'aws-api-model').map((m) => m.message),
    [
      'Missing required member `targets` in the request.',
      'Missing required member `files` in the request.',
      'Missing required member `roleArn` in the request.',
    ],
  );
});

test("the run's own report files are not linted as requests when a folder is expanded", () => {
  const dir = tempProject({ 'ota/a.json': CLEAN });
  assert.equal(runCli(['ota', '-f', 'json:ota/report.json'], { cwd: dir }).status, 0);
  const again = runCli(['ota', '-f', 'json:ota/report.json', '-f', 'stylish'], { cwd: dir });
  assert.equal(again.status, 0, again.stdout);
  assert.equal(again.stdout, '');
  assert.deepEqual(
    parseReport(readFileSync(path.join(dir, 'ota/report.json'), 'utf8')).results.map((r) => r.filePath),
    ['ota/a.json'],
  );
});

test('a pattern, file or folder that matches nothing: exit 2, never a silent pass', () => {
  const dir = tempProject({ 'a.json': CLEAN, 'empty/readme.txt': '' });
  for (const [args, message] of [
    [['nothing/**/*.json'], 'No files match the pattern "nothing/**/*.json".'],
    [['missing.json'], 'No such file or folder: "missing.json".'],
    [
      ['empty'],
      'No files to lint in "empty" (GitHub workflows; GitLab CI; Makefiles; Markdown (*.md); shell scripts (*.sh, *.bash, shebang); SDK calls in TypeScript and JavaScript (*.ts, *.tsx, *.mts, *.cts, *.js, *.mjs, *.cjs, *.jsx); boto3 calls in Python (*.py); request files for --cli-input-json (*.json); request files for --cli-input-yaml (*.yaml, *.yml)).',
    ],
  ] as const) {
    const run = runCli(args, { cwd: dir });
    assert.equal(run.status, 2, args.join(' '));
    assert.equal(run.stderr, `otalint: ${message}\n`);
  }
});

test('--max-warnings and --quiet', () => {
  const dir = tempProject({ 'req.json': CLEAN });
  const config = ['--rule', 'aws-api-model:warn'];
  const bad = tempProject({ 'req.json': '{"otaUpdateId": "a"}' });
  assert.equal(runCli(['req.json', ...config], { cwd: bad }).status, 0);
  const limited = runCli(['req.json', ...config, '--max-warnings', '2'], { cwd: bad });
  assert.equal(limited.status, 1);
  assert.match(limited.stderr, /3 warnings, more than --max-warnings 2/);
  assert.equal(runCli(['req.json', ...config, '--max-warnings', '3'], { cwd: bad }).status, 0);
  const quiet = runCli(['req.json', ...config, '--quiet'], { cwd: bad });
  assert.equal(quiet.stdout, '');
  assert.equal(runCli(['req.json', '--max-warnings', 'many'], { cwd: dir }).status, 2);
});

test('--output-file writes the report; several formats in one run', () => {
  const dir = tempProject({ 'req.json': '{"otaUpdateId": "a"}' });
  const run = runCli(['req.json', '--format', 'stylish', '--format', 'json:out/report.json'], { cwd: dir });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /req\.json/);
  assert.equal(parseReport(readFileSync(path.join(dir, 'out/report.json'), 'utf8')).results[0]!.errorCount, 3);
  const file = runCli(['req.json', '-f', 'json', '-o', 'r.json'], { cwd: dir });
  assert.equal(file.stdout, '');
  assert.equal(parseReport(readFileSync(path.join(dir, 'r.json'), 'utf8')).results.length, 1);
});

test('config errors, bad arguments and unknown formats: exit 2 with a message naming the problem', () => {
  const dir = tempProject({ 'req.json': CLEAN, '.otalintrc.json': '[{ "rules": { "aws-api-modle": "warn" } }]' });
  const config = runCli(['req.json'], { cwd: dir });
  assert.equal(config.status, 2);
  assert.equal(
    config.stderr,
    'otalint: invalid config: .otalintrc.json: [0].rules.aws-api-modle: unknown rule "aws-api-modle"; did you mean "aws-api-model"? `otalint rules` lists them all.\n',
  );
  const option = runCli(['req.json', '--frobnicate']);
  assert.equal(option.status, 2);
  assert.match(option.stderr, /^otalint: Unknown option --frobnicate\. Run `otalint --help` for the options\.\n$/);
  const format = runCli([EXAMPLE, '--format', 'xml']);
  assert.equal(format.status, 2);
  assert.match(format.stderr, /Unknown format "xml"; use one of: stylish, json/);
  const rule = runCli([EXAMPLE, '--rule', 'nope']);
  assert.equal(rule.status, 2);
});

test('a plugin rule that crashes: internal-error for that file, other rules still report, exit 2', () => {
  const dir = tempProject({
    'req.json': '{"otaUpdateId": "a"}',
    'crash.mjs': `export default { meta: { name: 'crash', version: '1' }, rules: { boom: { meta: { id: 'boom', description: 'd', category: 'files', defaultSeverity: 'error', certainty: 'inferred', messages: { m: 'm' } }, defaultOptions: {}, docsUrl: '', check() { throw new TypeError('cannot read x'); } } } };`,
    'otalint.config.mjs': `import crash from './crash.mjs';\nexport default [{ plugins: { crash } }, { extends: ['recommended'], rules: { 'crash/boom': 'error' } }];`,
  });
  const run = runCli(['req.json', '-f', 'json'], { cwd: dir });
  assert.equal(run.status, 2);
  const messages = parseReport(run.stdout).results[0]!.messages;
  assert.ok(messages.some((m) => m.ruleId === 'internal-error' && /Rule "crash\/boom" crashed on this file: cannot read x/.test(m.message)));
  assert.ok(messages.some((m) => m.ruleId === 'aws-api-model'));
});

(UNPRIVILEGED ? test : test.skip)('an unreadable file (mode 000): unreadable-file, exit 2, the other files still linted', () => {
  const dir = tempProject({ 'a.json': CLEAN, 'secret.json': CLEAN });
  // The binary may run as another user (see UNPRIVILEGED): it must be able to enter the folder.
  chmodSync(dir, 0o755);
  chmodSync(path.join(dir, 'secret.json'), 0o000);
  for (const args of [['.'], ['a.json', 'secret.json']]) {
    const run = runCli([...args, '-f', 'json'], { cwd: dir, user: UNPRIVILEGED! });
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    const byFile = Object.fromEntries(parseReport(run.stdout).results.map((result) => [result.filePath, result]));
    assert.deepEqual(byFile['a.json']!.messages, [], 'the readable file was linted, and is clean');
    assert.deepEqual(
      byFile['secret.json']!.messages.map((m) => [m.ruleId, m.severity, m.message, m.line, m.column]),
      [['unreadable-file', 'error', 'Cannot read the file: permission denied.', 1, 1]],
    );
  }
});

test('--rule sets the problems otalint reports itself where their docs say so, and says why not elsewhere', () => {
  const dir = tempProject({ 'dup.json': CLEAN.replace('{', '{\n  "otaUpdateId": "first",') });
  const on = runCli(['dup.json', '-f', 'json'], { cwd: dir });
  assert.equal(on.status, 1, on.stderr);
  assert.deepEqual(
    parseReport(on.stdout).results[0]!.messages.map((m) => m.ruleId),
    ['duplicate-key'],
  );
  const off = runCli(['dup.json', '--rule', 'duplicate-key:off'], { cwd: dir });
  assert.equal(off.status, 0, off.stderr);
  assert.equal(off.stdout, '');
  const warn = runCli(['dup.json', '--rule', 'duplicate-key:1', '--max-warnings', '0'], { cwd: dir });
  assert.equal(warn.status, 1);
  assert.match(warn.stdout, / warning +Duplicate key "otaUpdateId"/);
  const refused = runCli(['dup.json', '--rule', 'syntax-error:warn'], { cwd: dir });
  assert.equal(refused.status, 2);
  assert.equal(
    refused.stderr,
    'otalint: invalid config: command line (--rule): [0].rules.syntax-error: "syntax-error" is reported by otalint itself and cannot be set: the AWS CLI cannot read such a file, so it can never be sent, and the other rules saw only what could be recovered from it. Fix the syntax (`otalint --fix` fixes some of it).\n',
  );
});

test('a pattern that matches nothing is a usage error (exit 2), not a pass', () => {
  const dir = tempProject({ 'a.json': CLEAN });
  const run = runCli(['a.json', 'nope/*.json', '-f', 'json'], { cwd: dir });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'otalint: No files match the pattern "nope/*.json".\n');
  assert.equal(run.stdout, '');
});

test('--version and --help', () => {
  assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: otalint/);
  // A folder brings in scripts and code too: the help says so, not "its *.json, *.yaml and *.yml files".
  assert.match(help.stdout, /command lines \(shell scripts, Makefiles, CI\s+workflows, Markdown\) and SDK calls \(TypeScript, JavaScript, Python\)/);
});

test('--fix applies certain fixes; --fix-dry-run shows them and writes nothing', () => {
  const broken = '{\n  "otaUpdateId": "a",\n  "targets": ["arn:aws:iot:us-east-1:123456789012:thing/x"]\n  "roleArn": "arn:aws:iam::123456789012:role/r",\n}\n';
  const dir = tempProject({ 'req.json': broken });
  const dry = runCli(['req.json', '--fix-dry-run'], { cwd: dir });
  assert.equal(
    dry.stderr,
    [
      '--- a/req.json',
      '+++ b/req.json',
      '@@ -1,5 +1,5 @@',
      ' {',
      '   "otaUpdateId": "a",',
      '-  "targets": ["arn:aws:iot:us-east-1:123456789012:thing/x"]',
      '-  "roleArn": "arn:aws:iam::123456789012:role/r",',
      '+  "targets": ["arn:aws:iot:us-east-1:123456789012:thing/x"],',
      '+  "roleArn": "arn:aws:iam::123456789012:role/r"',
      ' }',
      '',
    ].join('\n'),
  );
  assert.equal(readFileSync(path.join(dir, 'req.json'), 'utf8'), broken);
  runCli(['req.json', '--fix'], { cwd: dir });
  assert.equal(
    readFileSync(path.join(dir, 'req.json'), 'utf8'),
    '{\n  "otaUpdateId": "a",\n  "targets": ["arn:aws:iot:us-east-1:123456789012:thing/x"],\n  "roleArn": "arn:aws:iam::123456789012:role/r"\n}\n',
  );
});

test.run();
