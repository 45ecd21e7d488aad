// Requests in code, end to end: `otalint extract` prints what the readers found in fixtures/code,
// and what the readers say a call sends is what the real SDKs send: @aws-sdk/client-iot (v3) and
// boto3 each call a loopback endpoint, and the body they send is compared with the value read.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CreateOTAUpdateCommand, IoTClient } from '@aws-sdk/client-iot';
import { readSource } from '@otalint/core/engine';
import { suite } from 'uvu';
import { runMain } from './helpers/run-main.js';
import { REPO_ROOT } from './helpers/run-cli.js';
import { startFakeIot, TEST_CREDENTIALS, type FakeIot } from './support/fake-iot.js';
import { noteSkipped } from './support/programs.js';
import { isolatedAwsEnv } from './support/run-bin.js';

const test = suite('requests in code: extract, and the real SDKs');
let iot: FakeIot | undefined;
test.after.each(async () => {
  await iot?.close();
  iot = undefined;
});

/** A golden value as JSON shows it: unknowns without their reason, open marks dropped. */
function asPrinted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asPrinted);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$unknown === 'string') return { $unknown: record.$unknown };
  if (Array.isArray(record.$openList)) return asPrinted(record.$openList);
  return Object.fromEntries(Object.entries(record).flatMap(([key, child]) => (key === '$open' ? [] : [[key.replace(/^\$\$/, '$'), asPrinted(child)]])));
}

test('otalint extract prints the requests of fixtures/code as the readers read them (unknowns marked), where they are written', async () => {
  const run = await runMain(['extract', 'fixtures/code']);
  assert.equal(run.status, 0, run.stderr);
  const printed = JSON.parse(run.stdout) as Array<{ filePath: string; line: number; column: number; request: unknown }>;
  const expected = readFileSync(path.join(REPO_ROOT, 'fixtures/code/provision-v2.js'), 'utf8').includes('createOTAUpdate(params)');
  assert.ok(expected);
  const goldens = new Map<string, Array<{ line: number; column: number; value: unknown }>>();
  for (const entry of printed) if (!goldens.has(entry.filePath)) goldens.set(entry.filePath, readGolden(entry.filePath));
  assert.deepEqual(
    printed.map((entry) => ({ filePath: entry.filePath, line: entry.line, column: entry.column, request: entry.request })),
    [...goldens].flatMap(([filePath, requests]) => requests.map((r) => ({ filePath, line: r.line, column: r.column, request: asPrinted(r.value) }))),
  );
  const files = new Set(printed.map((entry) => path.basename(entry.filePath)));
  for (const file of ['lambda-handler.ts', 'provision-v2.js', 'provision_ota.py', 'custom-resource.ts']) assert.ok(files.has(file), file);
  for (const file of ['not-ota.mjs', 'app-wrapper.js', 'not_ota.py']) assert.ok(!files.has(file), `${file} holds no request`);
  const custom = printed.find((entry) => entry.filePath.endsWith('custom-resource.ts'))!.request as Record<string, unknown>;
  assert.deepEqual(custom.roleArn, { $unknown: 'props.RoleArn' });
});

function readGolden(filePath: string): Array<{ line: number; column: number; value: unknown }> {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, `${filePath}.expected.json`), 'utf8')).requests;
}

/** Literals of every kind the reader handles, blobs as text, as bytes from base64 and from hex. */
const JS_REQUEST = `{
  otaUpdateId: 'wire-js',
  description: undefined,
  targetSelection: null,
  targets: ['arn:aws:iot:us-east-1:123456789012:thinggroup/lab'] as const,
  protocols: [\`MQTT\`],
  files: [
    { fileName: 'a.bin', fileType: 0, fileLocation: { stream: { streamId: 's', fileId: 1 } }, codeSigning: { customCodeSigning: { signature: { inlineDocument: 'MEUCIQDx3m==' } } } },
    { fileName: 'b.bin', fileLocation: { stream: { streamId: 's', fileId: 2 } }, codeSigning: { customCodeSigning: { signature: { inlineDocument: Buffer.from('MEUCIQDx3m==', 'base64') } } } },
    { fileName: 'c.bin', fileLocation: { stream: { streamId: 's', fileId: 3 } }, codeSigning: { customCodeSigning: { signature: { inlineDocument: Buffer.from('30450221', 'hex') } } } },
  ],
  roleArn: "arn:aws:iam::123456789012:role/ota",
  awsJobPresignedUrlConfig: { expiresInSec: -5 },
  additionalParameters: { 'key-1': 'caf\\u00e9' },
}`;

