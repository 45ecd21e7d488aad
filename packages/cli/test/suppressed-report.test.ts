import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { suite } from 'uvu';
import { REPO_ROOT, runCli, tempProject } from './helpers/run-cli.js';

// Waived findings are kept for audits: `suppressedMessages` in the JSON report, results with
// `suppressions` in SARIF. They count in no total and change no exit code.
const test = suite('suppressed findings in reports');

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages/cli/test/schemas/sarif-schema-2.1.0.json'), 'utf8')));
const validateReport = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/json-report.schema.json'), 'utf8')),
);

const ROLE = 'arn:aws:iam::123456789012:role/ota';
const TARGET = 'arn:aws:iot:us-east-1:123456789012:thinggroup/fleet';
const yamlRequest = `otaUpdateId: fw-1
targets: [${TARGET}]
# otalint-disable-next-line presigned-url-without-http -- MQTT-only fleet keeps the config for later (OTA-42)
awsJobPresignedUrlConfig: { expiresInSec: 1800 }
files:
  - fileName: fw.bin
    fileLocation: { stream: { streamId: s1, fileId: 0 } }
    codeSigning: { awsSignerJobId: job-1 }
roleArn: ${ROLE}
`;
const jsonRequest = JSON.stringify(
  {
    otaUpdateId: 'fw-2',
    targets: [TARGET],
    awsJobPresignedUrlConfig: { expiresInSec: 1800 },
    files: [{ fileName: 'fw.bin', fileLocation: { stream: { streamId: 's1', fileId: 0 } }, codeSigning: { awsSignerJobId: 'job-1' } }],
    roleArn: ROLE,
  },
  null,
  2,
);
const config = JSON.stringify([
  { extends: ['recommended'], rules: { 'presigned-url-without-http': 'error' } },
  {
    suppressions: [
      { files: ['config-waived.json'], path: '/awsJobPresignedUrlConfig', rule: 'presigned-url-without-http', reason: 'Kept for the HTTP rollout in Q3' },
    ],
  },
]);

function project() {
  return tempProject({
    'comment-waived.yaml': yamlRequest,
    'config-waived.json': jsonRequest,
    'open.json': jsonRequest.replace('"fw-2"', '"fw-3"'),
    '.otalintrc.json': config,
  });
}

test('the finding is real: without a suppression it is an error', () => {
  const run = runCli(['open.json', '-f', 'json'], { cwd: project() });
  assert.equal(run.status, 1, run.stderr);
  const [result] = JSON.parse(run.stdout).results;
  assert.deepEqual(
    result.messages.map((m: { ruleId: string }) => m.ruleId),
    ['presigned-url-without-http'],
  );
});

test('JSON report: suppressedMessages with kind and justification; counts and exit code untouched', () => {
  const run = runCli(['comment-waived.yaml', 'config-waived.json', '-f', 'json'], { cwd: project() });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const report = JSON.parse(run.stdout);
  assert.ok(validateReport(report) as boolean, JSON.stringify(validateReport.errors, null, 2));
  const byFile = Object.fromEntries(report.results.map((r: { filePath: string }) => [r.filePath, r]));
  for (const file of ['comment-waived.yaml', 'config-waived.json']) {
    assert.equal(byFile[file].errorCount, 0);
    assert.deepEqual(byFile[file].messages, []);
  }
  const [fromComment] = byFile['comment-waived.yaml'].suppressedMessages;
  assert.equal(fromComment.ruleId, 'presigned-url-without-http');
  assert.equal(fromComment.line, 4);
  assert.deepEqual(fromComment.suppressions, [{ kind: 'inSource', justification: 'MQTT-only fleet keeps the config for later (OTA-42)' }]);
  assert.match(fromComment.fingerprint, /^[0-9a-f]{32}:1$/);
  const [fromConfig] = byFile['config-waived.json'].suppressedMessages;
  assert.equal(fromConfig.path, '/awsJobPresignedUrlConfig');
  assert.deepEqual(fromConfig.suppressions, [{ kind: 'external', justification: 'Kept for the HTTP rollout in Q3' }]);
});

test('SARIF: waived findings are results with suppressions, valid against the 2.1.0 schema', () => {
  const run = runCli(['.', '-f', 'sarif'], { cwd: project() });
  assert.equal(run.status, 1);
  const log = JSON.parse(run.stdout);
  assert.ok(validateSarif(log) as boolean, ajv.errorsText(validateSarif.errors));
  const results = log.runs[0].results as Array<{
    ruleId: string;
    suppressions?: Array<{ kind: string; justification: string }>;
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
  }>;
  const view = results.map((r) => [r.locations[0]!.physicalLocation.artifactLocation.uri, r.suppressions?.[0]?.kind ?? 'open']).sort();
  assert.deepEqual(view, [
    ['comment-waived.yaml', 'inSource'],
    ['config-waived.json', 'external'],
    ['open.json', 'open'],
  ]);
});

test('baselined findings are kept as external suppressions; earlier waivers survive the baseline step', () => {
  const dir = project();
  assert.equal(runCli(['.', '--baseline-create', 'base/otalint-baseline.json'], { cwd: dir }).status, 0);
  const run = runCli(['.', '--baseline', 'base/otalint-baseline.json', '-f', 'json'], { cwd: dir });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const report = JSON.parse(run.stdout);
  assert.ok(validateReport(report) as boolean, JSON.stringify(validateReport.errors, null, 2));
  const byFile = Object.fromEntries(report.results.map((r: { filePath: string }) => [r.filePath, r]));
  assert.deepEqual(byFile['open.json'].messages, []);
  assert.deepEqual(
    byFile['open.json'].suppressedMessages.map((m: { suppressions: unknown }) => m.suppressions),
    [[{ kind: 'external', justification: 'in the baseline base/otalint-baseline.json' }]],
  );
  assert.equal(byFile['comment-waived.yaml'].suppressedMessages[0].suppressions[0].kind, 'inSource');
});

test.run();
