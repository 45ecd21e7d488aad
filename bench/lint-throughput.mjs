#!/usr/bin/env node
// Lints N generated request files and prints files per second, against reading plus JSON.parse of
// the same files in the same process. Usage: node bench/lint-throughput.mjs [N=2000] [rounds=5]
// Needs a build first (pnpm build).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { Linter } = await import(path.join(root, 'packages/core/dist/engine.js'));
const { plugin } = await import(path.join(root, 'packages/rules/dist/index.js'));

const count = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 5);
const dir = path.join(root, 'bench/out/throughput');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/** Realistic requests: most clean, one in five with a mistake somewhere. */
function request(i) {
  const r = {
    otaUpdateId: `fw-${i}-release`,
    description: `Firmware ${i} for the fleet`,
    targets: [`arn:aws:iot:eu-west-1:123456789012:thinggroup/fleet-${i % 17}`],
    protocols: ['MQTT'],
    targetSelection: 'SNAPSHOT',
    awsJobExecutionsRolloutConfig: { exponentialRate: { baseRatePerMinute: 5, incrementFactor: 1.5, rateIncreaseCriteria: { numberOfSucceededThings: 10 } } },
    awsJobAbortConfig: { abortCriteriaList: [{ failureType: 'FAILED', action: 'CANCEL', thresholdPercentage: 10.5, minNumberOfExecutedThings: 10 }] },
    awsJobTimeoutConfig: { inProgressTimeoutInMinutes: 60 },
    files: [
      {
        fileName: 'firmware.bin',
        fileType: 0,
        fileVersion: `1.${i}`,
        fileLocation: { s3Location: { bucket: 'afr-ota-firmware', key: `fw/${i}.bin`, version: 'Ez2.dKPhrGz3bQpJ7Ykq8Wd1' } },
        codeSigning: {
          startSigningJobParameter: { signingProfileName: 'fleet_profile', destination: { s3Destination: { bucket: 'afr-ota-firmware', prefix: 'signed/' } } },
        },
      },
    ],
    roleArn: 'arn:aws:iam::123456789012:role/ota-update-role',
    tags: [{ Key: 'team', Value: 'firmware' }],
  };
  if (i % 5 === 1) r.awsJobExecutionsRolloutConfig.exponentialRate.incrementFactor = 1.55;
  if (i % 5 === 2) r.roleArn = 'arn:aws:iam:123456789012:role/ota-update-role';
  if (i % 5 === 3) r.files[0].fileLocaton = r.files[0].fileLocation;
  return r;
}
const files = [];
for (let i = 0; i < count; i++) {
  const file = path.join(dir, `req-${i}.json`);
  writeFileSync(file, `${JSON.stringify(request(i), null, 2)}\n`);
  files.push(file);
}

const linter = await Linter.create({ cwd: root, builtins: plugin, configFile: undefined, defaultConfig: [{ extends: ['all'] }] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(label, fn) {
  const perRound = [];
  for (let r = 0; r < rounds + 1; r++) {
    const start = process.hrtime.bigint();
    await fn();
    if (r > 0) perRound.push(Number(process.hrtime.bigint() - start) / 1e6); // round 0 warms up
  }
  const ms = median(perRound);
  return { label, ms, filesPerSecond: (count / ms) * 1000 };
}

let problems = 0;
const baseline = await time('read + JSON.parse', async () => {
  for (const file of files) JSON.parse(await readFile(file, 'utf8'));
});
const lint = await time('otalint (preset all)', async () => {
  problems = 0;
  for (const file of files) problems += (await linter.lintFile(file)).messages.length;
});

console.log(`${count} files, ${rounds} rounds (median), Node ${process.version}, ${linter.config.rulesFor(files[0]).length} rules on`);
for (const { label, ms, filesPerSecond } of [baseline, lint]) {
  console.log(`${label.padEnd(22)} ${ms.toFixed(1).padStart(8)} ms  ${Math.round(filesPerSecond).toString().padStart(8)} files/s`);
}
console.log(`ratio lint / (read + parse): ${(lint.ms / baseline.ms).toFixed(1)}x   (${problems} problems found per round)`);
