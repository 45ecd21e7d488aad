// Measuring commands side by side for the benchmarks: every command a fresh process, rounds
// interleaved (a round runs every command once, so a busy machine slows all alike), medians of wall
// time, CPU (user + system) and peak memory (max RSS), from /usr/bin/time.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';

/**
 * What a measured command runs without: NODE_EXTRA_CA_CERTS makes every Node process load those
 * certificates as it starts (some 60 ms a process on a machine that set it to the system's bundle),
 * which no user's `otalint` or floor pays unless they set it too, and which would pad every floor.
 */
const LEFT_OUT = ['NODE_EXTRA_CA_CERTS'];

/** A line for a benchmark's header: what the measured commands' environment leaves out, if this one sets it. */
export function environmentNote(env = process.env) {
  const unset = LEFT_OUT.filter((name) => env[name] !== undefined);
  return unset.length === 0 ? '' : `measured commands run without ${unset.join(', ')} (set here; see bench/lib/measure.mjs)`;
}

function measuredEnv(env) {
  if (!LEFT_OUT.some((name) => env[name] !== undefined)) return env;
  const kept = { ...env };
  for (const name of LEFT_OUT) delete kept[name];
  return kept;
}

/**
 * Runs each command (`node <args>`, in `cwd`) `rounds` times, interleaved, after one warm-up
 * round (unless not `warmUp`); returns the median wall, CPU and peak RSS per command, and the
 * file holding its last output. `checked(name)`: the command's exit code is checked by the caller
 * (its output), else anything but 0 or 1 throws.
 */
export function measure(names, argsOf, rounds, { cwd, scratch, warmUp = true, checked = () => false, env = process.env }) {
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const outputs = {};
  for (let round = warmUp ? 0 : 1; round <= rounds; round++) {
    for (const name of names) {
      const { sample, output } = runOnce(argsOf(name), path.join(scratch, `${name.replace(/\W/g, '_')}.out`), { cwd, scratch, checked: checked(name), env });
      if (round > 0) samples[name].push(sample);
      outputs[name] = output;
    }
  }
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        wall: median(samples[name].map((s) => s.wall)),
        cpu: median(samples[name].map((s) => s.cpu)),
        rss: median(samples[name].map((s) => s.rss)),
        rounds: samples[name],
        output: outputs[name],
      },
    ]),
  );
}

function runOnce(args, outputFile, { cwd, scratch, checked, env }) {
  const usage = path.join(scratch, 'usage.txt');
  const out = openSync(outputFile, 'w');
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', usage, process.execPath, ...args], {
    cwd,
    env: measuredEnv(env),
    stdio: ['ignore', out, out],
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(out);
  if (result.status !== 0 && result.status !== 1 && !checked) {
    throw new Error(`${args.join(' ')} exited ${result.status}:\n${readFileSync(outputFile, 'utf8').slice(0, 2000)}`);
  }
  const [user, system, rssKiB] = readFileSync(usage, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { sample: { wall, cpu: (user + system) * 1000, rss: rssKiB * 1024 }, output: outputFile };
}

export function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A command's ratio to another round by round (each round runs both, one after the other): the
 * median, and the spread as the lowest and highest and the middle half (quartiles).
 */
export function roundRatios(command, floor, key) {
  const ratios = command.rounds.map((sample, i) => sample[key] / floor.rounds[i][key]).sort((a, b) => a - b);
  const at = (q) => ratios[Math.min(ratios.length - 1, Math.floor(q * (ratios.length - 1) + 0.5))];
  const x = (n) => `${n.toFixed(2)}x`;
  return `median ${x(median(ratios))}, middle half ${x(at(0.25))}-${x(at(0.75))}, all ${x(ratios[0])}-${x(ratios.at(-1))}`;
}

export const ratio = (value, floor) => `${(value / floor).toFixed(2)}x`;
export const mib = (bytes) => (bytes / 1024 / 1024).toFixed(0);

/** The machine's load (1, 5, 15 minutes), to print beside every figure: a busy machine skews walls. */
export const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** A table: the second column left-aligned (names), the others right-aligned; an empty row is a blank line. */
export function printTable(head, body) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i] ?? '').length)));
  const line = (row) => row.map((cell, i) => (i === 1 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  console.log(line(head));
  for (const row of body) console.log(row.length ? line(row) : '');
}
