import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { startFakeIot } from './support/fake-iot.js';
import { isolatedAwsEnv, run, runOtalint } from './support/run-bin.js';

/**
 * Parity with the real AWS CLI: each case is a bash script that runs `aws iot create-ota-update`.
 * The script runs for real, with `aws` being CLI v1 (`aws` on PATH) or v2 (Debian's /usr/bin/aws)
 * pointed at a loopback endpoint that records what it receives, and `otalint extract` reads the
 * same script. The request each CLI sends must be the request otalint extracts, value for value.
 * A missing CLI skips its tests, saying so.
 */

function findCli(command: string, major: string): string | undefined {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8', env: isolatedAwsEnv() });
  const version = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !version.startsWith(`aws-cli/${major}.`)) return undefined;
  // The shim below must run the real program, not itself.
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}
const CLI_V1 = findCli('aws', '1');
const CLI_V2 = findCli('/usr/bin/aws', '2');
if (!CLI_V1) console.log('AWS CLI v1 (`aws` on PATH) not found: its parity tests are skipped.');
if (!CLI_V2) console.log('AWS CLI v2 (/usr/bin/aws, apt-get install awscli) not found: its parity tests are skipped.');

const ROLE = 'arn:aws:iam::123456789012:role/ota-update-role';
const GROUP = 'arn:aws:iot:us-east-1:123456789012:thinggroup/kitchen';
const STREAM_FILE =
  '[{"fileName":"fw.bin","fileType":0,"fileLocation":{"stream":{"streamId":"fw-stream","fileId":0}},"codeSigning":{"awsSignerJobId":"job-1"}}]';
/** Base64 of a 70-byte ECDSA P-256 signature (DER), as a request file holds it. */
const SIGNATURE = 'MEQCIFbPb2Dz0mO7W3d4Vv1iXbJ2m0qkz1n9QY2o8dWbq1nOAiB1xVbL3H0k2mTqvq6zZ6o0y8v5WqPq3m1c8Y3b2dK9QA==';

interface Case {
  readonly name: string;
  readonly script: string;
  readonly files?: Record<string, string>;
  /** The CLI major versions that take the command (`--cli-input-yaml` is v2's); both when omitted. */
  readonly only?: 'v2';
}

