#!/usr/bin/env node
// Python parsers for the python source kind, measured side by side: web-tree-sitter +
// tree-sitter-python (the project's, docs/decisions/0011-python-parser-tree-sitter.md) and
// @lezer/python (the one before it, no longer a dependency: install it in a folder with
// `npm i @lezer/python@1.1.19` and pass the folder with --lezer DIR). Prints load time (fresh
// process, median), parse time of a boto3 provisioning script (warm: median after five parses;
// cold: the first parse in a fresh process, as a lint run pays for its first modules, median of
// wall and of the process's CPU), and whether each parser keeps the call's exact offsets.
//
// Then the python source kind's reader as otalint runs it (core's dist: build first), in a fresh
// process: its load (with the parser) and first file, and 1,000 small modules after it, CPU and
// wall medians; with --before another checkout (built), that checkout's reader beside it, the
// processes interleaved.
//
//   node bench/python-parsers.mjs [--runs 15] [--lezer /tmp/lezer-bench] [--before /tmp/main-checkout]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, lezer: { type: 'string' }, before: { type: 'string' } } });
const runs = Number(values.runs);
const requireCore = createRequire(path.join(root, 'packages/core/package.json'));

const call = `
response = iot.create_ota_update(
    otaUpdateId=f"fw-{version}",
    targets=[group_arn],
    protocols=["MQTT"],
    files=[{"fileName": "firmware.bin", "fileLocation": {"s3Location": {"bucket": BUCKET, "key": key, "version": obj["VersionId"]}}}],
    roleArn="arn:aws:iam::123456789012:role/ota-role",
    **extra,
)
`;
const block = `
import boto3, json, os

def provision(version: str, key: str, *, extra: dict | None = None) -> dict:
    """Upload, then start an update."""
    s3 = boto3.client("s3")
    obj = s3.head_object(Bucket=BUCKET, Key=key)
    group_arn = iot.describe_thing_group(thingGroupName="sensors")["thingGroupArn"]
    match obj:
        case {"VersionId": v} if v:
            print(f"version {v!r:>10}")
    ${call.trim().split('\n').join('\n    ')}
    return response
`;
const text = Array.from({ length: 40 }, () => block).join('\n'); // ~600 lines
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];

function timeLoad(script) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    times.push(Number(result.stdout.trim()));
  }
  return median(times);
}

/** The first parse of `text` in a fresh process (`setup` loads the parser as `parse`): [wall, CPU] medians, ms. */
function timeColdParse(setup, flags = []) {
  const walls = [];
  const cpus = [];
  const script = `${setup}\nconst text = ${JSON.stringify(text)};\nconst coldCpu = process.cpuUsage(); const coldStart = performance.now(); parse(text);\nconst coldUsed = process.cpuUsage(coldCpu); console.log(performance.now() - coldStart, (coldUsed.user + coldUsed.system) / 1000);`;
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    const [wall, cpu] = result.stdout.trim().split(' ').map(Number);
    walls.push(wall);
    cpus.push(cpu);
  }
  return `cold parse ${median(walls).toFixed(1)} ms (CPU ${median(cpus).toFixed(1)} ms)`;
}

function timeParse(parse) {
  for (let i = 0; i < 5; i++) parse(text);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parse(text);
    times.push(performance.now() - start);
  }
  return median(times);
}

