#!/usr/bin/env node
// otalint against the floor (bench/floor.cjs: read each file and JSON.parse it) and its peers, side
// by side in one run: ajv-cli over the generated model schema (model check only: no positions, no
// rules) and Spectral with the same schema as its one rule (at 1,000 files: it is slow), on
// 100 / 1,000 / 10,000 / 50,000 generated requests (bench/requests.mjs), every command a fresh
// process under `ulimit -n 1024`, rounds interleaved, medians of wall, CPU (user + system) and peak
// memory (max RSS, from /usr/bin/time). Then one file cold: otalint and the floor on one request,
// against `node -e 0`; then a repository of 5,000 mixed files against the floor for reading them,
// and 10,000 requests with every source kind on and with the request-file kinds only
// (bench/mixed-repo.mjs). The peers are installed by this script from bench/peers (npm ci) into
// bench/out/peers.
//
//   node bench/peers.mjs [--sizes 100,1000,10000,50000] [--runs 3] [--cold-runs 40] [--spectral-at 1000] [--spectral-runs 1]
//                        [--mixed 5000] [--json-only 10000] [--otalint path/to/bin/otalint.cjs]
//   (after `pnpm build`; `--spectral-at 0` leaves Spectral out, `--mixed 0` and `--json-only 0` the last two)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { environmentNote, load, measure as measureIn, mib, printTable, ratio, roundRatios } from './lib/measure.mjs';
import { HEADER, jsonOnlyRows, mixedRepoRows } from './mixed-repo.mjs';
import { hasMistake, writeRequests } from './requests.mjs';

const FILE_LIMIT = 1024;
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,10000,50000' },
    runs: { type: 'string', default: '3' },
    'cold-runs': { type: 'string', default: '40' },
    'spectral-at': { type: 'string', default: '1000' },
    'spectral-runs': { type: 'string', default: '1' },
    mixed: { type: 'string', default: '5000' },
    'json-only': { type: 'string', default: '10000' },
    otalint: { type: 'string', default: path.join(root, 'packages/cli/bin/otalint.cjs') },
  },
});

