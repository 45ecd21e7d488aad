#!/usr/bin/env node
// otalint on a repository of mixed files (bench/mixed-repo-files.mjs: TypeScript, JavaScript,
// Python, Markdown, shell scripts, Makefiles, workflows and JSON, one file in twenty holding a
// request) against the floor for reading the same files (bench/floor.cjs --all: read every file,
// JSON.parse the JSON ones); and whether the source kinds slow a folder of JSON requests: otalint on
// 10,000 generated requests with every kind on, and with only the request-file kinds (json, yaml).
// Every command a fresh process, rounds interleaved, medians of wall, CPU and peak memory; and for
// the mixed repository each linter's ratio to the floor round by round (both run in the same round,
// one after the other, so the machine's drift between rounds cancels), with its median and spread:
// the floor of 5,000 small files alone varies by a quarter between runs.
//
//   node bench/mixed-repo.mjs [--files 5000] [--json-files 10000] [--runs 15] [--otalint path/to/bin/otalint.cjs]
//                             [--before path/to/other/bin/otalint.cjs]
//   (after `pnpm build`; `--json-files 0` leaves the JSON-only case out; `--before` adds another
//   build's row to the mixed repository, measured in the same rounds and checked the same way)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { environmentNote, load, measure, mib, printTable, ratio, roundRatios } from './lib/measure.mjs';
import { writeMixedRepo } from './mixed-repo-files.mjs';
import { writeRequests } from './requests.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const FLOOR = path.join(root, 'bench/floor.cjs');
const OTHER_KINDS = ['shell', 'makefile', 'github-workflow', 'gitlab-ci', 'markdown', 'javascript', 'python'];

/**
 * The rows (files, command, wall, CPU, peak, wall / floor, CPU / floor) of the mixed repository
 * of `files` files, and notes (a run that did not find every request is not valid).
 */
export function mixedRepoRows({ otalint, before, scratch, files, runs }) {
  const repo = path.join(scratch, `mixed-${files}`);
  const { holding, bytes } = writeMixedRepo(repo, files);
  const commands = {
    'floor (read all)': [FLOOR, '--all', '.'],
    otalint: [otalint, '--format', 'json', '.'],
    ...(before ? { 'before: otalint': [before, '--format', 'json', '.'] } : {}),
  };
  const linters = Object.keys(commands).slice(1);
  const results = measure(Object.keys(commands), (name) => commands[name], runs, { cwd: repo, scratch, checked: (name) => linters.includes(name) });
  const read = Number(readFileSync(results['floor (read all)'].output, 'utf8'));
  if (read !== files) throw new Error(`the floor read ${read} files of ${files}`);
  const notes = [`mixed repository: ${files.toLocaleString('en')} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${holding.length} holding a request`];
  const marks = {};
  for (const name of linters) {
    const invalid = checkMixed(results[name].output, holding);
    if (invalid) notes.push(`${name} on the mixed repository is NOT VALID: ${invalid}`);
    marks[name] = invalid ? ' (not valid)' : '';
    for (const key of ['wall', 'cpu']) {
      notes.push(`${name}, ${key === 'wall' ? 'wall' : 'CPU'} / floor round by round: ${roundRatios(results[name], results['floor (read all)'], key)}`);
    }
  }
  if (before && readFileSync(results.otalint.output, 'utf8') !== readFileSync(results['before: otalint'].output, 'utf8')) {
    notes.push('otalint and the build before report DIFFERENT findings on the mixed repository');
  }
  return { rows: rowsOf(files, results, 'floor (read all)', marks), notes };
}