console.log(`input: ${text.split('\n').length} lines of boto3 code (with match, f-string format specs, PEP 604 types); ${runs} runs each`);
{
  const webUrl = pathToFileURL(requireCore.resolve('web-tree-sitter')).href;
  const wasm = requireCore.resolve('tree-sitter-python/tree-sitter-python.wasm');
  const setup = `const {Parser,Language}=await import(${JSON.stringify(webUrl)}); await Parser.init(); const l=await Language.load(${JSON.stringify(wasm)}); const p=new Parser(); p.setLanguage(l);`;
  const loadScript = `const t=performance.now(); ${setup} console.log(performance.now()-t)`;
  const { Parser, Language } = await import(webUrl);
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm));
  const tree = parser.parse(call);
  const node = tree.rootNode.descendantsOfType('call')[0];
  const errors = parser.parse(text).rootNode.descendantsOfType('ERROR').length;
  console.log(
    `web-tree-sitter+py    load ${timeLoad(loadScript).toFixed(1)} ms   parse ${timeParse((t) => parser.parse(t).delete()).toFixed(2)} ms` +
      // WebAssembly as the shell kind runs it: Liftoff only (core's SHELL_PARSER_V8_FLAGS).
      `   ${timeColdParse(`${setup} const parse = (t) => p.parse(t);`, ['--no-wasm-tier-up', '--no-wasm-dynamic-tiering'])}` +
      `   error nodes ${errors}   call offsets ${JSON.stringify([node.startIndex, node.endIndex])} (bytes)   sync: no (Parser.init, Language.load)`,
  );
}
if (values.lezer) {
  const lezerUrl = pathToFileURL(createRequire(path.join(path.resolve(values.lezer), 'package.json')).resolve('@lezer/python')).href;
  const lezer = await import(lezerUrl);
  const lezerCall = (() => {
    const tree = lezer.parser.parse(call);
    let found;
    tree.iterate({ enter: (n) => void (n.name === 'CallExpression' && found === undefined && (found = [n.from, n.to])) });
    return found;
  })();
  const lezerErrors = (() => {
    let errors = 0;
    lezer.parser.parse(text).iterate({ enter: (n) => void (n.type.isError && errors++) });
    return errors;
  })();
  console.log(
    `@lezer/python         load ${timeLoad(`const t=performance.now(); await import(${JSON.stringify(lezerUrl)}); console.log(performance.now()-t)`).toFixed(1)} ms` +
      `   parse ${timeParse((t) => lezer.parser.parse(t)).toFixed(2)} ms   ${timeColdParse(`const { parser } = await import(${JSON.stringify(lezerUrl)}); const parse = (t) => parser.parse(t);`)}` +
      `   error nodes ${lezerErrors}   call offsets ${JSON.stringify(lezerCall)}   sync: yes`,
  );
} else {
  console.log('@lezer/python: not measured (pass --lezer DIR with @lezer/python installed)');
}

/**
 * The reader of a checkout, in a fresh process: the kind's prepare (where it has one) and its first
 * read (the 840 lines above), then 1,000 modules of 20 lines, each with a call of its own (its id and
 * a value differ), as a repository's scripts are. [load+first, 1,000] CPU and wall medians, ms.
 */
function readerScript(checkout) {
  const dist = path.join(checkout, 'packages/core/dist');
  return `
const { BUILTIN_SOURCE_KINDS } = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'document/source-kinds.js')).href)});
const kind = BUILTIN_SOURCE_KINDS.find((k) => k.id === 'python');
const first = ${JSON.stringify(text)};
const module = (i) => ${JSON.stringify(block)}.replaceAll('fw-{version}', 'fw-' + i).replaceAll('ota-role', 'role-' + i);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let c = cpu(), t = performance.now();
await kind.prepare?.();
if (kind.read('first.py', first).requests.length !== 40) throw new Error('the reader missed calls');
const firstFile = [cpu() - c, performance.now() - t];
c = cpu(); t = performance.now();
let requests = 0;
for (let i = 0; i < 1000; i++) requests += kind.read('m' + i + '.py', module(i)).requests.length;
if (requests !== 1000) throw new Error('the reader missed calls');
console.log(JSON.stringify([...firstFile, cpu() - c, performance.now() - t]));`;
}

/** Each checkout's reader `runs` times, the checkouts' processes interleaved (load on the machine falls on all). */
function timeReaders(checkouts) {
  const rows = checkouts.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [at, checkout] of checkouts.entries()) {
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', readerScript(checkout)], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(result.stderr);
      rows[at].push(JSON.parse(result.stdout));
    }
  }
  return rows.map((list) => {
    const col = (i) => median(list.map((row) => row[i])).toFixed(1);
    return `prepare + first file: CPU ${col(0)} ms (wall ${col(1)})   then 1,000 files: CPU ${col(2)} ms (wall ${col(3)})`;
  });
}

const readers = [['this checkout', root], ...(values.before ? [['--before', path.resolve(values.before)]] : [])];
for (const [name, figures] of timeReaders(readers.map(([, checkout]) => checkout)).map((figures, i) => [readers[i][0], figures])) {
  console.log(`reader (${name.padEnd(13)})  ${figures}`);
}
