import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { GROUP, LAMBDA_ROLE, NO_PASS_ROLE, REGION, ROLE, THING, createLimitedUser, seedAccount, type SeededAccount } from './support/deep-account.js';
import { TEST_ACCOUNT, startFakeIot, type FakeIot } from './support/fake-iot.js';
import { motoAvailable, startMoto, type Moto } from './support/moto.js';
import { isolatedAwsEnv, runOtalint, submitProject } from './support/run-bin.js';

/**
 * `otalint lint --deep` as a user runs it, against moto_server (S3, IAM, IoT things and groups,
 * Signer profiles, ACM, STS) behind the project's fake IoT endpoint, which adds what moto lacks
 * (GetOTAUpdate, DescribeStream, DescribeSigningJob) and counts every call.
 */
const available = motoAvailable();
const test = suite(`lint --deep against moto_server${available ? '' : ' (skipped: moto_server is not installed; .ci/run installs it)'}`);
const it = available ? test : test.skip;

let moto: Moto;
let endpoint: FakeIot;
let seeded: SeededAccount;

test.before(async () => {
  if (!available) return;
  moto = await startMoto();
  seeded = await seedAccount(moto.url);
  endpoint = await startFakeIot({
    upstream: moto.url,
    streams: { fw_stream: [0] },
    signingJobs: { job_ok: { status: 'Succeeded' }, job_failed: { status: 'Failed', statusReason: 'Access denied to the source object' } },
  });
  endpoint.updates.set('fw-taken', { otaUpdateId: 'fw-taken', request: { targets: [THING], files: [], roleArn: ROLE }, createdAt: Date.now(), gets: 0 });
});

test.after(async () => {
  await endpoint?.close();
  await moto?.stop();
});

type Request = Record<string, unknown>;
const s3File = (location: Request, extra: Request = {}) => ({ fileName: '/sys/fw.bin', fileType: 0, fileLocation: { s3Location: location }, ...extra });
const request = (id: string, extra: Request): Request => ({ otaUpdateId: id, targets: [THING], protocols: ['MQTT'], roleArn: ROLE, ...extra });

function project(files: Record<string, Request>): string {
  const dir = submitProject();
  mkdirSync(path.join(dir, 'deep'));
  for (const [name, value] of Object.entries(files)) writeFileSync(path.join(dir, 'deep', name), `${JSON.stringify(value, null, 2)}\n`);
  return dir;
}

interface Found {
  file: string;
  ruleId: string;
  path: string;
  severity: string;
  line: number;
  message: string;
}

async function deepLint(dir: string, args: string[] = []) {
  const run = await runOtalint(['lint', 'deep', '--deep', '--endpoint-url', endpoint.url, '--format', 'json', ...args], { cwd: dir, env: isolatedAwsEnv() });
  const report = JSON.parse(run.stdout || '{"results":[]}') as {
    results: Array<{ filePath: string; messages: Array<Omit<Found, 'file'> & { fingerprint?: string }> }>;
  };
  const found = report.results.flatMap((result) => result.messages.map((m) => ({ file: path.basename(result.filePath), ...m })));
  return { run, found, deep: found.filter((m) => m.ruleId.startsWith('deep-')) };
}

const good = () => ({
  'stream.json': request('fw-stream', {
    targets: [THING, GROUP],
    files: [{ fileName: '/sys/fw.bin', fileLocation: { stream: { streamId: 'fw_stream', fileId: 0 } }, codeSigning: { awsSignerJobId: 'job_ok' } }],
  }),
  'signed.json': request('fw-signed', {
    files: [
      s3File(
        { bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version },
        { codeSigning: { startSigningJobParameter: { signingProfileName: 'ota_profile', destination: { s3Destination: { bucket: 'afr-ota-signed' } } } } },
      ),
    ],
  }),
  'new-profile.json': request('fw-new-profile', {
    protocols: ['HTTP'],
    files: [
      s3File(
        { bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version },
        {
          codeSigning: {
            startSigningJobParameter: {
              signingProfileName: 'brand_new_profile',
              signingProfileParameter: { certificateArn: seeded.certificate, platform: 'AmazonFreeRTOS-Default', certificatePathOnDevice: '/certs/ota.crt' },
              destination: { s3Destination: { bucket: 'afr-ota-signed' } },
            },
          },
        },
      ),
    ],
  }),
  'presigned.json': request('fw-job', { files: [{ fileName: '/sys/fw.bin', codeSigning: { awsSignerJobId: 'job_ok' } }] }),
});

