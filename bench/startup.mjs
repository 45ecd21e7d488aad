#!/usr/bin/env node
// One file cold, the pre-commit and editor case: `otalint <one file>` against the floor for one
// file (bench/floor.cjs: a Node process that reads and parses it) and `node -e 0`, every command a
// fresh process, rounds interleaved after warm-up runs, medians of wall, CPU and peak memory. Also
// the same request as an SDK call in TypeScript and in Python (whose parsers load only for those
// files). With --profile, where one lint run spends its time: CPU profiles of several runs, the
// time of each sample given to the bundled module (and the Node built-in, when it is one) that was
// running or called it.
//
//   node bench/startup.mjs [--runs 30] [--profile] [--profile-runs 10] [--before path/to/other/bin/otalint.cjs]
//   (after `node scripts/build.mjs`; --before adds another build's rows, measured in the same rounds)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { environmentNote, load, measure, mib, printTable, ratio } from './lib/measure.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'packages/cli/bin/otalint.cjs');
const bundle = path.join(root, 'packages/cli/dist/otalint.cjs');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    profile: { type: 'boolean' },
    'profile-runs': { type: 'string', default: '10' },
    before: { type: 'string' },
  },
});
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
writeFileSync(
  path.join(dir, 'update.ts'),
  `import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nexport const command = new CreateOTAUpdateCommand(${request});\n`,
);
writeFileSync(
  path.join(dir, 'update.py'),
  `import boto3\nparams = ${request.replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False')}\nboto3.client("iot").create_ota_update(**params)\n`,
);

const commands = {
  'node -e 0': ['-e', '0'],
  'floor update.json': [path.join(root, 'bench/floor.cjs'), 'update.json'],
  'otalint update.json': [bin, 'update.json'],
  'otalint --format json update.json': [bin, '--format', 'json', 'update.json'],
  'otalint update.ts': [bin, 'update.ts'],
  'otalint update.py': [bin, 'update.py'],
  ...(values.before
    ? {
        'before: otalint update.json': [path.resolve(values.before), 'update.json'],
        'before: otalint --format json update.json': [path.resolve(values.before), '--format', 'json', 'update.json'],
      }
    : {}),
};
const loadBefore = load();
// The first run of otalint writes its code cache: the warm-up round.
const results = measure(Object.keys(commands), (name) => commands[name], runs, { cwd: dir, scratch: dir });
const floor = results['floor update.json'];
const node = results['node -e 0'];
console.log(`one file cold: node ${process.version}; medians of ${runs} interleaved rounds after a warm-up round; load average before: ${loadBefore}\n`);
if (environmentNote()) console.log(`${environmentNote()}\n`);
printTable(
  ['', 'command', 'wall ms', 'CPU ms', 'peak MiB', 'wall / floor', 'CPU / floor', 'wall / node -e 0'],
  Object.entries(results).map(([name, { wall, cpu, rss }]) => [
    '',
    name,
    wall.toFixed(1),
    cpu.toFixed(0),
    mib(rss),
    ratio(wall, floor.wall),
    ratio(cpu, floor.cpu),
    ratio(wall, node.wall),
  ]),
);
const lint = results['otalint update.json'];
console.log(`\notalint spends ${(lint.wall - floor.wall).toFixed(1)} ms over the floor for one file (${(lint.wall - node.wall).toFixed(1)} ms over node -e 0)`);
console.log(`load average after: ${load()}`);

if (values.profile) profile(Number(values['profile-runs']));

/**
 * CPU profiles of `count` lint runs; each sample's time goes to the bundled module running (or
 * calling, for a Node built-in or V8 itself) when it was taken. Prints the mean per run.
 */
function profile(count) {
  const profiles = mkdtempSync(path.join(tmpdir(), 'otalint-cpuprof-'));
  for (let i = 0; i < count; i++)
    spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profiles, bin, file], { cwd: dir });
  const sections = bundleSections();
  const byPlace = new Map();
  let total = 0;
  for (const name of readdirSync(profiles)) {
    const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(path.join(profiles, name), 'utf8'));
    const parent = new Map();
    for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const byId = new Map(nodes.map((node) => [node.id, node]));
    samples.forEach((id, i) => {
      const ms = (timeDeltas[i + 1] ?? 0) / 1000;
      total += ms;
      const place = placeOf(byId, parent, id, sections);
      byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    });
  }
  console.log(`\nwhere a lint run of update.json spends its time: mean of ${count} CPU profiles, ${(total / count).toFixed(1)} ms profiled a run`);
  for (const [place, ms] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(ms / count).toFixed(2).padStart(7)} ms  ${place}`);
}

/** The bundle's modules by first line: esbuild marks each with a `// path` comment. */
function bundleSections() {
  const sections = [];
  readFileSync(bundle, 'latin1')
    .split('\n')
    .forEach((line, i) => {
      if (!line.startsWith('// ') || !/(node_modules|packages)\//.test(line)) return;
      const dependency = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(line)?.[1];
      const own = /packages\/([^/]+)\/dist\/(.*)/.exec(line);
      sections.push([i, dependency ?? (own ? `@otalint/${own[1]} ${own[2]}` : line.slice(3))]);
    });
  return sections;
}

function sectionAt(sections, line) {
  let found = '(bundle prelude)';
  for (let lo = 0, hi = sections.length - 1; lo <= hi;) {
    const mid = (lo + hi) >> 1;
    if (sections[mid][0] <= line) [found, lo] = [sections[mid][1], mid + 1];
    else hi = mid - 1;
  }
  return found;
}

/** The bundled module (or bin/) nearest the sample on its stack, with the built-in or V8 part running. */
function placeOf(byId, parent, id, sections) {
  const leaf = byId.get(id).callFrame;
  const running = leaf.url.startsWith('node:') ? ` [${leaf.url.replace('node:internal/', '').split('/')[0]}]` : leaf.url ? '' : ` [${leaf.functionName}]`;
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const { url, lineNumber } = byId.get(at).callFrame;
    if (url.endsWith('/dist/otalint.cjs')) return `${sectionAt(sections, lineNumber)}${url === leaf.url ? '' : running}`;
    if (url.includes('/packages/cli/bin/')) return `bin/${path.basename(url)}${running}`;
  }
  return `(outside otalint)${running}`;
}
