import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { escapeData, escapeProperty, github } from '../src/formatters/github.js';
import { runCli } from './helpers/run-cli.js';
import { badRequest, ciProject, goodRequest, json } from './helpers/ci-project.js';

const test = suite('github');

test('one workflow command per finding, with file, range and title', () => {
  const cwd = ciProject({ 'requests/bad.json': json(badRequest()), 'requests/good.json': json(goodRequest()) });
  const run = runCli(['requests', '--format', 'github'], { cwd });
  assert.equal(run.status, 1, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(
    lines[0]!,
    /^::error file=requests\/bad\.json,line=2,endLine=2,col=18,endColumn=27,title=otalint aws-api-model::`otaUpdateId` "bad id!" does not match/,
  );
  assert.match(lines[1]!, /^::error file=requests\/bad\.json,line=12,endLine=12,col=21,endColumn=24,title=otalint aws-api-model::`fileId` is 300/);
});

test('severity maps to error, warning and notice; data and properties are escaped as the runner expects', () => {
  const base = { path: '', line: 1, column: 2, endLine: 3, endColumn: 4, offset: 0, length: 0 };
  const out = github(
    [
      {
        filePath: 'a,b:c.yaml',
        messages: [
          { ...base, ruleId: 'r1', severity: 'warning', message: '100% sure\nsecond line\r' },
          { ...base, ruleId: 'r2', severity: 'info', message: 'fyi' },
        ],
        errorCount: 0,
        warningCount: 1,
        infoCount: 1,
        fatal: false,
      },
    ],
    { cwd: process.cwd(), rules: new Map(), color: false, toolVersion: '0' },
  );
  assert.equal(
    out,
    '::warning file=a%2Cb%3Ac.yaml,line=1,endLine=3,col=2,endColumn=4,title=otalint r1::100%25 sure%0Asecond line%0D\n' +
      '::notice file=a%2Cb%3Ac.yaml,line=1,endLine=3,col=2,endColumn=4,title=otalint r2::fyi\n',
  );
  assert.equal(escapeData('a:b,c'), 'a:b,c');
  assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
});

test('a clean run prints nothing', () => {
  const cwd = ciProject({ 'good.json': json(goodRequest()) });
  const run = runCli(['good.json', '--format', 'github'], { cwd });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '');
});

test.run();
