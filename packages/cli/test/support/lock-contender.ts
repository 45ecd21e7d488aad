/**
 * One of many processes racing for one journal lock, for the lock test: in each time slot it
 * tries to take the lock; the winner enters a critical section (a marker file created
 * exclusively, so a second process inside at the same moment is caught), stays a few ms, and
 * leaves the lock behind as a killed run would (naming a process that is gone, with a token of its
 * own), so that every slot starts with a stale lock for all of them to break at once. With
 * `stale-break`, the winner also leaves that lock's break lock behind (`LOCK.break-<token>`, old,
 * naming a process that is gone) as a run killed while breaking it would, so that they all break
 * that first.
 *
 * node --import tsx lock-contender.ts LOCK SLOTS SLOT_MS [stale-break]: prints "ready" once loaded,
 * waits for the file LOCK.go (the moment the first slot starts, in ms since the epoch), then
 * "taken N, refused N, overlaps N, failures N" (and each distinct failure on a line of its own).
 */
import { openSync, closeSync, readFileSync, renameSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { UsageError } from '../../src/exit-codes.js';
import { JournalLock } from '../../src/submit/journal-lock.js';

const [lock, slotsText, slotText, leave] = process.argv.slice(2) as [string, string, string, string | undefined];
const [slots, slotMs] = [Number(slotsText), Number(slotText)];
const marker = `${lock}.inside`;
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
console.log('ready');
let start = Number.NaN;
while (Number.isNaN(start)) {
  try {
    start = Number(readFileSync(`${lock}.go`, 'utf8'));
  } catch {
    pause(2);
  }
}
let taken = 0;
let refused = 0;
let overlaps = 0;
/** What `take` threw that is not its refusal (a UsageError naming the holder): a bug in the lock. */
const failures: string[] = [];
for (let slot = 0; slot < slots; slot++) {
  const wait = start + slot * slotMs - Date.now();
  if (wait > 0) pause(wait);
  // Until the slot ends, try again whenever refused: the others keep breaking and taking it meanwhile.
  for (const end = start + (slot + 1) * slotMs - 2; Date.now() < end;) {
    try {
      JournalLock.take(lock);
    } catch (error) {
      if (error instanceof UsageError) refused++;
      else failures.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    taken++;
    try {
      closeSync(openSync(marker, 'wx'));
    } catch {
      overlaps++;
      break;
    }
    pause(1);
    unlinkSync(marker);
    // Left behind as by a run killed while holding it: a process that is gone, and a token of its
    // own (a real lock's is a random UUID, never reused: a stale lock the same as the last slot's
    // would let a breaker judge one by the other). Made aside and moved into place whole.
    const token = `killed-run-${process.pid}-${slot}`;
    if (leave === 'stale-break') {
      // As by a run killed while breaking it: old, naming a process that is gone, and in place
      // before the lock names the token, so that no live breaker of that lock can hold it yet.
      const aside = `${lock}.${process.pid}.stale-break`;
      writeFileSync(aside, `2147483646\nkilled-breaker-${process.pid}-${slot}\n`);
      const old = new Date(Date.now() - 60_000);
      utimesSync(aside, old, old);
      renameSync(aside, `${lock}.break-${token}`);
    }
    const aside = `${lock}.${process.pid}.stale`;
    writeFileSync(aside, `2147483646\n${token}\n`);
    renameSync(aside, lock);
    break;
  }
}
console.log(`taken ${taken}, refused ${refused}, overlaps ${overlaps}, failures ${failures.length}`);
for (const failure of new Set(failures)) console.log(`failure: ${failure}`);
