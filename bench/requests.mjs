// Generated CreateOTAUpdate requests for the benchmarks: realistic (about 1.65 KB pretty-printed),
// most clean, one in five with a mistake somewhere (a rollout factor finer than AWS accepts, a
// malformed role ARN, or a misspelt member).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function request(i) {
  const r = {
    otaUpdateId: `fw-${i}-release`,
    description: `Firmware ${i} for the fleet: sensor calibration fixes, a new watchdog and faster boot`,
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
    tags: [
      { Key: 'team', Value: 'firmware' },
      { Key: 'release', Value: `r${i}` },
      { Key: 'owner', Value: 'platform-firmware' },
    ],
  };
  if (!hasMistake(i)) return r;
  const mistake = Math.floor(i / 5) % 3;
  if (mistake === 0) r.awsJobExecutionsRolloutConfig.exponentialRate.incrementFactor = 1.55;
  if (mistake === 1) r.roleArn = 'arn:aws:iam:123456789012:role/ota-update-role';
  if (mistake === 2) r.files[0].fileLocaton = r.files[0].fileLocation;
  return r;
}

/** Whether request `i` holds a mistake (one in five). */
export const hasMistake = (i) => i % 5 === 4;

/** Writes `count` requests as `req-<i>.json` into a fresh `dir`; returns their paths. */
export function writeRequests(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `req-${i}.json`);
    writeFileSync(file, `${JSON.stringify(request(i), null, 2)}\n`);
    files.push(file);
  }
  return files;
}
