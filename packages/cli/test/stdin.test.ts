import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { runCli, tempProject } from './helpers/run-cli.js';

const test = suite('otalint --stdin (as an editor calls it)');

interface Message {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
}
interface Report {
  results: Array<{ filePath: string; messages: Message[]; errorCount: number }>;
}

const ROLE = 'arn:aws:iam::123456789012:role/ota-role';
const TARGET = 'arn:aws:iot:us-east-1:123456789012:thing/sensor-1';
const FILES = '[{"fileName":"firmware.bin","fileLocation":{"s3Location":{"bucket":"b","key":"k","version":"1"}}}]';

function lintStdin(text: string, args: readonly string[] = [], cwd?: string): { status: number | null; report: Report; stderr: string } {
  const run = runCli(['--stdin', '--format', 'json', ...args], { input: text, ...(cwd ? { cwd } : {}) });
  assert.ok(run.stdout.trim().startsWith('{'), `no JSON report; stderr: ${run.stderr}`);
  return { status: run.status, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

/** Line/column recomputed independently from the text, in UTF-16 code units, 1-based. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

function assertConsistent(text: string, message: Message): void {
  assert.deepEqual(positionOf(text, message.offset), { line: message.line, column: message.column }, `start of ${message.path}`);
  assert.deepEqual(positionOf(text, message.offset + message.length), { line: message.endLine, column: message.endColumn }, `end of ${message.path}`);
}

function find(report: Report, path: string): Message {
  const message = report.results[0]!.messages.find((m) => m.path === path);
  assert.ok(message, `no diagnostic at ${path}: ${JSON.stringify(report.results[0]!.messages.map((m) => m.path))}`);
  return message;
}

test('JSON on one line: emoji and CJK before a finding shift its column by UTF-16 code units', () => {
  // "🚀" is 2 UTF-16 code units (one code point), "固件更新" 4 units, "é" 1 unit.
  const description = '🚀 固件更新 🚀 é';
  const text = `{"description":"${description}","otaUpdateId":"bad id!","targets":["${TARGET}"],"files":${FILES},"roleArn":"${ROLE}"}`;
  const { status, report } = lintStdin(text);
  assert.equal(status, 1);
  assert.equal(report.results[0]!.filePath, '<stdin>');
  const id = find(report, '/otaUpdateId');
  assert.equal(text.slice(id.offset, id.offset + id.length), '"bad id!"');
  assert.equal(id.line, 1);
  assert.equal(id.column, text.indexOf('"bad id!"') + 1);
  // The same column counted in code points would be 4 smaller (two emoji, each one code point but two units).
  assert.equal([...text.slice(0, id.offset)].length + 1, id.column - 2);
  assertConsistent(text, id);
});

test('JSON on several lines: the range of a description holding emoji and CJK covers it exactly', () => {
  // A tab inside the description is a control character: the model forbids it.
  const description = '更新 🛰️ firmware\\t📦';
  const text = `{\n  "otaUpdateId": "ok-1",\n  "description": "${description}", "targets": ["${TARGET}"],\n  "files": ${FILES},\n  "roleArn": "bad"\n}\n`;
  const { report } = lintStdin(text);
  const found = find(report, '/description');
  assert.equal(text.slice(found.offset, found.offset + found.length), `"${description}"`);
  assert.equal(found.line, 3);
  assert.equal(found.column, 18);
  assert.equal(found.endColumn - found.column, `"${description}"`.length);
  assertConsistent(text, found);
  // A finding after the non-ASCII text on the next lines stays consistent too.
  assertConsistent(text, find(report, '/roleArn'));
});

test('--stdin-filename picks YAML by extension and reports under that name; ranges stay UTF-16', () => {
  const text = `otaUpdateId: "ok-1"\ndescription: "日本語の説明 🎌"\ntargets: ["${TARGET}"]\nfiles: ${FILES}\nroleArn: 'short'\n`;
  const { status, report } = lintStdin(text, ['--stdin-filename', 'requests/update.yaml']);
  assert.equal(status, 1);
  assert.equal(report.results[0]!.filePath, 'requests/update.yaml');
  const role = find(report, '/roleArn');
  assert.equal(text.slice(role.offset, role.offset + role.length), "'short'");
  assert.equal(role.line, 5);
  assertConsistent(text, role);
});

test('without --stdin-filename the text is JSON even when it looks like YAML', () => {
  const { status, report } = lintStdin('otaUpdateId: x\n');
  assert.equal(status, 1);
  assert.ok(
    report.results[0]!.messages.some((m) => m.ruleId === 'syntax-error'),
    JSON.stringify(report),
  );
});

test('a clean buffer: exit 0, an empty message list', () => {
  const dir = tempProject({ '.otalintrc.json': JSON.stringify([{ rules: { 'aws-api-model': 'error' } }]) });
  const text = JSON.stringify({ description: 'Mise à jour 🚀 固件', otaUpdateId: 'ok-1', targets: [TARGET], files: JSON.parse(FILES), roleArn: ROLE });
  const { status, report } = lintStdin(text, [], dir);
  assert.deepEqual(report.results[0]!.messages, []);
  assert.equal(status, 0);
});

test('config "files" and "ignores" match the --stdin-filename', () => {
  const dir = tempProject({
    '.otalintrc.json': JSON.stringify([{ extends: ['recommended'] }, { ignores: ['drafts/**'] }]),
  });
  const ignored = runCli(['--stdin', '--stdin-filename', 'drafts/x.json', '--format', 'json'], { cwd: dir, input: '{' });
  assert.equal(ignored.status, 0, ignored.stderr);
  assert.deepEqual(JSON.parse(ignored.stdout).results, []);
  assert.match(ignored.stderr, /drafts\/x\.json is ignored/);
  const linted = runCli(['--stdin', '--stdin-filename', 'live/x.json', '--format', 'json'], { cwd: dir, input: '{' });
  assert.equal(linted.status, 1);
  assert.equal(JSON.parse(linted.stdout).results[0].filePath, 'live/x.json');
});

test('.otalintignore applies to a --stdin-filename that exists on disk', () => {
  const dir = tempProject({ '.otalintignore': 'vendor/\n', 'vendor/upstream.json': '{}', 'mine/update.json': '{}' });
  const ignored = runCli(['--stdin', '--stdin-filename', 'vendor/upstream.json', '--format', 'json'], { cwd: dir, input: '{' });
  assert.equal(ignored.status, 0, ignored.stderr);
  assert.deepEqual(JSON.parse(ignored.stdout).results, []);
  const linted = runCli(['--stdin', '--stdin-filename', 'mine/update.json', '--format', 'json'], { cwd: dir, input: '{' });
  assert.equal(linted.status, 1);
});

test('.otalintignore applies to a --stdin-filename not on disk yet (a new editor buffer)', () => {
  const dir = tempProject({ '.otalintignore': 'vendor/\n' });
  const ignored = runCli(['--stdin', '--stdin-filename', 'vendor/new.json', '--format', 'json'], { cwd: dir, input: '{' });
  assert.equal(ignored.status, 0, ignored.stderr);
  assert.deepEqual(JSON.parse(ignored.stdout).results, []);
  const linted = runCli(['--stdin', '--stdin-filename', 'mine/new.json', '--format', 'json'], { cwd: dir, input: '{' });
  assert.equal(linted.status, 1);
});

test('usage errors: files beside --stdin, --fix with --stdin, --stdin-filename alone', () => {
  const withFiles = runCli(['--stdin', 'a.json'], { input: '{}' });
  assert.equal(withFiles.status, 2);
  assert.match(withFiles.stderr, /--stdin lints standard input only/);
  const fix = runCli(['--stdin', '--fix'], { input: '{}' });
  assert.equal(fix.status, 2);
  assert.match(fix.stderr, /--fix cannot write back to standard input/);
  const alone = runCli(['--stdin-filename', 'a.json'], { input: '{}' });
  assert.equal(alone.status, 2);
  assert.match(alone.stderr, /--stdin-filename needs --stdin/);
});

test.run();
