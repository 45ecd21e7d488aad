import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import { REPO_ROOT, runCli, tempProject } from './helpers/run-cli.js';

const test = suite('the CLI contract ESLint users expect');

const reportSchema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/json-report.schema.json'), 'utf8'));
const validateReport = new Ajv({ allErrors: true, strict: true }).compile(reportSchema);
const report = (stdout: string) => {
  const parsed = JSON.parse(stdout);
  assert.ok(validateReport(parsed) as boolean, JSON.stringify(validateReport.errors, null, 2));
  return parsed as { version: string; results: Array<Record<string, any>> } & { results: [Record<string, any>, ...Array<Record<string, any>>] };
};

const CLEAN = readFileSync(path.join(REPO_ROOT, 'fixtures/real-world/aws-cli-docs-example.corrected.json'), 'utf8');
const LONG_ID = CLEAN.replace(/"otaUpdateId": "[^"]*"/, `"otaUpdateId": "${'a'.repeat(20)}"`);

test('--rule takes ESLint severities (0, 1, 2, "warning") and a JSON setting with options', () => {
  const dir = tempProject({ 'r.json': LONG_ID });
  const withOption = runCli(['r.json', '--rule', 'otaupdate-id-length: ["error", { "max": 10 }]', '-f', 'json'], { cwd: dir });
  assert.equal(withOption.status, 1, withOption.stderr);
  const [message] = report(withOption.stdout).results[0].messages;
  assert.equal(message.ruleId, 'otaupdate-id-length');
  assert.equal(message.severity, 'error');
  for (const [setting, status] of [
    ['0', 0],
    ['2', 0],
    ['warning', 0],
  ] as const) {
    assert.equal(runCli(['r.json', '--rule', `otaupdate-id-length:${setting}`], { cwd: dir }).status, status, setting);
  }
  const broken = runCli(['r.json', '--rule', 'otaupdate-id-length: ["error", {max: 10}]'], { cwd: dir });
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /--rule otaupdate-id-length: the setting is not valid JSON/);
  const badSeverity = runCli(['r.json', '--rule', 'otaupdate-id-length:3'], { cwd: dir });
  assert.equal(badSeverity.status, 2);
  assert.match(badSeverity.stderr, /is not a rule setting; use one of "off", "info", "warn", "error" \(or 0, 1, 2, "warning"\)/);
});

