import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { startFakeIot, type FakeIot } from './support/fake-iot.js';
import { findAwsCli, noteSkipped } from './support/programs.js';
import { isolatedAwsEnv, run, runOtalint, submitProject } from './support/run-bin.js';

/**
 * The real AWS CLI as a reference client: it and otalint send the same request file to the same
 * kind of endpoint, and the bodies are compared. CLI v1 is `aws` on PATH; v2 is Debian's
 * /usr/bin/aws (`.ci/run` installs it). A missing CLI skips its tests (counted as skipped).
 */

const CLI_V1 = findAwsCli(1);
const CLI_V2 = findAwsCli(2);
if (!CLI_V1) noteSkipped('the AWS CLI v1 reference tests', 'no `aws` v1 found');
if (!CLI_V2) noteSkipped('the AWS CLI v2 reference tests', 'no AWS CLI v2 (apt-get install awscli)');

const servers: FakeIot[] = [];
async function bodySentBy(
  client: 'otalint' | string,
  file: string,
  inputFlag = '--cli-input-json',
): Promise<{ body: Record<string, any>; path: string; service: string | undefined }> {
  const iot = await startFakeIot();
  servers.push(iot);
  const dir = submitProject();
  const env = isolatedAwsEnv({ AWS_DEFAULT_REGION: 'us-east-1' });
  const result =
    client === 'otalint'
      ? await runOtalint(['submit', file, '--endpoint-url', iot.url], { cwd: dir, env })
      : await run(client, ['iot', 'create-ota-update', inputFlag, `file://${path.join(dir, file)}`, '--endpoint-url', iot.url, '--output', 'json'], {
          cwd: dir,
          env,
        });
  assert.equal(result.status, 0, `${client}: ${result.stdout}${result.stderr}`);
  const posts = iot.requests.filter((request) => request.method === 'POST');
  assert.equal(posts.length, 1, `${client} sent one request`);
  assert.equal(posts[0]!.status, 200, `${client}: its SigV4 signature verified`);
  return { body: JSON.parse(posts[0]!.body), path: posts[0]!.url, service: posts[0]!.service };
}

const signatureOf = (body: Record<string, any>): string => body.files[0].codeSigning.customCodeSigning.signature.inlineDocument;
const FILE_SIGNATURE = JSON.parse(readFileSync(path.join(submitProject(), 'requests/good-kitchen.json'), 'utf8')).files[0].codeSigning.customCodeSigning
  .signature.inlineDocument as string;

const test = suite('submit: the AWS CLI as a reference client');
test.after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

(CLI_V2 ? test : test.skip)('CLI v2 and otalint send the same JSON body to the same path (JSON request file)', async () => {
  const ours = await bodySentBy('otalint', 'requests/good-kitchen.json');
  const theirs = await bodySentBy(CLI_V2!, 'requests/good-kitchen.json');
  assert.deepEqual(ours.body, theirs.body);
  assert.equal(ours.path, '/otaUpdates/kitchen-fw-1-4-2');
  assert.equal(theirs.path, ours.path);
  assert.equal(signatureOf(ours.body), FILE_SIGNATURE, 'encoded exactly once');
  assert.equal(ours.service, 'iot');
  assert.equal(theirs.service, 'execute-api', 'CLI v2 signs IoT calls as execute-api');
});

(CLI_V2 ? test : test.skip)('CLI v2 and otalint send the same JSON body (YAML request file, --cli-input-yaml)', async () => {
  const ours = await bodySentBy('otalint', 'requests/good-porch.yaml');
  const theirs = await bodySentBy(CLI_V2!, 'requests/good-porch.yaml', '--cli-input-yaml');
  assert.deepEqual(ours.body, theirs.body);
  assert.equal(theirs.path, ours.path);
});

(CLI_V2 ? test : test.skip)("CLI v2 reads the endpoint's errors as AWS errors (the error shape is right)", async () => {
  const iot = await startFakeIot();
  servers.push(iot);
  const dir = submitProject();
  const env = isolatedAwsEnv({ AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '2', AWS_RETRY_MODE: 'standard' });
  assert.equal((await runOtalint(['submit', 'requests/good-kitchen.json', '--endpoint-url', iot.url], { cwd: dir, env })).status, 0);
  const create = ['iot', 'create-ota-update', '--cli-input-json', `file://${path.join(dir, 'requests/good-kitchen.json')}`, '--endpoint-url', iot.url];
  const exists = await run(CLI_V2!, create, { cwd: dir, env });
  assert.equal(exists.status, 254);
  assert.match(
    exists.stderr,
    /An error occurred \(ResourceAlreadyExistsException\) when calling the CreateOTAUpdate operation: OTA Update kitchen-fw-1-4-2 already exists/,
  );
  iot.setFaults({ throttle: 2 });
  const throttled = await run(CLI_V2!, ['iot', 'get-ota-update', '--ota-update-id', 'kitchen-fw-1-4-2', '--endpoint-url', iot.url], { cwd: dir, env });
  assert.equal(throttled.status, 254);
  assert.match(throttled.stderr, /An error occurred \(ThrottlingException\) when calling the GetOTAUpdate operation \(reached max retries: 1\): Rate exceeded/);
});

(CLI_V1 ? test : test.skip)('CLI v1 base64-encodes the signature a second time; otalint sends it encoded once', async () => {
  const ours = await bodySentBy('otalint', 'requests/good-kitchen.json');
  const v1 = await bodySentBy(CLI_V1!, 'requests/good-kitchen.json');
  assert.equal(signatureOf(ours.body), FILE_SIGNATURE);
  assert.notEqual(signatureOf(v1.body), FILE_SIGNATURE);
  assert.equal(Buffer.from(signatureOf(v1.body), 'base64').toString('latin1'), FILE_SIGNATURE, 'v1 sent base64 of the base64 text');
  assert.equal(Buffer.from(signatureOf(ours.body), 'base64').length, 70, 'otalint sent the 70 signature bytes');
  assert.equal(v1.service, 'iot');
  // Everything else is the same.
  const withoutSignature = (body: Record<string, any>) => {
    const copy = structuredClone(body);
    delete copy.files[0].codeSigning.customCodeSigning.signature;
    return copy;
  };
  assert.deepEqual(withoutSignature(v1.body), withoutSignature(ours.body));
});

test.run();
