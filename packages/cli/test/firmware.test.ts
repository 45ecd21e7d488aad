import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { REPO_ROOT, runCli } from './helpers/run-cli.js';
import { ciProject, json } from './helpers/ci-project.js';

// The firmware on disk, through the CLI: --firmware, config "firmware" and "certificates", the cache.
const test = suite('firmware on disk');

const material = (name: string) => path.join(REPO_ROOT, 'fixtures/material', name);
const CONFIG = [{ rules: { 'signature-verifies': 'error' } }];
const request = () => ({
  otaUpdateId: 'fw-1',
  targets: ['arn:aws:iot:us-east-1:123456789012:thing/d1'],
  files: [
    {
      fileName: '/sys/firmware.bin',
      fileLocation: { s3Location: { bucket: 'afr-ota-firmware', key: 'app.bin', version: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY' } },
      codeSigning: {
        customCodeSigning: {
          signature: { inlineDocument: readFileSync(material('firmware.ecdsa-p256.sig.b64'), 'utf8').trim() },
          certificateChain: { certificateName: '/certs/ota_signer.crt' },
          hashAlgorithm: 'SHA256',
          signatureAlgorithm: 'ECDSA',
        },
      },
    },
  ],
  roleArn: 'arn:aws:iam::123456789012:role/ota',
});
const found = (stdout: string) =>
  (JSON.parse(stdout) as { results: Array<{ messages: Array<{ ruleId: string; message: string }> }> }).results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message.slice(0, 60)}`),
  );
const MISMATCH = 'signature-verifies: The signature does not verify over firmware.bin (the firmwar';

function project(config: unknown[] = CONFIG) {
  const cwd = ciProject({ 'release.json': json(request()) }, config);
  copyFileSync(material('ec-p256.crt'), path.join(cwd, 'signer.pem'));
  copyFileSync(material('firmware.bin'), path.join(cwd, 'firmware.bin'));
  return cwd;
}

test('--firmware: a signature over the build verifies; over a changed build it does not (exit 1)', () => {
  const cwd = project([{ ...CONFIG[0], certificates: { '/certs/ota_signer.crt': 'signer.pem' } }]);
  const good = runCli(['release.json', '--firmware', 'firmware.bin', '-f', 'json'], { cwd });
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.deepEqual(found(good.stdout), []);
  copyFileSync(material('firmware-tampered.bin'), path.join(cwd, 'firmware.bin'));
  const bad = runCli(['release.json', '--firmware', 'firmware.bin', '-f', 'json'], { cwd });
  assert.equal(bad.status, 1);
  assert.deepEqual(found(bad.stdout), [MISMATCH]);
});

test('config "firmware" maps the S3 object; without the certificate nothing is checked', () => {
  const mapped = { ...CONFIG[0], firmware: { 's3://afr-ota-firmware/app.bin': 'firmware.bin' } };
  const cwd = project([mapped]);
  copyFileSync(material('firmware-tampered.bin'), path.join(cwd, 'firmware.bin'));
  assert.deepEqual(found(runCli(['release.json', '-f', 'json'], { cwd }).stdout), []);
  writeFileSync(path.join(cwd, '.otalintrc.json'), json([{ ...mapped, certificates: { '/certs/ota_signer.crt': 'signer.pem' } }]));
  assert.deepEqual(found(runCli(['release.json', '-f', 'json'], { cwd }).stdout), [MISMATCH]);
});

test('--cache never keeps a result that read the firmware: a rebuilt file is checked again', () => {
  const cwd = project([{ ...CONFIG[0], certificates: { '/certs/ota_signer.crt': 'signer.pem' } }]);
  const lint = () => found(runCli(['release.json', '--firmware', 'firmware.bin', '--cache', '-f', 'json'], { cwd }).stdout);
  assert.deepEqual(lint(), []);
  copyFileSync(material('firmware-tampered.bin'), path.join(cwd, 'firmware.bin'));
  assert.deepEqual(lint(), [MISMATCH]);
  const cache = JSON.parse(readFileSync(path.join(cwd, '.otalint/cache.json'), 'utf8')) as { files: Record<string, unknown> };
  assert.deepEqual(Object.keys(cache.files), []);
});

test('a firmware or certificate path that is not there stops the run (exit 2), naming it', () => {
  const cwd = project();
  const flag = runCli(['release.json', '--firmware', 'build/missing.bin'], { cwd });
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /--firmware build\/missing\.bin: no such file\./);
  writeFileSync(path.join(cwd, '.otalintrc.json'), json([{ ...CONFIG[0], certificates: { '/certs/ota_signer.crt': 'certs/nope.pem' } }]));
  const config = runCli(['release.json'], { cwd });
  assert.equal(config.status, 2);
  assert.match(
    config.stderr,
    /\[0\]\.certificates\["\/certs\/ota_signer\.crt"\]: "certs\/nope\.pem" does not exist \(paths are relative to the config file's folder\)\./,
  );
  writeFileSync(path.join(cwd, '.otalintrc.json'), json([{ firmware: { 'afr-ota-firmware/app.bin': 'firmware.bin' } }]));
  assert.match(
    runCli(['release.json'], { cwd }).stderr,
    /\[0\]\.firmware\["afr-ota-firmware\/app\.bin"\]: "afr-ota-firmware\/app\.bin" is not a location of a request file: write "s3:\/\/<bucket>\/<key>"/,
  );
});

test.run();