it('a correct account: --deep adds no finding, and exits 0', async () => {
  const { run, found } = await deepLint(project(good()));
  assert.deepEqual(found, []);
  assert.equal(run.status, 0, run.stderr);
});

it('each planted problem is found at its value, with the AWS error', async () => {
  const dir = project({
    'bucket.json': request('fw-a', { files: [s3File({ bucket: 'afr-ota-plain', key: 'fw.bin' }), s3File({ bucket: 'afr-ota-ghost', key: 'fw.bin' })] }),
    'object.json': request('fw-b', {
      files: [s3File({ bucket: 'afr-ota-fw', key: 'missing.bin' }), s3File({ bucket: 'afr-ota-fw', key: 'fw.bin', version: 'no-such-version' })],
    }),
    'size.json': request('fw-c', { files: [s3File({ bucket: 'afr-ota-fw', key: 'big.bin', version: seeded.bigVersion })] }),
    'deleted.json': request('fw-deleted', {
      files: [
        s3File({ bucket: 'afr-ota-fw', key: 'gone.bin' }),
        s3File({ bucket: 'afr-ota-fw', key: 'gone.bin', version: seeded.deleteMarker }),
        s3File({ bucket: 'afr-ota-fw', key: 'gone.bin', version: seeded.goneVersion }),
      ],
    }),
    'destination.json': request('fw-d', {
      files: [
        s3File(
          { bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version },
          {
            codeSigning: {
              startSigningJobParameter: { signingProfileName: 'ota_profile', destination: { s3Destination: { bucket: 'afr-ota-ghost-signed' } } },
            },
          },
        ),
      ],
    }),
    'trust.json': request('fw-e', { roleArn: LAMBDA_ROLE, files: [s3File({ bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version })] }),
    'no-role.json': request('fw-f', {
      roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/ghost-role`,
      files: [s3File({ bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version })],
    }),
    'passrole.json': request('fw-g', { roleArn: NO_PASS_ROLE, files: [s3File({ bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version })] }),
    'targets.json': request('fw-h', {
      targets: [`arn:aws:iot:${REGION}:${TEST_ACCOUNT}:thing/ghost`, `arn:aws:iot:${REGION}:${TEST_ACCOUNT}:thinggroup/ghost-fleet`],
      files: [s3File({ bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version })],
    }),
    'taken.json': request('fw-taken', { files: [s3File({ bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version })] }),
    'stream.json': request('fw-i', {
      files: [{ fileLocation: { stream: { streamId: 'ghost_stream', fileId: 0 } } }, { fileLocation: { stream: { streamId: 'fw_stream', fileId: 7 } } }],
    }),
    'profile.json': request('fw-j', {
      files: [
        s3File(
          { bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version },
          { codeSigning: { startSigningJobParameter: { signingProfileName: 'ghost_profile' } } },
        ),
        s3File(
          { bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version },
          { codeSigning: { startSigningJobParameter: { signingProfileName: 'old_profile' } } },
        ),
        s3File(
          { bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version },
          {
            codeSigning: {
              startSigningJobParameter: {
                signingProfileName: 'ota_profile',
                signingProfileParameter: {
                  certificateArn: seeded.certificate,
                  platform: 'AmazonFreeRTOS-TI-CC3220SF',
                  certificatePathOnDevice: '/certs/ota.crt',
                },
              },
            },
          },
        ),
      ],
    }),
    'job.json': request('fw-k', { files: [{ codeSigning: { awsSignerJobId: 'job_failed' } }, { codeSigning: { awsSignerJobId: 'job_ghost' } }] }),
    'certificate.json': request('fw-l', {
      protocols: ['HTTP'],
      files: [
        s3File(
          { bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version },
          {
            codeSigning: {
              startSigningJobParameter: {
                signingProfileName: 'another_new_profile',
                signingProfileParameter: {
                  certificateArn: `arn:aws:acm:${REGION}:${TEST_ACCOUNT}:certificate/00000000-0000-0000-0000-000000000000`,
                  platform: 'AmazonFreeRTOS-Default',
                  certificatePathOnDevice: '/certs/ota.crt',
                },
              },
            },
          },
        ),
      ],
    }),
  });
  const { run, deep } = await deepLint(dir);
  assert.equal(run.status, 1, run.stderr);
  const seen = deep.map((m) => `${m.file} ${m.ruleId} ${m.severity} ${m.path}`);
  assert.deepEqual(seen, [
    'bucket.json deep-s3-bucket error /files/0/fileLocation/s3Location/bucket',
    'bucket.json deep-s3-bucket error /files/1/fileLocation/s3Location/bucket',
    'certificate.json deep-acm-certificate error /files/0/codeSigning/startSigningJobParameter/signingProfileParameter/certificateArn',
    'deleted.json deep-s3-object error /files/0/fileLocation/s3Location/key',
    'deleted.json deep-s3-object error /files/1/fileLocation/s3Location/version',
    'destination.json deep-signing-destination-bucket error /files/0/codeSigning/startSigningJobParameter/destination/s3Destination/bucket',
    'job.json deep-signing-job error /files/0/codeSigning/awsSignerJobId',
    'job.json deep-signing-job error /files/1/codeSigning/awsSignerJobId',
    'no-role.json deep-iam-role-trust error /roleArn',
    'object.json deep-s3-object error /files/0/fileLocation/s3Location/key',
    'object.json deep-s3-object error /files/1/fileLocation/s3Location/version',
    'passrole.json deep-iam-role-permissions error /roleArn',
    'profile.json deep-signing-profile error /files/0/codeSigning/startSigningJobParameter/signingProfileName',
    'profile.json deep-signing-profile error /files/1/codeSigning/startSigningJobParameter/signingProfileName',
    'profile.json deep-signing-profile-match warning /files/2/codeSigning/startSigningJobParameter/signingProfileParameter/platform',
    'size.json deep-s3-object-size warning /files/0/fileLocation/s3Location/key',
    'stream.json deep-stream-file error /files/0/fileLocation/stream/streamId',
    'stream.json deep-stream-file error /files/1/fileLocation/stream/fileId',
    'taken.json deep-otaupdate-id-available error /otaUpdateId',
    'targets.json deep-iot-targets error /targets/0',
    'targets.json deep-iot-targets error /targets/1',
    'trust.json deep-iam-role-trust error /roleArn',
  ]);
  const message = (file: string, ruleId: string, index = 0) => deep.filter((m) => m.file === file && m.ruleId === ruleId)[index]!.message;
  // The AWS error is in the message, as AWS (moto) gave it.
  assert.match(message('bucket.json', 'deep-s3-bucket'), /^S3 bucket "afr-ota-plain" has never had versioning enabled/);
  assert.match(message('bucket.json', 'deep-s3-bucket', 1), /^S3 bucket "afr-ota-ghost" does not exist \(NoSuchBucket: The specified bucket does not exist\)/);
  assert.match(message('object.json', 'deep-s3-object', 1), /has no version "no-such-version" \(/);
  assert.match(message('deleted.json', 'deep-s3-object'), /^S3 object "gone\.bin" in bucket "afr-ota-fw" was deleted: its current version is a delete marker/);
  assert.match(
    message('deleted.json', 'deep-s3-object', 1),
    new RegExp(`^Version "${seeded.deleteMarker}" of S3 object "gone\\.bin" .* is a delete marker, not a file`),
  );
  assert.match(
    message('passrole.json', 'deep-iam-role-permissions'),
    new RegExp(`^IAM role "${NO_PASS_ROLE}" is not allowed iam:PassRole on ${NO_PASS_ROLE} \\(no statement of its policies allows it\\)`),
  );
  assert.match(message('no-role.json', 'deep-iam-role-trust'), /does not exist \(NoSuchEntity(Exception)?: /);
  assert.match(message('targets.json', 'deep-iot-targets'), /^Thing "ghost" does not exist in us-east-1 \(ResourceNotFoundException: /);
  assert.match(message('job.json', 'deep-signing-job'), /^Signing job "job_failed" is Failed \("Access denied to the source object"\)/);
  assert.match(message('profile.json', 'deep-signing-profile', 1), /^Signing profile "old_profile" is Canceled;/);
  assert.match(message('size.json', 'deep-s3-object-size'), /is 5242880 bytes \(5\.00 MiB\), more than the 4194304 bytes/);
  // The lines are the values' own lines in the file (the role ARN's, here).
  const passrole = deep.find((m) => m.file === 'passrole.json')!;
  assert.equal(passrole.line, 9);
});

it('deep findings go through suppressions, fingerprints and baselines like any other', async () => {
  const dir = project({});
  const yaml = [
    'otaUpdateId: fw-yaml',
    'targets: [arn:aws:iot:us-east-1:123456789012:thing/dev1]',
    'protocols: [MQTT]',
    `roleArn: ${ROLE}`,
    'files:',
    '  - fileName: /sys/fw.bin',
    '    fileLocation:',
    '      s3Location:',
    '        # otalint-disable-next-line deep-s3-bucket -- the legacy bucket, moved in Q3',
    '        bucket: afr-ota-plain',
    '        key: fw.bin',
    '  - fileName: /sys/fw2.bin',
    '    fileLocation:',
    '      s3Location: { bucket: afr-ota-ghost, key: fw.bin }',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'deep', 'legacy.yaml'), yaml);
  const first = await deepLint(dir);
  assert.deepEqual(
    first.deep.map((m) => `${m.ruleId} ${m.line} ${typeof (m as { fingerprint?: string }).fingerprint}`),
    ['deep-s3-bucket 14 string'],
  );
  await deepLint(dir, ['--baseline-create', 'baseline.json']);
  const second = await deepLint(dir, ['--baseline', 'baseline.json']);
  assert.deepEqual(second.deep, []);
  assert.equal(second.run.status, 0, second.run.stderr);
  // Without --deep the comment is not "unused": the rule it names did not run.
  const plain = await runOtalint(['lint', 'deep', '--format', 'json'], { cwd: dir, env: isolatedAwsEnv() });
  const plainMessages = (JSON.parse(plain.stdout) as { results: Array<{ messages: Array<{ ruleId: string }> }> }).results.flatMap((r) =>
    r.messages.map((m) => m.ruleId),
  );
  assert.deepEqual(
    plainMessages.filter((id) => id.startsWith('deep-') || id.includes('suppress') || id.includes('disable')),
    [],
  );
});

it('unknown values are never looked up: a boto3 script whose bucket and job id come from the environment', async () => {
  const dir = project({});
  writeFileSync(
    path.join(dir, 'deep', 'release.py'),
    [
      'import os',
      'import boto3',
      '',
      'boto3.client("iot").create_ota_update(',
      '    otaUpdateId="fw-py",',
      `    targets=["${THING}"],`,
      '    protocols=["MQTT"],',
      '    files=[{',
      '        "fileName": "/sys/fw.bin",',
      '        "fileLocation": {"s3Location": {"bucket": os.environ["FW_BUCKET"], "key": "fw.bin"}},',
      '        "codeSigning": {"awsSignerJobId": os.environ["JOB_ID"]},',
      '    }],',
      `    roleArn="${ROLE}",`,
      ')',
      '',
    ].join('\n'),
  );
  const before = endpoint.operations();
  const { run, deep } = await deepLint(dir);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(deep, []);
  const grew = (operation: string) => (endpoint.operations().get(operation) ?? 0) - (before.get(operation) ?? 0);
  // The known values were checked; nothing was asked about the bucket or the job.
  assert.equal(grew('iot:GetOTAUpdate'), 1);
  assert.equal(grew('iot:DescribeThing'), 1);
  assert.equal(grew('s3:GetBucketVersioning'), 0);
  assert.equal(grew('s3:GetObject'), 0);
  assert.equal(grew('signer:DescribeSigningJob'), 0);
});

it('--deep only reads: every call it made is a Get, Head, Describe, List or Simulate', () => {
  const operations = [...endpoint.operations().keys()];
  assert.ok(operations.length > 10, operations.join(', '));
  const reads =
    /^(s3:(GetBucketVersioning|GetObject|GetObjectVersion)|iam:(Get|List|Simulate)\w+|sts:GetCallerIdentity|iot:(Describe|Get)\w+|signer:(Get|Describe)\w+|acm:Describe\w+)$/;
  assert.deepEqual(
    operations.filter((operation) => !reads.test(operation)),
    [],
  );
});

it('100 requests naming one bucket, object, role and thing: one call each (a cached, limited run)', async () => {
  const files: Record<string, Request> = {};
  for (let i = 0; i < 100; i++) {
    files[`r${String(i).padStart(3, '0')}.json`] = request(`fw-batch-${i}`, {
      files: [s3File({ bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version })],
    });
  }
  const dir = project(files);
  const before = endpoint.operations();
  const { run, deep } = await deepLint(dir, ['--debug']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(deep, []);
  const after = endpoint.operations();
  const made = Object.fromEntries([...after].map(([operation, n]) => [operation, n - (before.get(operation) ?? 0)]).filter(([, n]) => (n as number) > 0));
  assert.deepEqual(made, {
    'iam:GetRole': 1,
    'iam:ListAttachedRolePolicies': 1,
    'iam:ListRolePolicies': 1,
    'iam:GetRolePolicy': 1,
    'iam:SimulatePrincipalPolicy': 1,
    'iot:DescribeThing': 1,
    'iot:GetOTAUpdate': 100,
    's3:GetBucketVersioning': 1,
    's3:GetObjectVersion': 1,
    'sts:GetCallerIdentity': 1,
  });
  assert.match(run.stderr, /otalint: --deep made 109 AWS calls: /);
});

it("IAM's policy simulator, where the account offers it, answers for the role (no policy is read)", async () => {
  const simulating = await startFakeIot({ upstream: moto.url, simulate: (_role, action) => (action === 'iam:PassRole' ? 'implicitDeny' : 'allowed') });
  try {
    const dir = project({ 'simulated.json': request('fw-sim', { files: [s3File({ bucket: 'afr-ota-fw', key: 'fw.bin', version: seeded.version })] }) });
    const run = await runOtalint(['lint', 'deep', '--deep', '--endpoint-url', simulating.url, '--format', 'json'], { cwd: dir, env: isolatedAwsEnv() });
    assert.equal(run.status, 1, run.stderr);
    const messages = (JSON.parse(run.stdout) as { results: Array<{ messages: Array<{ ruleId: string; message: string }> }> }).results[0]!.messages;
    assert.deepEqual(
      messages.filter((m) => m.ruleId.startsWith('deep-')).map((m) => m.message),
      [
        `IAM role "${ROLE}" is not allowed iam:PassRole on ${ROLE} (IAM's policy simulator answers implicitDeny); the update needs it to pass the role to AWS IoT, or it ends in CREATE_FAILED. Allow it in the role's policy.`,
      ],
    );
    const operations = simulating.operations();
    assert.equal(operations.get('iam:SimulatePrincipalPolicy'), 3, 'one call per resource: the role, the object, the stream');
    assert.equal(operations.get('iam:ListRolePolicies'), undefined);
  } finally {
    await simulating.close();
  }
});

it('credentials that may not read: each check that cannot run is an info finding naming the permission, never an error', async () => {
  // moto enforces IAM policies once this many calls have been made: the three that create the user.
  const strict = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: '3' });
  const limited = await createLimitedUser(strict.url, ['sts:GetCallerIdentity']);
  const guarded = await startFakeIot({ upstream: strict.url, credentials: [limited] });
  try {
    const dir = project({
      'denied.json': request('fw-denied', { files: [s3File({ bucket: 'afr-ota-fw', key: 'fw.bin', version: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY' })] }),
    });
    const run = await runOtalint(['lint', 'deep', '--deep', '--endpoint-url', guarded.url, '--format', 'json'], {
      cwd: dir,
      env: isolatedAwsEnv({ AWS_ACCESS_KEY_ID: limited.accessKeyId, AWS_SECRET_ACCESS_KEY: limited.secretAccessKey, AWS_SESSION_TOKEN: undefined }),
    });
    assert.equal(run.status, 0, run.stdout);
    const messages = (JSON.parse(run.stdout) as { results: Array<{ messages: Array<{ ruleId: string; severity: string; path: string; message: string }> }> })
      .results[0]!.messages;
    const deep = messages.filter((m) => m.ruleId.startsWith('deep-'));
    assert.deepEqual(
      deep.map((m) => `${m.ruleId} ${m.severity} ${m.path}`),
      ['deep-iot-targets info /targets/0', 'deep-iam-role-trust info /roleArn', 'deep-s3-bucket info /files/0/fileLocation/s3Location/bucket'],
    );
    assert.match(
      deep[1]!.message,
      /^Could not check that IAM role "arn:aws:iam::123456789012:role\/ota-role" exists and trusts iot.amazonaws.com: AccessDenied: .*; the credentials need iam:GetRole\.$/,
    );
    assert.match(deep[2]!.message, /the credentials need s3:GetBucketVersioning\.$/);
    assert.match(
      deep[0]!.message,
      /^Could not check that thing "dev1" exists in us-east-1: Forbidden: HTTP 403, the body is not an AWS error; the credentials need iot:DescribeThing\.$/,
    );
  } finally {
    await guarded.close();
    await strict.stop();
  }
});

test.run();