/** The rows of otalint on `files` JSON requests with every source kind on, and with the request-file kinds only. */
export function jsonOnlyRows({ otalint, scratch, files, runs }) {
  const dir = path.join(scratch, `requests-only-${files}`);
  writeRequests(path.join(dir, 'requests'), files);
  writeFileSync(path.join(dir, 'all-kinds.json'), `${JSON.stringify([{ extends: ['recommended'] }])}\n`);
  writeFileSync(
    path.join(dir, 'requests-only.json'),
    `${JSON.stringify([{ extends: ['recommended'], sources: Object.fromEntries(OTHER_KINDS.map((kind) => [kind, false])) }])}\n`,
  );
  const commands = {
    floor: [FLOOR, 'requests'],
    'otalint, every kind': [otalint, '--format', 'json', '-c', 'all-kinds.json', 'requests'],
    'otalint, json/yaml only': [otalint, '--format', 'json', '-c', 'requests-only.json', 'requests'],
  };
  const results = measure(Object.keys(commands), (name) => commands[name], runs, { cwd: dir, scratch });
  const every = results['otalint, every kind'];
  const only = results['otalint, json/yaml only'];
  const same = readFileSync(every.output, 'utf8') === readFileSync(only.output, 'utf8');
  return {
    rows: rowsOf(files, results, 'floor'),
    notes: [
      `JSON requests only, ${files.toLocaleString('en')} files: every kind on / json and yaml only = ${ratio(every.wall, only.wall)} wall, ${ratio(every.cpu, only.cpu)} CPU${same ? '' : ' (the reports DIFFER)'}`,
    ],
  };
}

function rowsOf(files, results, floorName, marks = {}) {
  const floor = results[floorName];
  return Object.entries(results).map(([name, { wall, cpu, rss }]) => [
    files,
    name + (marks[name] ?? ''),
    wall.toFixed(0),
    cpu.toFixed(0),
    mib(rss),
    ratio(wall, floor.wall),
    ratio(cpu, floor.cpu),
  ]);
}

/**
 * Whether otalint reported exactly the files that hold a request, each with its request:
 * undefined when it did, else what went wrong.
 */
function checkMixed(outputFile, holding) {
  let results;
  try {
    ({ results } = JSON.parse(readFileSync(outputFile, 'utf8')));
  } catch {
    return `no JSON report: ${readFileSync(outputFile, 'utf8').slice(0, 300)}`;
  }
  const expected = new Set(holding.map(({ file }) => file));
  const reported = new Set(results.map((r) => r.filePath.split(path.sep).join('/')));
  const missed = [...expected].filter((file) => !reported.has(file));
  const extra = [...reported].filter((file) => !expected.has(file));
  const empty = results.filter((r) => r.requests !== undefined && r.requests.length === 0).map((r) => r.filePath);
  const fatal = results.filter((r) => r.messages.some((m) => m.fatal)).map((r) => r.filePath);
  if (missed.length + extra.length + empty.length + fatal.length === 0) return undefined;
  return [
    missed.length && `${missed.length} request files not reported (${missed.slice(0, 3).join(', ')})`,
    extra.length && `${extra.length} files without a request reported (${extra.slice(0, 3).join(', ')})`,
    empty.length && `${empty.length} code files with no request found (${empty.slice(0, 3).join(', ')})`,
    fatal.length && `${fatal.length} files unreadable (${fatal.slice(0, 3).join(', ')})`,
  ]
    .filter(Boolean)
    .join('; ');
}

export const HEADER = ['files', 'command', 'wall ms', 'CPU ms', 'peak MiB', 'wall / floor', 'CPU / floor'];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '5000' },
      'json-files': { type: 'string', default: '10000' },
      runs: { type: 'string', default: '15' },
      otalint: { type: 'string', default: path.join(root, 'packages/cli/bin/otalint.cjs') },
      before: { type: 'string' },
    },
  });
  const scratch = path.join(tmpdir(), 'otalint-bench-mixed');
  mkdirSync(scratch, { recursive: true });
  const options = { otalint: path.resolve(values.otalint), scratch, runs: Number(values.runs) };
  console.log(`node ${process.version}; medians of ${options.runs} interleaved rounds after a warm-up round; load average before: ${load()}\n`);
  if (environmentNote()) console.log(`${environmentNote()}\n`);
  const mixed = mixedRepoRows({ ...options, ...(values.before ? { before: path.resolve(values.before) } : {}), files: Number(values.files) });
  const json = Number(values['json-files']) > 0 ? jsonOnlyRows({ ...options, files: Number(values['json-files']) }) : { rows: [], notes: [] };
  printTable(HEADER, [...mixed.rows, ...(json.rows.length ? [[], ...json.rows] : [])]);
  console.log('');
  for (const note of [...mixed.notes, ...json.notes]) console.log(note);
  console.log(`load average after: ${load()}`);
}
