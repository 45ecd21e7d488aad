// A generated repository of mixed files for the benchmarks, as otalint meets one when run on `.`:
// TypeScript and JavaScript modules, Python, Markdown, shell scripts, Makefiles, GitHub workflows
// and JSON (package manifests, data lists, request files), in packages of some 50 files each. One
// file in twenty holds a CreateOTAUpdate request (a request file, an SDK call, a boto3 call, an
// `aws iot create-ota-update` command line), drawn from bench/requests.mjs (one in five of those
// with a mistake); the others are ordinary files of their kind that merely look alike (other SDK
// calls, other `aws` commands).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from './requests.mjs';

/** Shares of the files by kind (of 100), and of the requests (of 100) each kind holds. */
const KINDS = [
  { kind: 'ts', share: 30, requests: 16 },
  { kind: 'js', share: 10, requests: 8 },
  { kind: 'py', share: 20, requests: 16 },
  { kind: 'md', share: 12, requests: 6 },
  { kind: 'sh', share: 8, requests: 8 },
  { kind: 'makefile', share: 2, requests: 2 },
  { kind: 'workflow', share: 2, requests: 4 },
  { kind: 'json', share: 16, requests: 40 },
];
export const REQUEST_SHARE = 0.05;
const PER_PACKAGE = 50;

/**
 * Writes `count` files into a fresh `dir`; returns the files (relative to `dir`) that hold a
 * request, and the byte count of all files.
 */