// Every command inherits the limit on open files from this process: re-run under it once.
if (Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout) > FILE_LIMIT) {
  const again = spawnSync('sh', ['-c', `ulimit -n ${FILE_LIMIT} && exec "$0" "$@"`, process.execPath, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const coldRuns = Number(values['cold-runs']);
const spectralAt = Number(values['spectral-at']);
const scratch = path.join(tmpdir(), 'otalint-bench-peers');
mkdirSync(scratch, { recursive: true });

const peers = installPeers();
const schema = path.join(root, 'packages/core/schema/create-ota-update.schema.json');
const ruleset = path.join(scratch, 'spectral-ruleset.json');
writeFileSync(
  ruleset,
  JSON.stringify({
    rules: {
      'create-ota-update-model': {
        given: '$',
        severity: 'error',
        then: { function: 'schema', functionOptions: { schema: JSON.parse(readFileSync(schema, 'utf8')), dialect: 'draft7', allErrors: true } },
      },
    },
  }),
);

const otalint = path.resolve(values.otalint);
const tools = {
  floor: (target) => [path.join(root, 'bench/floor.cjs'), target],
  otalint: (target) => [otalint, '--format', 'json', target],
  'ajv-cli': (target) => [peers.ajv, 'validate', '-s', schema, '-d', target.endsWith('.json') ? target : `${target}/*.json`, '--strict=false', '--errors=json'],
  spectral: (target) => [peers.spectral, 'lint', target.endsWith('.json') ? target : `${target}/*.json`, '--ruleset', ruleset, '--format', 'json', '--quiet'],
};

console.log(
  `otalint: ${path.relative(root, otalint)}; node ${process.version}, ${os()}; ulimit -n ${FILE_LIMIT}; medians of ${runs} interleaved rounds after a warm-up round; load average before: ${load()}`,
);
console.log(
  `ajv-cli ${peers.versions['ajv-cli']}, Spectral ${peers.versions['@stoplight/spectral-cli']}; requests from bench/requests.mjs (one in five with a mistake)\n`,
);
if (environmentNote()) console.log(`${environmentNote()}\n`);
const header = HEADER;
/** Interleaved rounds in the scratch folder (bench/lib/measure.mjs); otalint's exit code is judged by its report. */
const measure = (names, argsOf, rounds, warmUp = true) =>
  measureIn(names, argsOf, rounds, { cwd: scratch, scratch, warmUp, checked: (name) => name === 'otalint' });
const rows = [];
const peaks = new Map();
const notes = [];
for (const size of sizes) {
  const dir = path.join(scratch, `requests-${size}`);
  writeRequests(dir, size);
  const names = ['floor', 'otalint', 'ajv-cli'];
  const results = measure(names, (name) => tools[name](path.basename(dir)), runs);
  // Spectral takes minutes a run: on its own, `--spectral-runs` times (default once), no warm-up.
  if (size === spectralAt)
    Object.assign(
      results,
      measure(['spectral'], (name) => tools[name](path.basename(dir)), Number(values['spectral-runs']), false),
    );
  const read = Number(readFileSync(results.floor.output, 'utf8'));
  if (read !== size) throw new Error(`the floor read ${read} files of ${size}`);
  const invalid = checkOtalint(results.otalint.output, size);
  if (invalid) notes.push(`otalint at ${size} files is NOT VALID: ${invalid}`);
  const floor = results.floor;
  for (const name of [...names, ...(size === spectralAt ? ['spectral'] : [])]) {
    const { wall, cpu, rss } = results[name];
    const mark = name === 'otalint' && invalid ? ' (not valid)' : '';
    rows.push([size, name + mark, wall.toFixed(0), cpu.toFixed(0), mib(rss), ratio(wall, floor.wall), ratio(cpu, floor.cpu)]);
    peaks.set(`${name} ${size}`, rss);
  }
  rows.push([]);
}

// One file cold: a fresh process per run, as a pre-commit hook or an editor save runs it.
const one = path.join(scratch, 'one');
writeRequests(one, 1);
const cold = measure(
  ['node -e 0', 'floor', 'otalint'],
  (name) => (name === 'node -e 0' ? ['-e', '0'] : tools[name](path.join(path.basename(one), 'req-0.json'))),
  coldRuns,
);
for (const name of ['node -e 0', 'floor', 'otalint']) {
  const { wall, cpu, rss } = cold[name];
  rows.push([1, name, wall.toFixed(1), cpu.toFixed(0), mib(rss), ratio(wall, cold.floor.wall), ratio(cpu, cold.floor.cpu)]);
}
rows.push([]);
// A one-file run is tens of milliseconds, which the machine's drift moves by a tenth: each round's
// ratio (otalint and the floor run one after the other) says how steady the median is.
const coldSpread = ['wall', 'cpu'].map((key) => `${key === 'wall' ? 'wall' : 'CPU'} / floor round by round: ${roundRatios(cold.otalint, cold.floor, key)}`);
const mixedFiles = Number(values.mixed);
const jsonOnlyFiles = Number(values['json-only']);
const mixed = mixedFiles > 0 ? mixedRepoRows({ otalint, scratch, files: mixedFiles, runs }) : { rows: [], notes: [] };
const jsonOnly = jsonOnlyFiles > 0 ? jsonOnlyRows({ otalint, scratch, files: jsonOnlyFiles, runs }) : { rows: [], notes: [] };
rows.push(...mixed.rows, [], ...jsonOnly.rows);
printTable(header, rows);
notes.push(...mixed.notes, ...jsonOnly.notes);

for (const note of notes) console.log(`\n${note.slice(0, 600)}`);
console.log(`\none file cold: ${coldRuns} rounds; otalint spends ${(cold.otalint.wall - cold.floor.wall).toFixed(1)} ms over the floor for one file`);
for (const line of coldSpread) console.log(`otalint, one file, ${line}`);
for (const name of ['floor', 'otalint']) {
  const small = peaks.get(`${name} 1000`);
  const large = peaks.get(`${name} ${Math.max(...sizes)}`);
  if (small !== undefined && large !== undefined && Math.max(...sizes) > 1000) {
    const perFile = (large - small) / 1024 / (Math.max(...sizes) - 1000);
    console.log(`${name}: peak memory grows ${perFile.toFixed(2)} KiB per file from 1,000 to ${Math.max(...sizes).toLocaleString('en')} files`);
  }
}
console.log(`load average after: ${load()}`);

/**
 * Whether otalint read every file and reported exactly the mistakes it was given: undefined when
 * it did, else what went wrong (the row is then marked not valid).
 */
function checkOtalint(outputFile, size) {
  let results;
  try {
    ({ results } = JSON.parse(readFileSync(outputFile, 'utf8')));
  } catch {
    return `no JSON report: ${readFileSync(outputFile, 'utf8').slice(0, 300)}`;
  }
  const wrong = results.filter((r) => r.messages.length > 0 !== hasMistake(Number(/req-(\d+)\.json$/.exec(r.filePath)[1])));
  if (results.length !== size || wrong.length > 0) {
    const example = wrong[0] && `${wrong[0].filePath}: ${JSON.stringify(wrong[0].messages.slice(0, 2))}`;
    return `${results.length} results, ${wrong.length} not as generated (${example})`;
  }
  return undefined;
}

function installPeers() {
  const dir = path.join(root, 'bench/out/peers');
  const lock = path.join(root, 'bench/peers/package-lock.json');
  const installed = path.join(dir, 'node_modules/.package-lock.json');
  if (!existsSync(installed) || !sameLock(lock, path.join(dir, 'package-lock.json'))) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(root, 'bench/peers/package.json'), path.join(dir, 'package.json'));
    copyFileSync(lock, path.join(dir, 'package-lock.json'));
    console.log('installing the peers (npm ci in bench/out/peers)');
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm ci of the peers failed');
  }
  const versionOf = (name) => JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
  return {
    ajv: path.join(dir, 'node_modules/ajv-cli/dist/index.js'),
    spectral: path.join(dir, 'node_modules/@stoplight/spectral-cli/dist/index.js'),
    versions: { 'ajv-cli': versionOf('ajv-cli'), '@stoplight/spectral-cli': versionOf('@stoplight/spectral-cli') },
  };
}

function sameLock(a, b) {
  return existsSync(b) && readFileSync(a, 'utf8') === readFileSync(b, 'utf8');
}

function os() {
  const cpus = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length;
  return `${cpus} CPUs`;
}