const CASES: Case[] = [
  {
    name: 'shorthand: nested structures, a list of structures, a map, several-word tags',
    script: `aws iot create-ota-update --ota-update-id shorthand-1 --targets ${GROUP} \\
  --aws-job-executions-rollout-config 'maximumPerMinute=10,exponentialRate={baseRatePerMinute=5,incrementFactor=1.5,rateIncreaseCriteria={numberOfSucceededThings=20}}' \\
  --aws-job-abort-config 'abortCriteriaList=[{failureType=FAILED,action=CANCEL,thresholdPercentage=10.5,minNumberOfExecutedThings=3},{failureType=TIMED_OUT,action=CANCEL,thresholdPercentage=50,minNumberOfExecutedThings=10}]' \\
  --aws-job-timeout-config inProgressTimeoutInMinutes=120 \\
  --aws-job-presigned-url-config expiresInSec=600 \\
  --files 'fileName=fw.bin,fileType=0,fileLocation={s3Location={bucket=afr-ota-kitchen,key=fw/1.4.2/fw.bin,version=v1}},codeSigning={awsSignerJobId=job-1},attributes={build=42,channel=beta}' \\
  --additional-parameters stage=beta,owner=firmware-team \\
  --tags Key=team,Value=firmware Key=product,Value=kitchen Key=empty \\
  --role-arn ${ROLE}
`,
  },
  {
    name: 'shorthand: quoted values with commas and spaces, an escaped comma, a one-word list',
    script: `aws iot create-ota-update --ota-update-id shorthand-2 --targets ${GROUP} --files '${STREAM_FILE}' --role-arn ${ROLE} \\
  --additional-parameters 'note="a, b and c",path=a\\,b,single='"'"'x y'"'"'' \\
  --tags 'Key=team,Value=fw team'
`,
  },
  {
    name: 'JSON: single-quoted, double-quoted with escapes, and inside an ANSI-C string',
    script: `aws iot create-ota-update --ota-update-id json-1 \\
  --targets '["${GROUP}", "arn:aws:iot:us-east-1:123456789012:thing/porch"]' \\
  --files "[{\\"fileName\\": \\"fw.bin\\", \\"fileLocation\\": {\\"stream\\": {\\"streamId\\": \\"fw\\", \\"fileId\\": 3}}, \\"attributes\\": {\\"cost\\": \\"\\$5\\"}}]" \\
  --aws-job-abort-config $'{"abortCriteriaList": [{"failureType": "ALL", "action": "CANCEL", "thresholdPercentage": 12.25, "minNumberOfExecutedThings": 1}]}' \\
  --aws-job-executions-rollout-config '{"maximumPerMinute": 100}' \\
  --role-arn ${ROLE}
`,
  },
  {
    name: 'several-word lists, --name=value, a description with quotes and escapes',
    script: `aws iot create-ota-update --ota-update-id=lists-1 \\
  --targets ${GROUP} "arn:aws:iot:us-east-1:123456789012:thing/porch light" 'arn:aws:iot:us-east-1:123456789012:thing/a'"b"c \\
  --protocols MQTT HTTP \\
  --target-selection=CONTINUOUS \\
  --description "Kitchen \\"beta\\" build, costs \\$0 \\\\ no more" \\
  --files='${STREAM_FILE}' --role-arn ${ROLE}
`,
  },
  {
    name: 'file:// values: JSON files, shorthand in a file, a text file (its newline kept)',
    files: {
      'ota/files.json': `${STREAM_FILE}\n`,
      'ota/rollout.txt': 'maximumPerMinute=25\n',
      'ota/description.txt': 'Kitchen firmware 1.4.2\n',
      'ota/targets.json': `["${GROUP}"]`,
    },
    script: `aws iot create-ota-update --ota-update-id files-1 --targets file://ota/targets.json \\
  --files file://ota/files.json --aws-job-executions-rollout-config file://ota/rollout.txt \\
  --description file://ota/description.txt --role-arn ${ROLE}
`,
  },
  {
    name: '--cli-input-json file:// with explicit parameters overriding it',
    files: {
      'ota/request.json': JSON.stringify({
        otaUpdateId: 'from-the-file',
        description: 'from the file',
        targets: ['arn:aws:iot:us-east-1:123456789012:thing/from-file'],
        protocols: ['MQTT'],
        files: JSON.parse(STREAM_FILE),
        roleArn: ROLE,
      }),
    },
    script: `aws iot create-ota-update --cli-input-json file://ota/request.json --ota-update-id input-1 --targets ${GROUP}
`,
  },
  {
    name: '--cli-input-yaml file:// (v2) with explicit parameters overriding it',
    only: 'v2',
    files: {
      'ota/request.yaml': `otaUpdateId: from-the-file
description: "from the file: yaml"
targets:
  - arn:aws:iot:us-east-1:123456789012:thing/from-file
protocols: [MQTT, HTTP]
awsJobExecutionsRolloutConfig:
  maximumPerMinute: 25
files:
  - fileName: fw.bin
    fileType: 0
    fileLocation:
      stream: { streamId: fw-stream, fileId: 0 }
    codeSigning: { awsSignerJobId: job-1 }
roleArn: ${ROLE}
additionalParameters:
  stage: beta
`,
    },
    script: `aws iot create-ota-update --cli-input-yaml file://ota/request.yaml --ota-update-id input-yaml-1 --protocols MQTT
`,
  },
  {
    name: 'variables assigned once, a here-document in $( ), line continuations and comments',
    script: `ACCOUNT=123456789012
REGION="us-east-1"
ROLE_ARN="arn:aws:iam::\${ACCOUNT}:role/ota-update-role"
GROUP_ARN=arn:aws:iot:$REGION:$ACCOUNT:thinggroup/kitchen
export BUCKET='afr-ota-kitchen'
aws iot create-ota-update \\
  --ota-update-id heredoc-1 \\
  --targets "$GROUP_ARN" \\
  --files "$(cat <<JSON
[
  {
    "fileName": "fw.bin",
    "fileLocation": { "s3Location": { "bucket": "$BUCKET", "key": "fw/\${REGION}/fw.bin", "version": "v\\$1" } },
    "codeSigning": { "awsSignerJobId": "job-1" }
  }
]
JSON
)" \\
  --role-arn "$ROLE_ARN"
aws iot create-ota-update --ota-update-id heredoc-2 --targets "$GROUP_ARN" --role-arn "$ROLE_ARN" --files "$(cat <<'RAW'
[{"fileName": "$NOT_EXPANDED", "fileLocation": {"stream": {"streamId": "fw", "fileId": 1}}}]
RAW
)"
`,
  },
];

