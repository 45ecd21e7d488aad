import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { suite } from 'uvu';
import { toSarifLog } from '../src/formatters/sarif.js';
import { runCli } from './helpers/run-cli.js';
import { badRequest, ciProject, goodRequest, json } from './helpers/ci-project.js';

const test = suite('sarif');

const schema = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemas/sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema);

function assertValidSarif(log: unknown): void {
  const valid = validateSarif(log);
  assert.ok(valid, `not valid SARIF 2.1.0: ${ajv.errorsText(validateSarif.errors, { separator: '\n' })}`);
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> };
    logicalLocations?: Array<{ fullyQualifiedName: string }>;
  }>;
  partialFingerprints: Record<string, string>;
}

test('the schema check itself rejects a broken log (so a pass means something)', () => {
  assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
});

test('sarif beside stylish in one run: valid SARIF 2.1.0 with rules, regions, pointers and the JSON report fingerprints', () => {
  const cwd = ciProject({
    'requests/bad one.json': json(badRequest()),
    'requests/good.yaml':
      'otaUpdateId: fw-1\ntargets: [arn:aws:iot:us-east-1:123456789012:thing/d1]\nfiles:\n  - fileName: fw.bin\n    fileLocation: {stream: {streamId: s1, fileId: 0}}\n    codeSigning: {awsSignerJobId: job-1}\nroleArn: arn:aws:iam::123456789012:role/ota\n',
  });
  const run = runCli(['requests', '--format', 'stylish', '--format', 'sarif:out/report.sarif', '--format', 'json:report.json'], { cwd });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /requests\/bad one\.json/, 'stylish still on stdout');

  const log = JSON.parse(readFileSync(path.join(cwd, 'out/report.sarif'), 'utf8'));
  assertValidSarif(log);
  const [sarifRun] = log.runs;
  assert.equal(sarifRun.tool.driver.name, 'otalint');
  assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
  assert.deepEqual(
    sarifRun.tool.driver.rules.map((r: { id: string }) => r.id),
    ['aws-api-model'],
  );
  const [rule] = sarifRun.tool.driver.rules;
  assert.match(rule.helpUri, /^https:\/\/.*aws-api-model\.md$/);
  assert.ok(rule.shortDescription.text.length > 10);

  const results = sarifRun.results as SarifResult[];
  assert.equal(results.length, 2);
  const byPointer = Object.fromEntries(results.map((r) => [r.locations[0]!.logicalLocations![0]!.fullyQualifiedName, r]));
  const id = byPointer['/otaUpdateId']!;
  assert.equal(id.level, 'error');
  assert.equal(id.ruleIndex, 0);
  assert.equal(id.locations[0]!.physicalLocation.artifactLocation.uri, 'requests/bad%20one.json');
  assert.equal(id.locations[0]!.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  // `  "otaUpdateId": "bad id!",` : the value starts at column 18 and is 9 code units long.
  assert.deepEqual(id.locations[0]!.physicalLocation.region, { startLine: 2, startColumn: 18, endLine: 2, endColumn: 27, charOffset: 19, charLength: 9 });

  const report = JSON.parse(readFileSync(path.join(cwd, 'report.json'), 'utf8'));
  const jsonFingerprints = report.results.flatMap((r: { messages: Array<{ fingerprint: string }> }) => r.messages.map((m) => m.fingerprint)).sort();
  const sarifFingerprints = results.map((r) => r.partialFingerprints['otalint/v1']).sort();
  assert.equal(new Set(sarifFingerprints).size, 2);
  assert.deepEqual(sarifFingerprints, jsonFingerprints);
});

test('a clean run is a valid log with no results; a fatal run says execution failed', () => {
  const cwd = ciProject({ 'good.json': json(goodRequest()) });
  const clean = runCli(['good.json', '--format', 'sarif'], { cwd });
  assert.equal(clean.status, 0, clean.stderr);
  const log = JSON.parse(clean.stdout);
  assertValidSarif(log);
  assert.deepEqual(log.runs[0].results, []);
  assert.equal(log.runs[0].invocations[0].executionSuccessful, true);

  const fatal = toSarifLog(
    [
      {
        filePath: 'gone.json',
        messages: [
          {
            ruleId: 'unreadable-file',
            severity: 'error',
            message: 'Cannot read the file.',
            path: '',
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 1,
            offset: 0,
            length: 0,
          },
        ],
        errorCount: 1,
        warningCount: 0,
        infoCount: 0,
        fatal: true,
      },
    ],
    { cwd: '/work', rules: new Map(), color: false, toolVersion: '1.2.3' },
  );
  assertValidSarif(fatal);
  assert.equal(fatal.runs[0]!.invocations[0]!.executionSuccessful, false);
  assert.equal(fatal.runs[0]!.tool.driver.rules[0]!.shortDescription.text, 'Reported by otalint as "unreadable-file".');
});

test('fixes become SARIF fixes; info is a note; the log stays valid', () => {
  const log = toSarifLog(
    [
      {
        filePath: 'r.json',
        messages: [
          {
            ruleId: 'x',
            severity: 'info',
            message: 'lower case',
            path: '/otaUpdateId',
            line: 1,
            column: 17,
            endLine: 1,
            endColumn: 22,
            offset: 16,
            length: 5,
            fix: { edits: [{ offset: 16, length: 5, text: '"ABC"' }] },
            fingerprint: 'f:1',
          },
        ],
        errorCount: 0,
        warningCount: 0,
        infoCount: 1,
        fatal: false,
      },
    ],
    {
      cwd: '/work',
      rules: new Map([['x', { description: 'X.', docsUrl: 'https://example.test/x', defaultSeverity: 'warning' }]]),
      color: false,
      toolVersion: '1.2.3',
    },
  );
  assertValidSarif(log);
  const [result] = log.runs[0]!.results;
  assert.equal(result!.level, 'note');
  assert.equal(log.runs[0]!.tool.driver.rules[0]!.defaultConfiguration.level, 'warning');
  assert.deepEqual(result!.fixes![0]!.artifactChanges[0]!.replacements[0], {
    deletedRegion: { charOffset: 16, charLength: 5 },
    insertedContent: { text: '"ABC"' },
  });
});

test.run();
