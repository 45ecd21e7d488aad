#!/usr/bin/env node
// Start-up cost of `otalint <one file>` against `node -e 0` and the floor for one file (a Node
// process that reads and parses it, bench/floor.cjs): what a pre-commit hook pays per commit. Spawns each command N times in turn (after warm-up runs), prints the medians and the
// ratio for a JSON request file, the same request as an SDK call in TypeScript and in Python (whose
// parsers load only for those files), and, with --profile, where one lint run spends its time.
//
//   node bench/startup.mjs [--runs 30] [--profile]      (after `node scripts/build.mjs`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'packages/cli/bin/otalint.cjs');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, profile: { type: 'boolean' } } });
const runs = Number(values.runs);

// One clean request in a folder with no config: the common pre-commit case.
const dir = mkdtempSync(path.join(tmpdir(), 'otalint-startup-'));
const file = path.join(dir, 'update.json');
writeFileSync(
  file,
  JSON.stringify({
    otaUpdateId: 'fw-1_2_0',
    targets: ['arn:aws:iot:us-east-1:123456789012:thinggroup/sensors'],
    protocols: ['MQTT'],
    files: [{ fileName: 'firmware.bin', fileLocation: { stream: { streamId: 'fw', fileId: 0 } }, codeSigning: { awsSignerJobId: 'job-1' } }],
    roleArn: 'arn:aws:iam::123456789012:role/ota-update-role',
  }),
);

const request = readFileSync(file, 'utf8');
const tsFile = path.join(dir, 'update.ts');
writeFileSync(tsFile, `import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nexport const command = new CreateOTAUpdateCommand(${request});\n`);
const pyFile = path.join(dir, 'update.py');
writeFileSync(
  pyFile,
  `import boto3\nparams = ${request.replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False')}\nboto3.client("iot").create_ota_update(**params)\n`,
);

const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'floor update.json': [process.execPath, [path.join(root, 'bench/floor.cjs'), file]],
  'otalint update.json': [process.execPath, [bin, file]],
  'otalint update.ts': [process.execPath, [bin, tsFile]],
  'otalint update.py': [process.execPath, [bin, pyFile]],
};

function once([command, args]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (const spec of Object.values(commands)) for (let i = 0; i < 3; i++) once(spec);
for (let i = 0; i < runs; i++) for (const [name, spec] of Object.entries(commands)) times[name].push(once(spec));

const baseline = median(times['node -e 0']);
const lint = median(times['otalint update.json']);
console.log(`runs: ${runs} each, interleaved, after 3 warm-up runs; node ${process.version}`);
console.log(`node -e 0            median ${baseline.toFixed(1)} ms`);
console.log(`otalint update.json  median ${lint.toFixed(1)} ms`);
console.log(`ratio                ${(lint / baseline).toFixed(2)}x  (otalint's own start-up and lint: ${(lint - baseline).toFixed(1)} ms)`);
const floor = median(times['floor update.json']);
console.log(`floor update.json    median ${floor.toFixed(1)} ms  (read and JSON.parse the file: bench/floor.cjs)`);
console.log(`otalint / floor      ${(lint / floor).toFixed(2)}x`);
for (const name of ['otalint update.ts', 'otalint update.py']) {
  const ms = median(times[name]);
  console.log(`${name.padEnd(20)} median ${ms.toFixed(1)} ms  (+${(ms - lint).toFixed(1)} ms over JSON: its parser, loaded for it alone)`);
}

if (values.profile) {
  // Where a lint run's time goes: a CPU profile of one run, self time summed by package, and
  // the number of distinct source files that ran code (a proxy for modules loaded).
  const profiles = mkdtempSync(path.join(tmpdir(), 'otalint-cpuprof-'));
  spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profiles, bin, file], { cwd: dir });
  const [name] = readdirSync(profiles);
  const profile = JSON.parse(readFileSync(path.join(profiles, name), 'utf8'));
  const interval = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
  const byPackage = new Map();
  const files = new Set();
  for (const node of profile.nodes) {
    const url = node.callFrame.url;
    if (url) files.add(url);
    const key = packageOf(url, node.callFrame.functionName);
    byPackage.set(key, (byPackage.get(key) ?? 0) + node.hitCount * interval);
  }
  console.log(
    `\none profiled run: ${((profile.endTime - profile.startTime) / 1000).toFixed(1)} ms; ${[...files].filter((u) => !u.startsWith('node:')).length} source files ran code`,
  );
  console.log('self time by package (ms):');
  for (const [key, ms] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${key}`);
}

function packageOf(url, functionName) {
  if (!url) return functionName === '(program)' || functionName === '(garbage collector)' || functionName === '(idle)' ? functionName : '(native / V8)';
  if (url.startsWith('node:')) return 'node: built-ins (module loading, fs, ...)';
  const at = url.replace(/^file:\/\//, '');
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(at)?.[1];
  if (dependency && !dependency.startsWith('@otalint/')) return dependency;
  const own = /\/packages\/([^/]+)\/(?:dist|bin)\/(.*)$/.exec(at);
  return own ? `@otalint/${own[1]} ${own[2].split('/').slice(0, -1).join('/') || '.'}` : at;
}