test('config files take 0/1/2 and "warning" too', () => {
  const dir = tempProject({
    'r.json': LONG_ID,
    '.otalintrc.json': '[{ "extends": ["recommended"], "rules": { "otaupdate-id-length": ["warning", { "max": 10 }] } }]',
  });
  const run = runCli(['r.json', '-f', 'json'], { cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(report(run.stdout).results[0].messages[0].severity, 'warning');
});

test('--quiet: warnings are neither shown nor counted against --max-warnings (ESLint 9)', () => {
  const dir = tempProject({
    'r.json': LONG_ID,
    '.otalintrc.json': '[{ "extends": ["recommended"], "rules": { "otaupdate-id-length": ["warn", { "max": 10 }] } }]',
  });
  assert.equal(runCli(['r.json', '--max-warnings', '0'], { cwd: dir }).status, 1);
  const quiet = runCli(['r.json', '--max-warnings', '0', '--quiet', '-f', 'json'], { cwd: dir });
  assert.equal(quiet.status, 0, quiet.stderr);
  assert.deepEqual(report(quiet.stdout).results[0].messages, []);
});

test('-f ./my-formatter.mjs loads a custom formatter; a missing one is exit 2 with the reason', () => {
  const dir = tempProject({
    'r.json': LONG_ID,
    'count.mjs': 'export default (results, context) => `${results.length} file(s), ${results[0].messages.length} finding(s), ${context.rules.size > 40}\\n`;',
  });
  const run = runCli(['r.json', '-f', './count.mjs', '--rule', 'otaupdate-id-length: ["warn", { "max": 10 }]'], { cwd: dir });
  assert.equal(run.stdout, '1 file(s), 1 finding(s), true\n');
  const missing = runCli(['r.json', '-f', './nope.mjs'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /Cannot load the formatter \.\/nope\.mjs/);
  const builtinName = runCli(['r.json', '-f', 'constructor'], { cwd: dir });
  assert.equal(builtinName.status, 2);
  assert.match(builtinName.stderr, /Unknown format "constructor"; use one of: stylish, json, sarif, junit, github/);
});

test('--no-ignore, --ignore-pattern and --no-error-on-unmatched-pattern', () => {
  const dir = tempProject({ 'a/r.json': CLEAN, 'b/r.json': CLEAN, 'c/r.json': CLEAN, '.otalintignore': 'b/\n' });
  const files = (args: string[]) => report(runCli([...args, '-f', 'json'], { cwd: dir }).stdout).results.map((r) => r.filePath);
  assert.deepEqual(files(['.']), ['a/r.json', 'c/r.json']);
  assert.deepEqual(files(['.', '--ignore-pattern', 'c/**']), ['a/r.json']);
  // As in ESLint, --no-ignore also turns off --ignore-pattern.
  assert.deepEqual(files(['.', '--no-ignore', '--ignore-pattern', 'c/**']), ['a/r.json', 'b/r.json', 'c/r.json']);
  assert.equal(runCli(['missing.json'], { cwd: dir }).status, 2);
  const allowed = runCli(['missing.json', 'a/r.json', '--no-error-on-unmatched-pattern'], { cwd: dir });
  assert.equal(allowed.status, 0, allowed.stderr);
});

test('.otalintignore is found the way config is: the nearest one walking up from the working directory', () => {
  const dir = tempProject({ '.otalintignore': 'sub/legacy/\n', 'sub/legacy/r.json': '{', 'sub/new/r.json': CLEAN });
  const run = runCli(['.', '-f', 'json'], { cwd: path.join(dir, 'sub') });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(
    report(run.stdout).results.map((r) => r.filePath),
    ['new/r.json'],
  );
});

test('the JSON report carries `output` for a fixed file (1.3.0); --fix-dry-run writes nothing', () => {
  const broken = '{\n  "otaUpdateId": "a",\n  "protocols": ["mqtt"]\n}\n';
  const dir = tempProject({ 'r.json': broken });
  const run = runCli(['r.json', '--fix-dry-run', '-f', 'json'], { cwd: dir });
  const parsed = report(run.stdout);
  assert.equal(parsed.version, '1.4.0');
  assert.equal(parsed.results[0].output, '{\n  "otaUpdateId": "a",\n  "protocols": ["MQTT"]\n}\n');
  assert.equal(readFileSync(path.join(dir, 'r.json'), 'utf8'), broken);
  const clean = runCli(['r.json', '-f', 'json'], { cwd: dir });
  assert.equal('output' in report(clean.stdout).results[0], false);
});

test('YAML: the skeleton with its !!binary blob lints with no type error; several documents and unknown tags say so in our words', () => {
  const skeleton = runCli(['skeleton', 'yaml-input']);
  const dir = tempProject({
    's.yaml': skeleton.stdout,
    'two.yaml': 'otaUpdateId: a\n---\notaUpdateId: b\n',
    'tag.yaml': 'otaUpdateId: !custom a\n',
  });
  const run = runCli(['s.yaml', 'two.yaml', 'tag.yaml', '-f', 'json'], { cwd: dir });
  const byFile = Object.fromEntries(report(run.stdout).results.map((r) => [r.filePath, r.messages.map((m: { message: string }) => m.message)]));
  assert.equal(
    byFile['s.yaml'].some((m: string) => /inlineDocument` is (an object|binary)|must be a string/.test(m)),
    false,
    byFile['s.yaml'].join('\n'),
  );
  assert.ok(
    byFile['two.yaml'].includes(
      'The file holds more than one YAML document (a second `---`); --cli-input-yaml reads exactly one request. Put each request in its own file.',
    ),
  );
  assert.equal(
    byFile['two.yaml'].some((m: string) => /YAML\.\w+\(\)/.test(m)),
    false,
  );
  assert.ok(
    byFile['tag.yaml'].some((m: string) => m.startsWith("The tag `!custom` is not one the AWS CLI's YAML loader knows")),
    byFile['tag.yaml'].join('\n'),
  );
});

test('submit: a report into a folder that does not exist yet is written; its own earlier report is never a request', () => {
  const dir = tempProject({ 'requests/r.json': CLEAN });
  const args = ['submit', 'requests', '--dry-run', '--region', 'us-east-1', '-f', 'stylish', '-f', 'json:requests/out/report.json'];
  const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };
  const first = runCli(args, { cwd: dir, env });
  assert.equal(first.status, 0, first.stdout + first.stderr);
  assert.ok(existsSync(path.join(dir, 'requests/out/report.json')));
  const second = runCli(args, { cwd: dir, env });
  assert.equal(second.status, 0, second.stdout + second.stderr);
  assert.doesNotMatch(second.stdout, /report\.json/);
});

test.run();