export function writeMixedRepo(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  const plan = [];
  for (const { kind, share } of KINDS) for (let i = 0; i < Math.round((count * share) / 100); i++) plan.push(kind);
  while (plan.length < count) plan.push('ts');
  plan.length = count;
  // Spread the kinds over the packages (not one package of Python, one of Markdown, ...).
  const interleaved = interleave(plan);
  const kindCounts = new Map();
  for (const kind of plan) kindCounts.set(kind, (kindCounts.get(kind) ?? 0) + 1);

  const requestTarget = Math.round(count * REQUEST_SHARE);
  const quota = new Map(KINDS.map(({ kind, requests }) => [kind, Math.round((requestTarget * requests) / 100)]));
  const holding = [];
  let bytes = 0;
  let requestNumber = 0;
  const seen = new Map();
  interleaved.forEach((kind, i) => {
    const pkg = `packages/pkg-${String(Math.floor(i / PER_PACKAGE)).padStart(3, '0')}`;
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    // Requests spread evenly over a kind's files until its quota is spent.
    const kindCount = kindCounts.get(kind);
    const wanted = quota.get(kind) ?? 0;
    const holds = wanted > 0 && (n * wanted) % kindCount < wanted && holdingOf(holding, kind) < wanted;
    const r = holds ? request(requestNumber++) : undefined;
    const { file, text } = FILES[kind](pkg, n, r);
    const absolute = path.join(dir, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    bytes += Buffer.byteLength(text);
    if (r) holding.push({ file, kind });
  });
  return { holding, bytes, count };
}

function holdingOf(holding, kind) {
  return holding.filter((h) => h.kind === kind).length;
}

/** Round-robin over the kinds, so that every package holds some of each. */
function interleave(plan) {
  const byKind = new Map();
  for (const kind of plan) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  const out = [];
  const total = plan.length;
  const placed = new Map([...byKind.keys()].map((k) => [k, 0]));
  for (let i = 0; i < total; i++) {
    // The kind furthest behind its share so far.
    let best;
    let bestLag = -Infinity;
    for (const [kind, n] of byKind) {
      const lag = ((i + 1) * n) / total - placed.get(kind);
      if (placed.get(kind) < n && lag > bestLag) [best, bestLag] = [kind, lag];
    }
    out.push(best);
    placed.set(best, placed.get(best) + 1);
  }
  return out;
}

const lines = (n, make) => Array.from({ length: n }, (_, i) => make(i)).join('\n');

const FILES = {
  ts: (pkg, n, r) => ({
    file: `${pkg}/src/${r ? 'ota' : 'service'}-${n}.ts`,
    text: r
      ? `// Starts the firmware rollout for release ${n}.
import { CreateOTAUpdateCommand, IoTClient } from '@aws-sdk/client-iot';

const iot = new IoTClient({ region: 'eu-west-1' });

export async function rollout(): Promise<string | undefined> {
  const created = await iot.send(new CreateOTAUpdateCommand(${JSON.stringify(r, null, 2).replace(/\n/g, '\n  ')}));
  return created.otaUpdateId;
}
`
      : `// Uploads reports for service ${n}.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { readFile } from 'node:fs/promises';

const s3 = new S3Client({ region: 'eu-west-1' });

export interface Report${n} {
  readonly id: string;
  readonly createdAt: Date;
  readonly lines: readonly string[];
}

${lines(12, (i) => `export function format${i}(report: Report${n}): string {\n  return \`\${report.id} \${report.createdAt.toISOString()} \${report.lines.slice(${i}).join(', ')}\`;\n}\n`)}
export async function upload(report: Report${n}, file: string): Promise<void> {
  const body = await readFile(file);
  await s3.send(new PutObjectCommand({ Bucket: 'reports-${n}', Key: \`\${report.id}.txt\`, Body: body }));
}
`,
  }),
  js: (pkg, n, r) => ({
    file: `${pkg}/lib/${r ? 'release' : 'util'}-${n}.${n % 2 ? 'mjs' : 'js'}`,
    text: r
      ? `// Creates the OTA update for release ${n} with the AWS SDK for JavaScript v2.
const AWS = require('aws-sdk');
const iot = new AWS.Iot({ region: 'eu-west-1' });

exports.release = () => iot.createOTAUpdate(${JSON.stringify(r, null, 2)}).promise();
`
      : `// Helpers ${n}.
${lines(15, (i) => `export function helper${i}(items) {\n  return items.filter((item) => item.weight > ${i}).map((item) => ({ ...item, rank: ${i} }));\n}\n`)}
`,
  }),
  py: (pkg, n, r) => ({
    file: `${pkg}/scripts/${r ? 'start_ota' : 'tool'}_${n}.py`,
    text: r
      ? `"""Starts the OTA update for release ${n}."""
import boto3

iot = boto3.client("iot", region_name="eu-west-1")


def start():
    return iot.create_ota_update(**${JSON.stringify(r, null, 4)
      .replace(/\btrue\b/g, 'True')
      .replace(/\bfalse\b/g, 'False')
      .replace(/\n/g, '\n    ')})
`
      : `"""Tool ${n}: summarise device logs."""
import json
import boto3

s3 = boto3.client("s3")

${lines(12, (i) => `def summary_${i}(records):\n    """Keep the records above level ${i}."""\n    return [r for r in records if r.get("level", 0) > ${i}]\n\n`)}
def upload(name, body):
    s3.put_object(Bucket="logs-${n}", Key=name, Body=json.dumps(body))
`,
  }),
  md: (pkg, n, r) => ({
    file: `${pkg}/docs/${r ? 'release' : 'guide'}-${n}.md`,
    text: `# ${r ? 'Releasing firmware' : 'Guide'} ${n}

${lines(6, (i) => `Paragraph ${i} explains how the service handles step ${i}, what it logs, and what to check when a device does not answer within the usual time.`)}

\`\`\`sh
npm install
npm run build
\`\`\`
${
  r
    ? `
Start the update:

\`\`\`sh
aws iot create-ota-update --ota-update-id ${r.otaUpdateId} --targets ${r.targets[0]} --protocols MQTT \\
  --files '${JSON.stringify(r.files)}' --role-arn ${r.roleArn}
\`\`\`
`
    : ''
}`,
  }),
  sh: (pkg, n, r) => ({
    file: `${pkg}/bin/${r ? 'release' : 'deploy'}-${n}.sh`,
    text: `#!/bin/sh
# ${r ? 'Releases' : 'Deploys'} build ${n}.
set -eu
${lines(10, (i) => `echo "step ${i}" && aws s3 cp "build/part-${i}.bin" "s3://artifacts-${n}/part-${i}.bin"`)}
${r ? `aws iot create-ota-update --ota-update-id ${r.otaUpdateId} --targets ${r.targets[0]} --protocols MQTT --files '${JSON.stringify(r.files)}' --role-arn ${r.roleArn}\n` : ''}`,
  }),
  makefile: (pkg, n, r) => ({
    file: n % 2 ? `${pkg}/tools-${n}/Makefile` : `${pkg}/rules-${n}.mk`,
    text: `.PHONY: build test release

build:
\tnpm run build

test:
\tnpm test

release:
\taws s3 cp build/firmware.bin s3://afr-ota-firmware/
${r ? `\taws iot create-ota-update --ota-update-id ${r.otaUpdateId} --targets ${r.targets[0]} --protocols MQTT --files '${JSON.stringify(r.files)}' --role-arn ${r.roleArn}\n` : ''}`,
  }),
  workflow: (pkg, n, r) => ({
    file: `.github/workflows/${path.basename(pkg)}-${n}.yml`,
    text: `name: ${path.basename(pkg)} ${n}
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
${r ? `      - run: aws iot create-ota-update --ota-update-id ${r.otaUpdateId} --targets ${r.targets[0]} --protocols MQTT --files '${JSON.stringify(r.files)}' --role-arn ${r.roleArn}\n` : ''}`,
  }),
  json: (pkg, n, r) => {
    if (r) return { file: `${pkg}/ota/update-${n}.json`, text: `${JSON.stringify(r, null, 2)}\n` };
    // Files a folder passes over: package manifests and tool configs by name, lists by their first character.
    if (n % 3 === 0)
      return {
        file: `${pkg}/app-${n}/package.json`,
        text: `${JSON.stringify({ name: `pkg-${n}`, version: '1.0.0', scripts: { build: 'tsc', test: 'node --test' } }, null, 2)}\n`,
      };
    if (n % 3 === 1)
      return {
        file: `${pkg}/tsconfig.build-${n}.json`,
        text: `${JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'nodenext' } }, null, 2)}\n`,
      };
    return {
      file: `${pkg}/data/devices-${n}.json`,
      text: `${JSON.stringify(
        Array.from({ length: 20 }, (_, i) => ({ id: `dev-${n}-${i}`, model: 'sensor', firmware: `1.${i}` })),
        null,
        2,
      )}\n`,
    };
  },
};