test('@aws-sdk/client-iot sends what the javascript reader reads (undefined and null left out, string blobs encoded again)', async () => {
  iot = await startFakeIot();
  const module = `import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nexport const command = new CreateOTAUpdateCommand(${JS_REQUEST});\n`;
  const [request] = readSource('wire.ts', module).requests;
  assert.ok(request && !request.hasUnknowns);
  // The same object literal, evaluated as JavaScript (without its `as const`), sent by the real SDK.
  const input = new Function('Buffer', `return (${JS_REQUEST.replace(' as const', '')});`)(Buffer);
  const client = new IoTClient({ endpoint: iot.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  await client.send(new CreateOTAUpdateCommand(input));
  const sent = iot.requests.find((r) => r.method === 'POST')!;
  assert.equal(sent.url, '/otaUpdates/wire-js');
  const { otaUpdateId, ...body } = JSON.parse(JSON.stringify(request.value)) as Record<string, unknown>;
  assert.equal(otaUpdateId, 'wire-js');
  assert.deepEqual(JSON.parse(sent.body), body);
});

const PY_REQUEST = `iot.create_ota_update(
    otaUpdateId="wire-py",
    description="caf\\u00e9 " 'and more',
    targets=("arn:aws:iot:us-east-1:123456789012:thinggroup/lab",),
    protocols=["MQTT"],
    files=[
        {"fileName": "a.bin", "fileType": 0, "fileLocation": {"stream": {"streamId": "s", "fileId": 0x1}}, "codeSigning": {"customCodeSigning": {"signature": {"inlineDocument": "MEUCIQDx3m=="}}}},
        {"fileName": "b.bin", "fileLocation": {"stream": {"streamId": "s", "fileId": 2}}, "codeSigning": {"customCodeSigning": {"signature": {"inlineDocument": base64.b64decode("MEUCIQDx3m==")}}}},
        {"fileName": "c.bin", "fileLocation": {"stream": {"streamId": "s", "fileId": 3}}, "codeSigning": {"customCodeSigning": {"signature": {"inlineDocument": b"\\x30\\x45\\x02\\x21"}}}},
    ],
    roleArn=r"arn:aws:iam::123456789012:role/ota",
    awsJobPresignedUrlConfig={"expiresInSec": 1_800},
    additionalParameters={"key-1": """multi
line"""},
)`;

/** A Python 3 with boto3: the machine's, or Debian's python3-boto3 (which .ci/run installs). */
const python = ['python3', '/usr/bin/python3'].find((candidate) => spawnSync(candidate, ['-c', 'import boto3'], { timeout: 60_000 }).status === 0);
if (!python) noteSkipped('the boto3 wire test', 'no python3 with boto3 (Debian: python3-boto3)');
(python ? test : test.skip)('boto3 sends what the python reader reads (tuples as lists, bytes and b64decode as bytes, str blobs encoded again)', async () => {
  iot = await startFakeIot();
  const module = `import base64\nimport os\nimport boto3\niot = boto3.client("iot", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")\n${PY_REQUEST}\n`;
  const [request] = readSource('wire.py', module).requests;
  assert.ok(request && !request.hasUnknowns);
  const child = spawn(python!, ['-c', module], { env: isolatedAwsEnv({ ENDPOINT: iot.url }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(status, 0, stderr);
  const sent = iot.requests.find((r) => r.method === 'POST')!;
  assert.equal(sent.url, '/otaUpdates/wire-py');
  const { otaUpdateId, ...body } = JSON.parse(JSON.stringify(request.value)) as Record<string, unknown>;
  assert.equal(otaUpdateId, 'wire-py');
  assert.deepEqual(JSON.parse(sent.body), body);
});

test.run();
