import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { suite } from 'uvu';
import type { FileResult } from '@otalint/core/engine';
import { junit } from '../src/formatters/junit.js';
import { runCli } from './helpers/run-cli.js';
import { badRequest, ciProject, goodRequest, json } from './helpers/ci-project.js';

const test = suite('junit');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

function parse(xml: string) {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, `not well-formed XML: ${JSON.stringify(valid)}`);
  return parser.parse(xml).testsuites;
}

test('one suite per file, one case per finding; errors fail, a clean file passes; counts agree', () => {
  const cwd = ciProject({ 'bad.json': json(badRequest()), 'good.json': json(goodRequest()) });
  const run = runCli(['.', '--format', 'junit:reports/junit.xml'], { cwd });
  assert.equal(run.status, 1, run.stderr);
  const suites = parse(readFileSync(path.join(cwd, 'reports/junit.xml'), 'utf8'));
  assert.equal(suites.name, 'otalint');
  assert.deepEqual([suites.tests, suites.failures, suites.errors], ['3', '2', '0']);
  const [bad, good] = suites.testsuite;
  assert.equal(bad.name, 'bad.json');
  assert.deepEqual(
    bad.testcase.map((c: { name: string }) => c.name),
    ['aws-api-model /otaUpdateId (2:18)', 'aws-api-model /files/0/fileLocation/stream/fileId (12:21)'],
  );
  assert.match(bad.testcase[0].failure.message, /does not match/);
  assert.equal(bad.testcase[0].failure.type, 'aws-api-model');
  assert.equal(good.name, 'good.json');
  assert.equal(good.testcase.length, 1);
  assert.equal(good.testcase[0].failure, undefined);
});

test('markup, quotes, control characters and astral characters are escaped into well-formed XML', () => {
  const nasty = 'a <b> & "c" \u0001\u0008 \uD83D\uDE80 lone \uD800 end';
  const result: FileResult = {
    filePath: 'dir/<odd> & "name".yaml',
    messages: [
      { ruleId: 'r', severity: 'error', message: nasty, path: '/description', line: 3, column: 1, endLine: 3, endColumn: 2, offset: 10, length: 1 },
      { ruleId: 'w', severity: 'warning', message: 'just a warning', path: '', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 },
      { ruleId: 'internal-error', severity: 'error', message: 'Rule crashed', path: '', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 },
    ],
    errorCount: 2,
    warningCount: 1,
    infoCount: 0,
    fatal: true,
  };
  const suites = parse(junit([result], { cwd: process.cwd(), rules: new Map(), color: false, toolVersion: '0' }));
  assert.deepEqual([suites.tests, suites.failures, suites.errors], ['3', '1', '1']);
  const cases = suites.testsuite[0].testcase;
  assert.equal(cases[0].failure.message, 'a <b> & "c"  \uD83D\uDE80 lone \uFFFD end');
  assert.match(cases[1]['system-out'], /warning just a warning/);
  assert.equal(cases[2].error.type, 'internal-error');
});

test.run();
