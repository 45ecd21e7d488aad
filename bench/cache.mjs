#!/usr/bin/env node
// Measures `otalint --cache` on generated request files: no cache, cold cache (writes it), warm
// cache, and warm with a few files edited. Prints the median wall time of each. Build first.
// Usage: node bench/cache.mjs [files=400] [runs=5]
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'packages/cli/bin/otalint.cjs');
const count = Number(process.argv[2] ?? 400);
const runs = Number(process.argv[3] ?? 5);
const dir = path.join(root, 'bench/out/cache');

function request(i, extra = '') {
  return JSON.stringify(
    {
      otaUpdateId: `fw-${i}`,
      description: `update ${i}${extra}`,
      targets: [`arn:aws:iot:us-east-1:123456789012:thinggroup/fleet-${i % 7}`],
      protocols: i % 3 === 0 ? ['HTTP'] : ['MQTT'],
      files: [
        {
          fileName: 'fw.bin',
          fileVersion: '1.0.0',
          fileLocation: { s3Location: { bucket: 'firmware', key: `fw-${i}.bin`, ...(i % 5 ? { version: 'v1' } : {}) } },
          codeSigning: { awsSignerJobId: `job-${i}` },
        },
      ],
      roleArn: i % 11 === 0 ? 'arn:aws:iam:123456789012:role/ota' : 'arn:aws:iam::123456789012:role/ota',
    },
    null,
    2,
  );
}

function generate() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'requests'), { recursive: true });
  writeFileSync(path.join(dir, '.otalintrc.json'), '[{ "extends": ["recommended"] }]\n');
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, 'requests', `r${i}.json`), request(i));
}

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, 'requests', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === 2) throw new Error(`otalint failed: ${result.stderr}`);
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const measure = (label, before, args) => {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    before();
    samples.push(time(args));
  }
  console.log(`${label.padEnd(34)} ${median(samples).toFixed(0).padStart(6)} ms  (median of ${runs})`);
  return median(samples);
};

generate();
const cacheFile = path.join(dir, '.otalint/cache.json');
const dropCache = () => rmSync(cacheFile, { force: true });
let edit = 0;
const editTen = () => {
  for (let i = 0; i < 10; i++) writeFileSync(path.join(dir, 'requests', `r${i}.json`), request(i, ` edit ${edit++}`));
};

console.log(`otalint --cache on ${count} generated request files (${process.version}, ${process.platform})`);
const none = measure('no cache', () => {}, []);
measure('--cache, cold (writes the cache)', dropCache, ['--cache']);
time(['--cache']);
const warm = measure('--cache, warm', () => {}, ['--cache']);
measure('--cache, warm, 10 files edited', editTen, ['--cache']);
console.log(`cache file: ${(statSync(cacheFile).size / 1024).toFixed(0)} KiB; warm/no-cache: ${(warm / none).toFixed(2)}`);
