import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { runCli, tempProject } from './helpers/run-cli.js';

/**
 * What `otalint .` reads as request files in a repository: the JSON and YAML that name an OTA
 * member, not every JSON and YAML file (false "missing required member" errors on a locale file
 * would make the gate useless). Named files are always read.
 */
const test = suite('folders: which JSON and YAML files are request files');

const OTA_REQUEST = JSON.stringify({
  otaUpdateId: 'bad id!',
  targets: ['arn:aws:iot:us-east-1:123456789012:thinggroup/kitchen'],
  files: [{ fileName: 'fw.bin', fileLocation: { stream: { streamId: 'fw', fileId: 0 } }, codeSigning: { awsSignerJobId: 'job-1' } }],
  roleArn: 'arn:aws:iam::123456789012:role/ota-update-role',
});

const REPOSITORY = {
  'ota/release.json': OTA_REQUEST,
  'ota/misspelt.yaml': 'OtaUpdateID: fw-2\ntargets: [arn:aws:iot:us-east-1:123456789012:thinggroup/kitchen]\n',
  'ota/rollout-only.json': JSON.stringify({ awsJobExecutionsRolloutConfig: { maximumPerMinute: 5000 } }),
  'ota/files-only.json': JSON.stringify({ files: [{ fileLocation: { s3Location: { bucket: 'b', key: 'k' } } }] }),
  'streams/create-stream.json': JSON.stringify({
    streamId: 's',
    files: [{ fileId: 0, s3Location: { bucket: 'b', key: 'k' } }],
    roleArn: 'arn:aws:iam::123456789012:role/r',
  }),
  'locales/de.json': JSON.stringify({ hello: 'Hallo', targets: 'Ziele' }),
  'jobs/create-job.json': JSON.stringify({
    jobId: 'j1',
    targets: ['arn:aws:iot:us-east-1:123456789012:thing/a'],
    presignedUrlConfig: { roleArn: 'arn:aws:iam::123456789012:role/r' },
  }),
  'deploy/k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fw\ndata:\n  files: "a,b"\n',
  'infra/template.yaml': 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: ota\n',
};

const linted = (stdout: string) =>
  (JSON.parse(stdout) as { results: Array<{ filePath: string; messages: Array<{ ruleId: string }> }> }).results.map((r) => r.filePath).sort();

test('otalint . reads the files that name an OTA member, in any letter case, and leaves the rest', () => {
  const run = runCli(['.', '--format', 'json'], { cwd: tempProject(REPOSITORY) });
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(linted(run.stdout), ['ota/files-only.json', 'ota/misspelt.yaml', 'ota/release.json', 'ota/rollout-only.json']);
});

test('a file named on the command line is read whatever it holds', () => {
  const run = runCli(['locales/de.json', '--format', 'json'], { cwd: tempProject(REPOSITORY) });
  assert.equal(run.status, 1, run.stderr);
  const [result] = (JSON.parse(run.stdout) as { results: Array<{ messages: Array<{ message: string }> }> }).results;
  assert.ok(result!.messages.some((m) => m.message.startsWith('Missing required member `otaUpdateId`')));
});

test.run();