const BLOB_CASE: Case = {
  name: 'a blob (customCodeSigning.signature.inlineDocument) in JSON',
  script: `aws iot create-ota-update --ota-update-id blob-1 --targets ${GROUP} --role-arn ${ROLE} --files '[{"fileName": "fw.bin", "fileLocation": {"stream": {"streamId": "fw", "fileId": 0}}, "codeSigning": {"customCodeSigning": {"signature": {"inlineDocument": "${SIGNATURE}"}, "certificateChain": {"certificateName": "/certs/ota.crt"}, "hashAlgorithm": "SHA256", "signatureAlgorithm": "ECDSA"}}}]'
`,
};

const dirs: string[] = [];
process.once('exit', () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(testCase: Case): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-parity-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'release.sh'), `#!/usr/bin/env bash\nset -euo pipefail\n${testCase.script}`);
  for (const [name, text] of Object.entries(testCase.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Run the script with `aws` being `cli` pointed at a recording endpoint; the requests it sent. */
async function sentBy(cli: string, dir: string): Promise<Array<Record<string, unknown>>> {
  const iot = await startFakeIot();
  try {
    const shims = mkdtempSync(path.join(tmpdir(), 'otalint-aws-shim-'));
    dirs.push(shims);
    writeFileSync(path.join(shims, 'aws'), `#!/bin/sh\nexec ${JSON.stringify(cli)} --endpoint-url ${iot.url} --output json "$@"\n`);
    chmodSync(path.join(shims, 'aws'), 0o755);
    const env = isolatedAwsEnv({ AWS_DEFAULT_REGION: 'us-east-1', PATH: `${shims}:${process.env.PATH ?? ''}` });
    const result = await run('bash', ['release.sh'], { cwd: dir, env });
    assert.equal(result.status, 0, `${cli}: ${result.stdout}${result.stderr}`);
    return iot.requests
      .filter((request) => request.method === 'POST')
      .map((request) => {
        assert.equal(request.status, 200, `${cli}: the endpoint accepted the request`);
        const id = decodeURIComponent(request.url.split('/').pop()!);
        return { otaUpdateId: id, ...(JSON.parse(request.body) as Record<string, unknown>) };
      });
  } finally {
    await iot.close();
  }
}

async function extracted(dir: string): Promise<unknown[]> {
  const result = await runOtalint(['extract', 'release.sh'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  return (JSON.parse(result.stdout) as Array<{ request: unknown }>).map((entry) => entry.request);
}

const test = suite('command lines: otalint extract and the real AWS CLI agree');

for (const [label, cli] of [
  ['v1', CLI_V1],
  ['v2', CLI_V2],
] as const) {
  for (const testCase of CASES.filter((c) => !c.only || c.only === label)) {
    (cli ? test : test.skip)(`CLI ${label}: ${testCase.name}`, async () => {
      const dir = project(testCase);
      const ours = await extracted(dir);
      const theirs = await sentBy(cli!, dir);
      assert.ok(theirs.length > 0, 'the script sent requests');
      assert.deepEqual(ours, theirs);
    });
  }
}

/** Commands the AWS CLI rejects before sending: otalint reports each with the rule that says why. */
const REJECTED: Array<Case & { rule: string }> = [
  {
    name: 'a quoted shorthand key',
    rule: 'cli-shorthand-syntax',
    script: `aws iot create-ota-update --ota-update-id r-1 --targets ${GROUP} --role-arn ${ROLE} --files 'fileName=fw.bin,"fileType"=0'\n`,
  },
  {
    name: 'a misspelt option',
    rule: 'cli-unknown-option',
    script: `aws iot create-ota-update --ota-update-id r-2 --target ${GROUP} --role-arn ${ROLE} --files '${STREAM_FILE}'\n`,
  },
  {
    name: 'a missing --role-arn',
    rule: 'cli-required-option',
    script: `aws iot create-ota-update --ota-update-id r-3 --targets ${GROUP} --files '${STREAM_FILE}'\n`,
  },
];
for (const testCase of REJECTED) {
  (CLI_V2 ? test : test.skip)(`CLI v2 rejects, otalint reports ${testCase.rule}: ${testCase.name}`, async () => {
    const dir = project({ ...testCase, script: `${testCase.script}true\n`.replace('set -euo pipefail', '') });
    const iot = await startFakeIot();
    try {
      const words = spawnSync('bash', ['-c', `set -- ${testCase.script.replace(/^aws iot create-ota-update/, '')}; printf '%s\\0' "$@"`], { encoding: 'utf8' })
        .stdout.split('\0')
        .filter(Boolean);
      const rejected = await run(CLI_V2!, ['iot', 'create-ota-update', ...words, '--endpoint-url', iot.url], { cwd: dir, env: isolatedAwsEnv() });
      assert.notEqual(rejected.status, 0, 'the CLI rejects the command');
      assert.equal(iot.requests.length, 0, 'and sends nothing');
    } finally {
      await iot.close();
    }
    const lint = await runOtalint(['release.sh', '--format', 'json'], { cwd: dir });
    const rules = (JSON.parse(lint.stdout) as { results: Array<{ messages: Array<{ ruleId: string }> }> }).results[0]!.messages.map((m) => m.ruleId);
    assert.ok(rules.includes(testCase.rule), rules.join(', '));
  });
}

const signatureOf = (request: unknown): string =>
  (request as { files: Array<{ codeSigning: { customCodeSigning: { signature: { inlineDocument: string } } } }> }).files[0]!.codeSigning.customCodeSigning
    .signature.inlineDocument;

(CLI_V2 ? test : test.skip)('CLI v2: a blob is sent as written (base64 of the signature bytes), as otalint reads it', async () => {
  const dir = project(BLOB_CASE);
  const ours = await extracted(dir);
  const theirs = await sentBy(CLI_V2!, dir);
  assert.deepEqual(ours, theirs);
  assert.equal(signatureOf(ours[0]), SIGNATURE);
});

(CLI_V2 ? test : test.skip)(
  'CLI v2 with --cli-binary-format raw-in-base64-out: the blob is base64-encoded once more, and otalint reports cli-binary-format',
  async () => {
    const dir = project({ ...BLOB_CASE, script: BLOB_CASE.script.replace('create-ota-update', 'create-ota-update --cli-binary-format raw-in-base64-out') });
    const [theirs] = await sentBy(CLI_V2!, dir);
    assert.equal(Buffer.from(signatureOf(theirs), 'base64').toString('latin1'), SIGNATURE, 'v2 sent the base64 of the base64 text');
    const lint = await runOtalint(['release.sh', '--format', 'json'], { cwd: dir });
    const messages = (JSON.parse(lint.stdout) as { results: Array<{ messages: Array<{ ruleId: string; severity: string }> }> }).results[0]!.messages;
    assert.deepEqual(
      messages.filter((m) => m.ruleId === 'cli-binary-format').map((m) => m.severity),
      ['error'],
    );
  },
);

(CLI_V1 ? test : test.skip)('CLI v1: a blob is base64-encoded once more (devices then fail); everything else agrees', async () => {
  const dir = project(BLOB_CASE);
  const ours = await extracted(dir);
  const [theirs] = await sentBy(CLI_V1!, dir);
  assert.equal(Buffer.from(signatureOf(theirs), 'base64').toString('latin1'), SIGNATURE, 'v1 sent the base64 of the base64 text');
  const withoutBlob = (request: unknown) => {
    const copy = structuredClone(request) as Record<string, unknown>;
    delete (copy as { files: Array<{ codeSigning: { customCodeSigning: { signature?: unknown } } }> }).files[0]!.codeSigning.customCodeSigning.signature;
    return copy;
  };
  assert.deepEqual(withoutBlob(ours[0]), withoutBlob(theirs));
});

test.run();
